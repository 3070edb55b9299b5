/**
 * Test helper: an empty database per suite on SQLite (temporary file) or PostgreSQL (a fresh
 * schema dropped afterwards), so suites run in parallel without sharing rows.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** Connection string of the test PostgreSQL server; a missing server fails the suite. */
export const TEST_POSTGRES_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://cocoa_test:cocoa_test@127.0.0.1:5432/cocoa_test';

/** Both engines every storage-touching suite runs on. */
export const ENGINES = ['sqlite', 'postgres'] as const;

/** A database location for one suite: URL, optional schema, and how to remove it. */
export interface TestDatabase {
  engine: (typeof ENGINES)[number];
  url: string;
  schema?: string;
  dispose(): Promise<void>;
}

/** Creates an empty SQLite file or PostgreSQL schema. */
export async function createTestDatabase(engine: TestDatabase['engine']): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'ns-test-'));
    return {
      engine,
      url: path.join(dir, 'notification-server.sqlite'),
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }

  const schema = `ns_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE SCHEMA ${schema}`);
  return {
    engine,
    url: TEST_POSTGRES_URL,
    schema,
    dispose: () => adminQuery(`DROP SCHEMA ${schema} CASCADE`),
  };
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
