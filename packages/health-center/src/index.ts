/** Public API of the health-center system, used by the CLI, the simulator and end-to-end tests. */
export { buildHealthCenterApp } from './app.ts';
export type { HealthCenterApp, HealthCenterAppOptions } from './app.ts';
export { ConfigError, loadConfig } from './config.ts';
export type { HealthCenterConfig, NumberHashKey, VerificationClient } from './config.ts';
export { openDatabase, isPostgresUrl } from './db/connect.ts';
export type { HealthCenterDb } from './db/connect.ts';
export { runMigrations } from './db/migrations.ts';
export { DevOutbox } from './delivery/outbox.ts';
export type { OutboxMessage } from './delivery/outbox.ts';
export type { MailProvider, SmsProvider } from './delivery/providers.ts';
export { registrationLink } from './delivery/send.ts';
export {
  createStaffAccount,
  normalizeStaffUsername,
  StaffAccountError,
  staffUsernameTaken,
} from './staff/accounts.ts';
export { ERROR_STATUS, HealthCenterError } from './errors.ts';
