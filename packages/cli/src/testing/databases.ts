/**
 * Test helper: fresh places for the services' tables — a new database on the test PostgreSQL
 * server per suite (so no other suite's migration tables are visible) — and a way to list
 * what got created.
 */
import { randomBytes } from 'node:crypto';
import { openDatabase as openHealthCenterDb } from '@cocoa/health-center';
import { sql } from 'kysely';

/** Connection string of the test PostgreSQL server. */
export const TEST_POSTGRES_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://cocoa_test:cocoa_test@127.0.0.1:5432/cocoa_test';

/** A new, empty PostgreSQL database for one suite. */
export interface FreshDatabase {
  url: string;
  /** Drops the database; connections to it must be closed first. */
  drop(): Promise<void>;
}

/** Creates a new database on the test server, named with a readable prefix. */
export async function createFreshDatabase(prefix: string): Promise<FreshDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await adminStatement(sql`CREATE DATABASE ${sql.id(name)}`);
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminStatement(sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`),
  };
}

/** Names of the tables in a database (SQLite file, or one PostgreSQL schema). */
export async function tableNames(url: string, schema?: string): Promise<string[]> {
  const handle = openHealthCenterDb(url, { schema });
  try {
    const tables = await handle.db.introspection.getTables({ withInternalKyselyTables: true });
    return tables
      .filter((table) => schema === undefined || table.schema === schema)
      .map((table) => table.name)
      .sort();
  } finally {
    await handle.close();
  }
}

async function adminStatement(statement: ReturnType<typeof sql>): Promise<void> {
  const handle = openHealthCenterDb(TEST_POSTGRES_URL);
  try {
    await statement.execute(handle.db);
  } finally {
    await handle.close();
  }
}
