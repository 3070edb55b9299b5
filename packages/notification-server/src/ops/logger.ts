/**
 * The server's pino logger. Serializers are allow-lists: a request is logged as method, path
 * and id, a response as its status; never an address, header, query string or body, which is
 * where IP addresses, key data and processing numbers would otherwise leak.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

interface LoggableRequest {
  id?: unknown;
  method?: string;
  url?: string;
}

/** Creates the logger; `destination` defaults to stdout. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'notification-server' },
      serializers: {
        req: (req: LoggableRequest) => ({
          id: req.id,
          method: req.method,
          path: typeof req.url === 'string' ? req.url.split('?')[0] : undefined,
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
        err: (err: Error & { code?: string }) => ({
          type: err.name,
          code: err.code,
          message: err.message,
        }),
      },
    },
    destination,
  );
}
