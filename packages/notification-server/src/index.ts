export { buildNotificationServerApp } from './app.ts';
export type { NotificationServer, NotificationServerOptions } from './app.ts';
export { loadConfigFromEnv, parseConfig } from './config/config.ts';
export type {
  NotificationServerConfig,
  NotificationServerConfigInput,
  SigningKeyConfig,
} from './config/config.ts';
export { openDatabase } from './db/connect.ts';
export type { NotificationDb } from './db/connect.ts';
export { runMigrations } from './db/migrations.ts';
export { runExportJob } from './export/job.ts';
export type { ExportJobOptions, ExportRunResult } from './export/job.ts';
export { runRetentionJob } from './retention/job.ts';
export type { RetentionJobOptions, RetentionResult } from './retention/job.ts';
export { createDirectoryBlobStore } from './blob/directory-store.ts';
export type { BlobStore } from './blob/store.ts';
export { createHttpVerifier } from './verification/client.ts';
export type { Verifier } from './verification/client.ts';
export { DIAGNOSIS_PATH } from './submission/route.ts';
export { EXPORTS_PREFIX } from './blob/routes.ts';
export { EXPOSURE_CONFIGURATION_PREFIX } from './exposure-config/routes.ts';
