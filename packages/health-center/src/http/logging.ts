/**
 * Structured JSON logs with pino. Serializers are allow-lists: a request is logged as method
 * and route pattern only (no query string, no IP address, no headers), so neither a number,
 * a phone number nor an address can reach a log line through them.
 */
import pino from 'pino';
import type { DestinationStream, Logger } from 'pino';

/** Creates the service logger, writing JSON lines to `destination` (stdout by default). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'health-center' },
      serializers: {
        req: (req: { method?: string; routeOptions?: { url?: string } }) => ({
          method: req.method,
          route: req.routeOptions?.url,
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
        err: (err: { name?: string; code?: unknown; message?: string; stack?: string }) => ({
          type: err.name,
          code: typeof err.code === 'string' ? err.code : undefined,
          message: err.message,
          stack: err.stack,
        }),
      },
      // A second line of defence for fields that must never be logged even by mistake.
      redact: {
        paths: [
          '*.password',
          '*.processingNumber',
          '*.phoneNumber',
          '*.email',
          '*.contact',
          '*.to',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
