/**
 * Versioned schema migrations, shipped in code so `db migrate` and tests apply exactly the
 * same steps to SQLite and PostgreSQL.
 */
import { Migrator } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { HealthCenterDatabase } from './schema.ts';

const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db) {
      await db.schema
        .createTable('processing_numbers')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('number_hash', 'text', (col) => col.notNull().unique())
        .addColumn('hash_key_id', 'text', (col) => col.notNull())
        .addColumn('report_type', 'integer', (col) => col.notNull())
        .addColumn('test_date', 'text', (col) => col.notNull())
        .addColumn('onset_date', 'text')
        .addColumn('channel', 'text', (col) => col.notNull())
        .addColumn('delivery_status', 'text', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('expires_at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema
        .createIndex('processing_numbers_expires_at')
        .on('processing_numbers')
        .column('expires_at')
        .execute();

      await db.schema
        .createTable('staff_accounts')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('username', 'text', (col) => col.notNull().unique())
        .addColumn('password_hash', 'text', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .execute();

      await db.schema
        .createTable('staff_sessions')
        .addColumn('id_hash', 'text', (col) => col.primaryKey())
        .addColumn('staff_id', 'text', (col) =>
          col.notNull().references('staff_accounts.id').onDelete('cascade'),
        )
        .addColumn('csrf_token', 'text', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('last_seen_at', 'bigint', (col) => col.notNull())
        .execute();
    },
    async down(db) {
      await db.schema.dropTable('staff_sessions').execute();
      await db.schema.dropTable('staff_accounts').execute();
      await db.schema.dropTable('processing_numbers').execute();
    },
  },
};

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

/** Applies every pending migration; throws with the failing step's name if one fails. */
export async function runMigrations(db: Kysely<HealthCenterDatabase>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    throw new Error(`database migration ${failed ?? '(unknown)'} failed`, { cause: error });
  }
  return (results ?? []).map((result) => result.migrationName);
}
