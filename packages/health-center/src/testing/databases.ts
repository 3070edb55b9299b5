/**
 * Test helper: a fresh, migrated database per suite on each engine, so suites run in
 * parallel without seeing each other's rows. PostgreSQL suites get their own schema.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../db/connect.ts';
import type { HealthCenterDb } from '../db/connect.ts';
import { runMigrations } from '../db/migrations.ts';

/** Connection string of the test PostgreSQL server. */
export const TEST_POSTGRES_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://cocoa_test:cocoa_test@127.0.0.1:5432/cocoa_test';

/** Where a test database lives, enough to open a second connection to the same data. */
export interface TestDatabaseLocation {
  engine: 'sqlite' | 'postgres';
  url: string;
  schema?: string;
  /** Drops the schema or deletes the file. */
  dispose(): Promise<void>;
}

/** The two engines every storage test runs against. */
export const ENGINES = ['sqlite', 'postgres'] as const;

/** Creates an empty database location (file or schema) for one suite. */
export async function createTestDatabase(
  engine: 'sqlite' | 'postgres',
): Promise<TestDatabaseLocation> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'hc-test-'));
    return {
      engine,
      url: `sqlite:${path.join(dir, 'health-center.sqlite')}`,
      dispose: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }

  const schema = `hc_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE SCHEMA ${schema}`);
  return {
    engine,
    url: TEST_POSTGRES_URL,
    schema,
    dispose: () => adminQuery(`DROP SCHEMA ${schema} CASCADE`),
  };
}

/** Opens and migrates a connection to a test database location. */
export async function openTestDatabase(location: TestDatabaseLocation): Promise<HealthCenterDb> {
  const handle = openDatabase(location.url, { schema: location.schema });
  await runMigrations(handle.db);
  return handle;
}

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
