/**
 * Test helper: fresh places for the services' tables — a temporary data directory for SQLite,
 * or two new schemas on the test PostgreSQL server — and a way to list what got created.
 */
import { randomBytes } from 'node:crypto';
import { openDatabase as openHealthCenterDb } from '@cocoa/health-center';

/** Connection string of the test PostgreSQL server. */
export const TEST_POSTGRES_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://cocoa_test:cocoa_test@127.0.0.1:5432/cocoa_test';

/** A random lower-case schema name with a readable prefix. */
export function randomSchemaName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
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

/** Drops PostgreSQL schemas created by a test, with everything in them. */
export async function dropSchemas(schemas: readonly string[]): Promise<void> {
  const handle = openHealthCenterDb(TEST_POSTGRES_URL);
  try {
    for (const schema of schemas) {
      await handle.db.schema.dropSchema(schema).ifExists().cascade().execute();
    }
  } finally {
    await handle.close();
  }
}
