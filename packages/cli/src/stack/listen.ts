import { createServer } from 'node:net';
import { CliError } from '../errors.ts';
import { findFreePort } from '../ports.ts';

// getaddrinfo's answers when a name does not resolve: no such name, a temporary failure of the
// resolver (no network), or a lookup that failed for good.
const HOST_NOT_FOUND_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);

/**
 * Checks that every service can listen on `host` before anything slow (migrations, the app
 * build) runs: a mistyped name or an address of another machine fails at once, in one line.
 */
export async function requireListenableHost(host: string): Promise<void> {
  try {
    await findFreePort(host);
  } catch (error) {
    throw hostError(host, error) ?? error;
  }
}

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
    throw hostError(address.host, error) ?? error;
  }
}

/**
 * Checks that each port can be listened on now, before the slow steps (migrations, the app
 * build), so a taken port fails in a second with the flag that moves it. The services listen
 * for real later; `listenOrExplain` still explains a port taken in between.
 */
export async function requireFreePorts(
  host: string,
  ports: readonly { service: string; flag: string; port: number }[],
): Promise<void> {
  for (const { service, flag, port } of ports) {
    await listenOrExplain(service, flag, { host, port }, () => probe(host, port));
  }
}

function probe(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve()));
  });
}

function hostError(host: string, error: unknown): CliError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && HOST_NOT_FOUND_CODES.has(code)) {
    return new CliError(
      'HOST_NOT_FOUND',
      `--host ${host} (or COCOA_HOST) is not a name this machine can resolve; pass an address ` +
        'such as 127.0.0.1 (this machine only) or 0.0.0.0 (every network), or fix the name',
      { cause: error },
    );
  }
  if (code === 'EADDRNOTAVAIL') {
    return new CliError(
      'ADDRESS_UNAVAILABLE',
      `--host ${host} (or COCOA_HOST) is not an address of this machine; pass one of its ` +
        'addresses, 127.0.0.1 (this machine only) or 0.0.0.0 (every network)',
      { cause: error },
    );
  }
  return undefined;
}
