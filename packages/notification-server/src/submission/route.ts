/**
 * `PUT /api/v3/diagnosis`: the only endpoint that accepts data from phones. Every answer is
 * padded to one size; decoys (`X-Chaff`) get a real-looking answer after a real-looking delay;
 * maintenance and throttling answer before any work is done.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { CHAFF_HEADER, MAX_SUBMISSION_BODY_BYTES, SubmissionErrorCode } from '@cocoa/protocol';
import { RETRY_AFTER_SECONDS, ServerErrorCode, statusOf } from '../errors.ts';
import type { RotatingClientHasher } from '../ops/client-hash.ts';
import type { ServerMetrics } from '../ops/metrics.ts';
import { ChaffTiming, sleep } from './chaff.ts';
import { paddedJson } from './padding.ts';
import { submitDiagnosis, type SubmissionDeps } from './service.ts';
import { submissionRouteSchema } from './openapi-schema.ts';

/** Path phones submit to. */
export const DIAGNOSIS_PATH = '/api/v3/diagnosis';

/** Settings of the submission route. */
export interface SubmissionRouteOptions {
  deps: SubmissionDeps;
  metrics: ServerMetrics;
  clientHasher: RotatingClientHasher;
  isMaintenance: () => boolean;
  rateLimit: { max: number; windowMs: number };
  responseBytes: number;
  /** Waits before a decoy's answer (default: `sleep`). */
  decoyWait?: (ms: number) => Promise<void>;
}

/** Registers the submission route in its own scope (own body parser, limiter, errors). */
export async function submissionRoutes(app: FastifyInstance, options: SubmissionRouteOptions) {
  const timing = new ChaffTiming();
  const decoyWait = options.decoyWait ?? sleep;
  const send = (reply: FastifyReply, code: string, message: string) => {
    const status = code === 'OK' ? 200 : statusOf(code);
    if (status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    return reply
      .code(status)
      .header('content-type', 'application/json; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(paddedJson({ code, message }, options.responseBytes));
  };

  // Bodies are parsed here, not by Fastify's JSON parser, so every content type and every
  // parse failure ends in our own stable code rather than a framework message.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, text, done) => {
    try {
      done(null, JSON.parse(text as string));
    } catch {
      const error = new Error('body is not JSON') as FastifyError;
      error.code = SubmissionErrorCode.BODY_NOT_JSON;
      error.statusCode = 400;
      done(error, undefined);
    }
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const code =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? SubmissionErrorCode.BODY_TOO_LARGE
        : error.statusCode === 429
          ? ServerErrorCode.RATE_LIMITED
          : error.code === SubmissionErrorCode.BODY_NOT_JSON
            ? SubmissionErrorCode.BODY_NOT_JSON
            : (error.statusCode ?? 500) < 500
              ? SubmissionErrorCode.FIELD_INVALID
              : ServerErrorCode.INTERNAL;
    if (code === ServerErrorCode.INTERNAL) request.log.error({ err: error }, 'submission failed');
    options.metrics.submissions.inc({
      outcome: code === ServerErrorCode.INTERNAL ? 'error' : 'invalid',
    });
    const message = code === ServerErrorCode.INTERNAL ? 'internal error' : error.message;
    return send(reply, code, message);
  });

  app.addHook('onRequest', async (request, reply) => {
    if (options.isMaintenance()) {
      options.metrics.submissions.inc({ outcome: 'maintenance' });
      return send(reply, ServerErrorCode.MAINTENANCE, 'the server is in maintenance');
    }
    return undefined;
  });

  await app.register(rateLimit, {
    max: options.rateLimit.max,
    timeWindow: options.rateLimit.windowMs,
    keyGenerator: (request) => options.clientHasher.hash(request.ip),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: ServerErrorCode.RATE_LIMITED,
      message: `too many submissions; retry in ${Math.ceil(context.ttl / 1000)} s`,
    }),
  });

  app.put(
    DIAGNOSIS_PATH,
    {
      bodyLimit: MAX_SUBMISSION_BODY_BYTES,
      schema: submissionRouteSchema,
      validatorCompiler: () => () => true,
    },
    async (request, reply) => {
      if (request.headers[CHAFF_HEADER] !== undefined) {
        // Stores nothing; waits about as long as a real submission would have taken.
        await decoyWait(timing.delayMs());
        options.metrics.submissions.inc({ outcome: 'chaff' });
        return send(reply, 'OK', 'keys accepted');
      }

      const started = performance.now();
      const result = await submitDiagnosis(options.deps, request.body);
      // Decoys imitate submissions that reached verification, the ones a watcher cares about.
      if (result.outcome === 'accepted' || result.outcome === 'not_accepted') {
        timing.record(performance.now() - started);
      }

      options.metrics.submissions.inc({ outcome: result.outcome });
      request.log.info(
        { outcome: result.outcome, code: result.code, stored: result.stored },
        'submission',
      );
      return send(reply, result.code, result.message);
    },
  );
}
