/**
 * Turns every error into the registry's `{ code, message }` (JSON API) or an error page
 * (console), and logs 5xx at error level and everything else at info, per the log policy.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProtocolError } from '@cocoa/protocol';
import { ERROR_STATUS, HealthCenterError } from '../errors.ts';
import type { ErrorCode } from '../errors.ts';

// Fastify's own body-parsing failures, mapped to our stable codes.
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
};

/** Renders an error for the console; set by the console module. */
export type ConsoleErrorRenderer = (
  request: FastifyRequest,
  reply: FastifyReply,
  error: HealthCenterError,
) => FastifyReply;

/** Maps any thrown value to a registry error without leaking its original message. */
export function toHealthCenterError(error: unknown): HealthCenterError {
  if (error instanceof HealthCenterError) return error;
  if (error instanceof ProtocolError && error.code in ERROR_STATUS) {
    const code = error.code as ErrorCode;
    if (ERROR_STATUS[code] === 400) return new HealthCenterError(code, error.message);
  }

  const fastifyError = error as Partial<FastifyError>;
  const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (mapped) return new HealthCenterError(mapped, describe(mapped));
  if (fastifyError.statusCode === 404) return new HealthCenterError('NOT_FOUND', 'not found');
  if (fastifyError.statusCode && fastifyError.statusCode < 500) {
    return new HealthCenterError('BAD_REQUEST', 'the request could not be understood');
  }
  return new HealthCenterError('INTERNAL', 'internal error');
}

/** Installs the error and not-found handlers. */
export function installErrorHandlers(app: FastifyInstance, renderConsole: ConsoleErrorRenderer) {
  app.setErrorHandler((error, request, reply) => {
    const mapped = toHealthCenterError(error);
    if (mapped.statusCode >= 500) {
      request.log.error({ err: error }, 'request failed');
    }
    return respond(request, reply, mapped, renderConsole);
  });

  app.setNotFoundHandler((request, reply) =>
    respond(request, reply, new HealthCenterError('NOT_FOUND', 'not found'), renderConsole),
  );
}

function respond(
  request: FastifyRequest,
  reply: FastifyReply,
  error: HealthCenterError,
  renderConsole: ConsoleErrorRenderer,
): FastifyReply {
  if (error.code === 'RATE_LIMITED') reply.header('retry-after', '60');
  if (request.url.startsWith('/console')) return renderConsole(request, reply, error);
  return reply.code(error.statusCode).send({ code: error.code, message: error.message });
}

function describe(code: ErrorCode): string {
  switch (code) {
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 'content type not accepted here';
    case 'BODY_TOO_LARGE':
      return 'request body too large';
    case 'MALFORMED_JSON':
      return 'request body is not valid JSON';
    default:
      return 'the request could not be understood';
  }
}
