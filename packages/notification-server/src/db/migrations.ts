/**
 * Schema migrations, identical for SQLite and PostgreSQL except for how an auto-increment id
 * is spelled. Run at start-up or with `db migrate`.
 */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { NotificationDb } from './connect.ts';

function initial(dialect: NotificationDb['dialect']): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('exposure_keys')
        .addColumn('region', 'text', (c) => c.notNull())
        .addColumn('key_data', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .addColumn('rolling_start_interval_number', 'bigint', (c) => c.notNull())
        .addColumn('rolling_period', 'integer', (c) => c.notNull())
        .addColumn('transmission_risk_level', 'integer', (c) => c.notNull())
        .addColumn('report_type', 'integer', (c) => c.notNull())
        .addColumn('days_since_onset', 'integer', (c) => c.notNull())
        .addColumn('created_hour_ms', 'bigint', (c) => c.notNull())
        .addColumn('embargo_until_ms', 'bigint', (c) => c.notNull())
        .addColumn('is_fake', 'integer', (c) => c.notNull())
        .addColumn('export_file_id', 'bigint')
        .addPrimaryKeyConstraint('exposure_keys_pk', ['region', 'key_data'])
        .execute();
      // The export job walks unpublished keys of a region in key order; this index serves it.
      await db.schema
        .createIndex('exposure_keys_pending')
        .on('exposure_keys')
        .columns(['export_file_id', 'region', 'key_data'])
        .execute();

      await db.schema
        .createTable('export_files')
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('region', 'text', (c) => c.notNull())
        .addColumn('window_start_s', 'bigint', (c) => c.notNull())
        .addColumn('window_end_s', 'bigint', (c) => c.notNull())
        .addColumn('start_timestamp_s', 'bigint', (c) => c.notNull())
        .addColumn('end_timestamp_s', 'bigint', (c) => c.notNull())
        .addColumn('blob_name', 'text', (c) => c.notNull())
        .addColumn('key_count', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('byte_size', 'integer')
        .addColumn('created_ms', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('submissions')
        .addColumn('idempotency_hash', 'text', (c) => c.primaryKey())
        .addColumn('created_hour_ms', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}

/** Brings the schema up to date; safe to call on every start and from several processes. */
export async function runMigrations(handle: NotificationDb): Promise<void> {
  const provider: MigrationProvider = {
    getMigrations: async () => ({ '0001_initial': initial(handle.dialect) }),
  };
  const migrator = new Migrator({
    db: handle.db,
    provider,
    migrationTableName: 'ns_migrations',
    migrationLockTableName: 'ns_migrations_lock',
    // Kysely looks for its own tables across every schema it can see; naming ours keeps
    // deployments (and parallel test suites) in one PostgreSQL database apart.
    ...(handle.schema ? { migrationTableSchema: handle.schema } : {}),
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
