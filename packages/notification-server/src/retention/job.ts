/**
 * Deletes what is no longer useful after 14 days: keys (real and fake) whose validity ended
 * before the submission bound, export files and their index entries, and idempotency hashes.
 * The key bound is the submission's own, so a key accepted at the edge is still exported.
 */
import { DAY_MS, MAX_KEY_AGE_DAYS, minimumKeyEndInterval } from '@cocoa/protocol';
import { sql } from 'kysely';
import type { BlobStore } from '../blob/store.ts';
import type { NotificationDb } from '../db/connect.ts';
import { writeRegionIndex } from '../export/index-files.ts';
import { withJobLock } from '../export/job-lock.ts';
import type { ServerMetrics } from '../ops/metrics.ts';

/** Everything a retention run needs. */
export interface RetentionJobOptions {
  db: NotificationDb;
  store: BlobStore;
  regions: readonly string[];
  publicBaseUrl: string;
  now?: () => number;
  metrics?: ServerMetrics;
}

/** What one run removed. */
export interface RetentionResult {
  keys: number;
  files: number;
  submissions: number;
}

/** Runs the retention job once. */
export async function runRetentionJob(options: RetentionJobOptions): Promise<RetentionResult> {
  return withJobLock(options.db, () => retainOnce(options));
}

async function retainOnce(options: RetentionJobOptions): Promise<RetentionResult> {
  const { db } = options.db;
  const nowMs = (options.now ?? Date.now)();
  const cutoffMs = nowMs - MAX_KEY_AGE_DAYS * DAY_MS;

  const keys = await db
    .deleteFrom('exposure_keys')
    .where(
      sql<number>`rolling_start_interval_number + rolling_period`,
      '<',
      minimumKeyEndInterval(nowMs),
    )
    .executeTakeFirst();

  // Index first, blobs last: an index never names a file that is already gone.
  const oldFiles = await db
    .selectFrom('export_files')
    .select(['id', 'region', 'blob_name'])
    .where('created_ms', '<', cutoffMs)
    .execute();
  if (oldFiles.length > 0) {
    await db
      .deleteFrom('export_files')
      .where(
        'id',
        'in',
        oldFiles.map((f) => f.id),
      )
      .execute();
    for (const region of new Set(oldFiles.map((f) => f.region))) {
      await writeRegionIndex(options.db, { ...options, region });
    }
    for (const f of oldFiles) await options.store.delete(f.blob_name);
  }

  const submissions = await db
    .deleteFrom('submissions')
    .where('created_hour_ms', '<', cutoffMs)
    .executeTakeFirst();

  const result = {
    keys: Number(keys.numDeletedRows),
    files: oldFiles.length,
    submissions: Number(submissions.numDeletedRows),
  };
  options.metrics?.retentionDeleted.inc({ kind: 'keys' }, result.keys);
  options.metrics?.retentionDeleted.inc({ kind: 'files' }, result.files);
  return result;
}
