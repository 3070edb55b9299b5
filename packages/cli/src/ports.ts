import { createServer } from 'node:net';

/**
 * Asks the operating system for a free TCP port on `host`. The services need each other's
 * addresses before any of them listens, so `--port 0` is resolved to a real port up front.
 */
export function findFreePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Returns `port`, or a free port when it is 0. */
export async function resolvePort(host: string, port: number): Promise<number> {
  return port === 0 ? findFreePort(host) : port;
}
