/**
 * Opens SQLite (better-sqlite3, the default) or PostgreSQL (pg, when the URL says
 * `postgres://`) behind one Kysely query layer.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { NotificationDatabase } from './schema.ts';

/** Which engine a handle talks to; migrations and a few queries differ slightly. */
export type Dialect = 'sqlite' | 'postgres';

/** A Kysely handle with the engine behind it. */
export interface NotificationDb {
  db: Kysely<NotificationDatabase>;
  dialect: Dialect;
  /** PostgreSQL schema in use, when one was chosen. */
  schema?: string;
  close(): Promise<void>;
}

const PG_INT8_OID = 20;

/** True for `postgres://` and `postgresql://` URLs. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * True for the databases this service can open: PostgreSQL URLs and SQLite files (a plain path,
 * or `sqlite:` / `file:`). Any other `scheme://` would otherwise be taken for a file path.
 */
export function isSupportedDatabaseUrl(url: string): boolean {
  return (
    isPostgresUrl(url) || !/^[a-z][a-z0-9+.-]*:\/\//i.test(url) || /^(sqlite|file):/i.test(url)
  );
}

/** Opens the database `url` names; `schema` selects a PostgreSQL schema (search path). */
export function openDatabase(url: string, options: { schema?: string } = {}): NotificationDb {
  const dialect: Dialect = isPostgresUrl(url) ? 'postgres' : 'sqlite';
  const db = dialect === 'postgres' ? openPostgres(url, options.schema) : openSqlite(url);
  const schema = dialect === 'postgres' ? options.schema : undefined;
  return { db, dialect, ...(schema ? { schema } : {}), close: () => db.destroy() };
}

function openSqlite(url: string): Kysely<NotificationDatabase> {
  const file = url.replace(/^sqlite:(\/\/)?/, '');
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });

  const sqlite = new Database(file);
  // WAL keeps readers (file serving, metrics) off the writer's lock; the busy timeout lets a
  // restarted export job wait for a lock instead of failing.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
}

function openPostgres(url: string, schema: string | undefined): Kysely<NotificationDatabase> {
  // Millisecond times and serial ids are BIGINT; parse them as numbers for this pool only so
  // pg's process-wide parsers stay untouched for other code.
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === PG_INT8_OID && format !== 'binary'
        ? (value: string) => Number(value)
        : pg.types.getTypeParser(oid, format),
  };
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: types as pg.CustomTypesConfig,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  return new Kysely({ dialect: new PostgresDialect({ pool }) });
}
