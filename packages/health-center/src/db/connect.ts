/**
 * Opens the database a `DATABASE_URL` names: SQLite through better-sqlite3 by default, or
 * PostgreSQL through a pg pool, both behind one Kysely query layer.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { HealthCenterDatabase } from './schema.ts';

/** The Kysely handle every storage module uses, plus which engine is behind it. */
export interface HealthCenterDb {
  db: Kysely<HealthCenterDatabase>;
  dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

const PG_INT8 = 20;

/** True when the URL names a PostgreSQL server rather than an SQLite file. */
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

/** Opens SQLite or PostgreSQL as the URL says; `schema` sets the PostgreSQL search path. */
export function openDatabase(url: string, options: { schema?: string } = {}): HealthCenterDb {
  const db = isPostgresUrl(url) ? openPostgres(url, options.schema) : openSqlite(url);
  return {
    db,
    dialect: isPostgresUrl(url) ? 'postgres' : 'sqlite',
    close: () => db.destroy(),
  };
}

function openSqlite(url: string): Kysely<HealthCenterDatabase> {
  const file = url.replace(/^sqlite:(\/\/)?/, '').replace(/^file:/, '');
  if (file !== ':memory:') {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }

  const sqlite = new Database(file);
  // WAL lets readers run beside the single writer; the busy timeout makes a second process
  // wait for the write lock instead of failing, which is what atomic consumption relies on.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  return new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
}

function openPostgres(url: string, schema: string | undefined): Kysely<HealthCenterDatabase> {
  // Times are BIGINT milliseconds; read them back as numbers for this pool only, without
  // touching pg's global parsers that other code in the process may rely on.
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === PG_INT8 && format !== 'binary'
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
