/**
 * Tables of the notification server. Only published material lives here: daily keys (real
 * and fake padding), export file records and hashed idempotency keys. No IP address, no
 * processing number, arrival times truncated to the hour.
 */
import type { Generated } from 'kysely';

/** A daily key waiting for or included in an export file. */
export interface ExposureKeyTable {
  region: string;
  key_data: Uint8Array;
  rolling_start_interval_number: number;
  rolling_period: number;
  transmission_risk_level: number;
  report_type: number;
  days_since_onset: number;
  /** Arrival time truncated to the hour (ms), so storage order reveals nothing finer. */
  created_hour_ms: number;
  /** Not to be published before this instant (ms). */
  embargo_until_ms: number;
  /** 1 for random padding keys, which are stored so a regenerated file is identical. */
  is_fake: number;
  /** The export file that publishes this key; null until planned. */
  export_file_id: number | null;
}

/** One export file: planned first, then written and signed, then listed in the index. */
export interface ExportFileTable {
  id: Generated<number>;
  region: string;
  /** Window of this run, UTC seconds; files of one window differ by `end_timestamp`. */
  window_start_s: number;
  window_end_s: number;
  start_timestamp_s: number;
  end_timestamp_s: number;
  /** Blob name, e.g. `440/12.zip`. */
  blob_name: string;
  key_count: number;
  /** `planned` until the signed zip is in the blob store, then `published`. */
  status: string;
  byte_size: number | null;
  created_ms: number;
}

/** One accepted submission, by a hash of its idempotency key, so a retry stores nothing. */
export interface SubmissionTable {
  idempotency_hash: string;
  created_hour_ms: number;
}

/** The whole database as Kysely sees it. */
export interface NotificationDatabase {
  exposure_keys: ExposureKeyTable;
  export_files: ExportFileTable;
  submissions: SubmissionTable;
}
