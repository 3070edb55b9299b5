/** Everything request handlers share, built once per app. */
import type { HealthCenterConfig } from './config.ts';
import type { HealthCenterDb } from './db/connect.ts';
import type { DevOutbox } from './delivery/outbox.ts';
import type { DeliveryProviders } from './delivery/send.ts';
import type { HealthCenterMetrics } from './http/metrics.ts';
import type { Limiters } from './http/rate-limits.ts';
import type { NumberStore } from './numbers/store.ts';
import type { SessionStore } from './staff/sessions.ts';

/** Services and settings the routes use; tests reach the same objects through the app. */
export interface HealthCenterContext {
  config: HealthCenterConfig;
  clock: () => number;
  database: HealthCenterDb;
  numbers: NumberStore;
  sessions: SessionStore;
  metrics: HealthCenterMetrics;
  providers: DeliveryProviders;
  outbox: DevOutbox | null;
  limiters: Limiters;
}
