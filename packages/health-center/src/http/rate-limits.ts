/**
 * Per-subject and global rate limits on verification, issuance and sign-in, built on
 * @fastify/rate-limit. Subjects are a client name, a staff id or a hash of a username —
 * never an IP address, which this service does not record anywhere.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { HealthCenterConfig } from '../config.ts';
import { HealthCenterError } from '../errors.ts';
import type { HealthCenterMetrics } from './metrics.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who a per-subject limit counts this request against; set just before checking. */
    limitSubject: string;
  }
}

/** Names of the limits, also the `limit` label of the rate-limited metric. */
export type LimitName =
  | 'verify-client'
  | 'verify-global'
  | 'verify-failures'
  | 'issue-staff'
  | 'issue-global'
  | 'sign-in-user'
  | 'sign-in-global';

/**
 * Checks one limit for a subject and throws `RATE_LIMITED` when it is used up. `take` counts
 * this request; `peek` only looks, for budgets that are spent later (failed verifications).
 */
export type Limiters = (
  name: LimitName,
  request: FastifyRequest,
  subject?: string,
  mode?: 'take' | 'peek',
) => Promise<void>;

const WINDOW_MS = 60_000;

/** Creates the limiters; call after registering @fastify/rate-limit with `global: false`. */
export function createLimiters(
  app: FastifyInstance,
  config: HealthCenterConfig,
  metrics: HealthCenterMetrics,
): Limiters {
  app.decorateRequest('limitSubject', '');

  const perMinute: Record<LimitName, number> = {
    'verify-client': config.verifyRatePerClient,
    'verify-global': config.verifyRateGlobal,
    'verify-failures': config.verifyFailureRate,
    'issue-staff': config.issueRatePerStaff,
    'issue-global': config.issueRateGlobal,
    'sign-in-user': config.signInRate,
    'sign-in-global': config.signInRate * 10,
  };
  const checks = Object.fromEntries(
    Object.entries(perMinute).map(([name, max]) => [
      name,
      app.createRateLimit({
        max,
        timeWindow: WINDOW_MS,
        keyGenerator: (request) => `${name}:${request.limitSubject}`,
      }),
    ]),
  ) as Record<LimitName, ReturnType<FastifyInstance['createRateLimit']>>;

  return async (name, request, subject = 'all', mode = 'take') => {
    request.limitSubject = subject;
    const result = await checks[name](request, { increment: mode === 'take' });
    const usedUp = mode === 'take' ? result.isAllowed === false && result.isExceeded : false;
    const spent = mode === 'peek' ? result.isAllowed === false && result.remaining <= 0 : false;
    if (usedUp || spent) {
      metrics.rateLimited.inc({ limit: name });
      throw new HealthCenterError('RATE_LIMITED', 'too many requests; try again in a minute');
    }
  };
}

/** A stable subject for a free-text name (a username) that does not store the name itself. */
export function subjectOf(text: string): string {
  return createHash('sha256').update(text.trim().toLowerCase()).digest('base64url').slice(0, 16);
}
