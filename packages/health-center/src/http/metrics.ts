/**
 * Prometheus metrics of the health-center system: counts only, never a label that could
 * identify a person or a number. Each app gets its own registry so tests can run side by side.
 */
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** The counters the service updates. */
export interface HealthCenterMetrics {
  registry: Registry;
  numbersIssued: Counter<'channel'>;
  numbersVerified: Counter;
  numbersExpired: Counter;
  numbersRevoked: Counter;
  verificationFailures: Counter;
  deliveries: Counter<'channel' | 'outcome'>;
  signInFailures: Counter;
  rateLimited: Counter<'limit'>;
  liveNumbers: Gauge;
}

/** Creates a fresh registry with every metric of the service. */
export function createMetrics(options: { defaultMetrics?: boolean } = {}): HealthCenterMetrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });

  const registers = [registry];
  return {
    registry,
    numbersIssued: new Counter({
      name: 'hc_numbers_issued_total',
      help: 'Processing numbers issued, by delivery channel.',
      labelNames: ['channel'],
      registers,
    }),
    numbersVerified: new Counter({
      name: 'hc_numbers_verified_total',
      help: 'Processing numbers confirmed to the notification server and consumed.',
      registers,
    }),
    numbersExpired: new Counter({
      name: 'hc_numbers_expired_total',
      help: 'Processing numbers purged after expiring unused.',
      registers,
    }),
    numbersRevoked: new Counter({
      name: 'hc_numbers_revoked_total',
      help: 'Processing numbers revoked by staff.',
      registers,
    }),
    verificationFailures: new Counter({
      name: 'hc_verification_failures_total',
      help: 'Verification requests answered "invalid" (unknown, expired, used or revoked).',
      registers,
    }),
    deliveries: new Counter({
      name: 'hc_deliveries_total',
      help: 'Delivery attempts by channel and outcome.',
      labelNames: ['channel', 'outcome'],
      registers,
    }),
    signInFailures: new Counter({
      name: 'hc_sign_in_failures_total',
      help: 'Console sign-in attempts refused.',
      registers,
    }),
    rateLimited: new Counter({
      name: 'hc_rate_limited_total',
      help: 'Requests refused by a rate limit, by limit.',
      labelNames: ['limit'],
      registers,
    }),
    liveNumbers: new Gauge({
      name: 'hc_live_numbers',
      help: 'Processing numbers that could still be verified, as of the last purge.',
      registers,
    }),
  };
}
