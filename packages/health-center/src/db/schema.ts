/**
 * Table types of the health-center database. Times are milliseconds since the epoch stored
 * as BIGINT, so both SQLite and PostgreSQL compare them the same way.
 */
import type { Insertable, Selectable } from 'kysely';

/** A live processing number: only its keyed hash, never the digits or the recipient. */
export interface ProcessingNumbersTable {
  /** Random handle the console uses to re-send or revoke; reveals nothing about the number. */
  id: string;
  /** HMAC-SHA256 of the digits under the key named by `hash_key_id`, hex. */
  number_hash: string;
  hash_key_id: string;
  /** 1 confirmed test, 2 clinical diagnosis. */
  report_type: number;
  test_date: string;
  onset_date: string | null;
  channel: 'sms' | 'email';
  /** `pending`, `sent` or `failed`. */
  delivery_status: string;
  created_at: number;
  expires_at: number;
}

/** A health-center staff member who may use the console. */
export interface StaffAccountsTable {
  /** Random UUID. */
  id: string;
  username: string;
  password_hash: string;
  created_at: number;
}

/** A signed-in console session, keyed by a hash of the cookie so a database dump signs no one in. */
export interface StaffSessionsTable {
  id_hash: string;
  staff_id: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
}

/** The database as Kysely sees it. */
export interface HealthCenterDatabase {
  processing_numbers: ProcessingNumbersTable;
  staff_accounts: StaffAccountsTable;
  staff_sessions: StaffSessionsTable;
}

/** A stored processing-number row. */
export type ProcessingNumberRow = Selectable<ProcessingNumbersTable>;

/** A processing-number row ready to insert. */
export type NewProcessingNumber = Insertable<ProcessingNumbersTable>;
