/**
 * The export job: plan (pad, assign keys to files), write (sign, store, mark published),
 * index. Each step commits before the next begins, so a run killed anywhere and started
 * again publishes every key exactly once and never indexes a missing or unsigned file.
 */
import type { BlobStore } from '../blob/store.ts';
import type { SigningKeyConfig } from '../config/config.ts';
import type { NotificationDb } from '../db/connect.ts';
import type { ServerMetrics } from '../ops/metrics.ts';
import { writeRegionIndex } from './index-files.ts';
import { withJobLock } from './job-lock.ts';
import { planRegion } from './plan.ts';
import { writePlannedFiles, type PublishedFile } from './write.ts';

/** Everything an export run needs. */
export interface ExportJobOptions {
  db: NotificationDb;
  store: BlobStore;
  regions: readonly string[];
  periodSeconds: number;
  maxKeysPerFile: number;
  minKeysPerFile: number;
  signingKeys: readonly SigningKeyConfig[];
  publicBaseUrl: string;
  /** Current time in ms; injectable so simulations and tests control the clock. */
  now?: () => number;
  metrics?: ServerMetrics;
  /** Called after each committed step with its name; used to test crash safety. */
  onStep?: (step: string) => Promise<void> | void;
}

/** What one run published. */
export interface ExportRunResult {
  files: PublishedFile[];
}

/** Runs the export job once; safe to call while another run is in progress (it waits). */
export async function runExportJob(options: ExportJobOptions): Promise<ExportRunResult> {
  return withJobLock(options.db, () => exportOnce(options));
}

async function exportOnce(options: ExportJobOptions): Promise<ExportRunResult> {
  const nowMs = (options.now ?? Date.now)();
  const onStep = async (step: string) => {
    await options.onStep?.(step);
  };

  // Files planned by an interrupted run are finished first, so their keys go out before
  // anything newer.
  const files = await writePlannedFiles(options.db, { ...options, nowMs, onStep });
  for (const region of options.regions) {
    await planRegion(options.db, { ...options, region, nowMs, onStep });
  }
  files.push(...(await writePlannedFiles(options.db, { ...options, nowMs, onStep })));

  for (const region of options.regions) {
    await writeRegionIndex(options.db, { ...options, region });
    await onStep('indexed');
  }
  for (const f of files) {
    options.metrics?.exportFiles.inc({ region: f.region });
    options.metrics?.exportFileBytes.observe({ region: f.region }, f.byteSize);
  }
  return { files };
}
