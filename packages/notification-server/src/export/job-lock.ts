/**
 * Makes sure only one export or retention run touches the database at a time: an in-process
 * queue, plus a PostgreSQL advisory lock when several server processes share one database.
 * The advisory lock belongs to a connection, so a killed process releases it by dying.
 */
import { sql } from 'kysely';
import type { NotificationDb } from '../db/connect.ts';

const queues = new WeakMap<object, Promise<unknown>>();

/** Runs `job` while holding the job lock; other callers wait their turn. */
export async function withJobLock<T>(handle: NotificationDb, job: () => Promise<T>): Promise<T> {
  const previous = queues.get(handle.db) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => lockAcrossProcesses(handle, job));
  queues.set(handle.db, run);
  return run;
}

async function lockAcrossProcesses<T>(handle: NotificationDb, job: () => Promise<T>): Promise<T> {
  // SQLite already serialises writers; one file is one machine's database.
  if (handle.dialect !== 'postgres') return job();

  return handle.db.connection().execute(async (connection) => {
    // Keyed by schema so separate deployments (or test suites) in one database do not wait.
    await sql`select pg_advisory_lock(hashtext(current_schema()))`.execute(connection);
    try {
      return await job();
    } finally {
      await sql`select pg_advisory_unlock(hashtext(current_schema()))`.execute(connection);
    }
  });
}
