/**
 * The verification API the notification server calls (contract in `@cocoa/protocol`):
 * authenticate the calling service, rate-limit it, then consume the number in one statement.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  VERIFICATION_PATH,
  VERIFICATION_SECRET_HEADER,
  parseVerificationRequest,
} from '@cocoa/protocol';
import type { VerificationResponse } from '@cocoa/protocol';
import type { VerificationClient } from '../config.ts';
import type { HealthCenterContext } from '../context.ts';
import { HealthCenterError } from '../errors.ts';

// `{"processingNumber":"１２３４-５６７８"}` is well under 100 bytes; 1 KiB leaves room for
// whitespace while keeping junk out.
const BODY_LIMIT = 1024;

/** Registers `POST /api/v1/verify`. */
export function registerVerifyRoutes(app: FastifyInstance, ctx: HealthCenterContext): void {
  const clients = ctx.config.verificationClients.map((client) => ({
    name: client.name,
    digest: sha256(client.secret),
  }));

  app.post(VERIFICATION_PATH, { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    await ctx.limiters('verify-global', request);
    const client = authenticate(request, clients);
    await ctx.limiters('verify-client', request, client);

    if (!/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) {
      throw new HealthCenterError('UNSUPPORTED_MEDIA_TYPE', 'send application/json');
    }
    const { processingNumber } = parseVerificationRequest(request.body);
    // Every wrong guess spends the failure budget; once it is gone, guessing pauses for
    // everyone until the window turns, which caps an attacker's guesses per minute.
    await ctx.limiters('verify-failures', request, 'all', 'peek');

    const row = await ctx.numbers.consume(processingNumber, ctx.clock());
    let answer: VerificationResponse;
    if (row) {
      ctx.metrics.numbersVerified.inc();
      answer = {
        result: 'valid',
        reportType: row.report_type === 2 ? 2 : 1,
        testDate: row.test_date,
        ...(row.onset_date ? { onsetDate: row.onset_date } : {}),
      };
    } else {
      // Unknown, expired, used and revoked all look the same to the caller.
      ctx.metrics.verificationFailures.inc();
      await ctx.limiters('verify-failures', request).catch(() => undefined);
      answer = { result: 'invalid' };
    }
    request.log.info({ client, result: answer.result }, 'verification answered');
    return reply.code(200).send(answer);
  });
}

/**
 * Finds the client whose secret the header carries. Digests of equal length are compared
 * in constant time against every client, so timing reveals neither a prefix nor which one.
 */
function authenticate(
  request: FastifyRequest,
  clients: readonly { name: string; digest: Buffer }[],
): VerificationClient['name'] {
  const header = request.headers[VERIFICATION_SECRET_HEADER];
  const presented = sha256(typeof header === 'string' ? header : '');

  let match: string | null = null;
  for (const client of clients) {
    if (timingSafeEqual(presented, client.digest) && match === null) match = client.name;
  }
  if (match === null || typeof header !== 'string') {
    throw new HealthCenterError('VERIFICATION_UNAUTHORIZED', 'missing or wrong client secret');
  }
  return match;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
