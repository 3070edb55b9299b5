import { CliError } from '../errors.ts';

/**
 * Runs a service's `listen` and turns the usual failure, a port already taken, into advice
 * naming the flag that moves it.
 */
export async function listenOrExplain<T>(
  service: string,
  flag: string,
  address: { host: string; port: number },
  listen: () => Promise<T>,
): Promise<T> {
  try {
    return await listen();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'EADDRINUSE') {
      throw new CliError(
        'PORT_IN_USE',
        `port ${address.port} on ${address.host} is already in use, so the ${service} cannot ` +
          `start; stop the other program or pass ${flag} <port> (0 picks a free one)`,
        { cause: error },
      );
    }
    if (code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new CliError(
        'ADDRESS_UNAVAILABLE',
        `the ${service} cannot listen on ${address.host}:${address.port}; pass another --host ` +
          `or ${flag}`,
        { cause: error },
      );
    }
    throw error;
  }
}
