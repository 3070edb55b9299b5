import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as healthCenter from '@cocoa/health-center';
import * as notificationServer from '@cocoa/notification-server';
import type { StateOptions } from '../commands/shared-options.ts';
import type { CliContext } from '../context.ts';
import { CliError, fileSystemReason } from '../errors.ts';
import { ensureDirectory } from '../files.ts';
import type { DatabaseTarget } from '../stack/databases.ts';
import { isPostgresUrl, redactUrl } from '../stack/databases.ts';
import { resolveSettings } from '../stack/settings.ts';

/** Which services a migration run covers. */
export type MigrationScope = 'all' | 'health-center' | 'notification-server';

/** Migrates the health-center database to the latest schema. */
export async function migrateHealthCenter(target: DatabaseTarget): Promise<void> {
  await ensureSqliteFile('health-center', target);
  const handle = openOrExplain('health-center', target, healthCenter.openDatabase);
  try {
    await ensureSchema(handle.db, target);
    await healthCenter.runMigrations(handle.db);
  } catch (error) {
    throw databaseError('health-center', target, error);
  } finally {
    await handle.close();
  }
}

/** Migrates the notification-server database to the latest schema. */
export async function migrateNotificationServer(target: DatabaseTarget): Promise<void> {
  await ensureSqliteFile('notification-server', target);
  const handle = openOrExplain('notification-server', target, notificationServer.openDatabase);
  try {
    await ensureSchema(handle.db, target);
    await notificationServer.runMigrations(handle);
  } catch (error) {
    throw databaseError('notification-server', target, error);
  } finally {
    await handle.close();
  }
}

/** `cocoa db migrate`: brings each chosen service's tables up to date. */
export async function migrateAction(
  context: CliContext,
  options: StateOptions & { service: MigrationScope },
): Promise<void> {
  const { databases } = resolveSettings(context, options);

  if (options.service !== 'notification-server') {
    await migrateHealthCenter(databases.healthCenter);
    context.print(`health-center        migrated  ${describeTarget(databases.healthCenter)}`);
  }
  if (options.service !== 'health-center') {
    await migrateNotificationServer(databases.notificationServer);
    context.print(`notification-server  migrated  ${describeTarget(databases.notificationServer)}`);
  }
}

/** A database target as it may be printed: no password, schema named. */
export function describeTarget(target: DatabaseTarget): string {
  const schema = target.schema === undefined ? '' : ` (schema ${target.schema})`;
  return `${redactUrl(target.url)}${schema}`;
}

// A service's own schema on a shared PostgreSQL database must exist before its tables can.
async function ensureSchema(
  db: { schema: { createSchema(name: string): { ifNotExists(): { execute(): Promise<void> } } } },
  target: DatabaseTarget,
): Promise<void> {
  if (target.schema !== undefined && isPostgresUrl(target.url)) {
    await db.schema.createSchema(target.schema).ifNotExists().execute();
  }
}

const SQLITE_ADVICE = 'pass another --data-dir or database URL';

/**
 * Creates an SQLite file's folder and the file itself first: the services' own recursive mkdir
 * shows raw system errors, and on a pseudo file system such as /proc it never returns.
 */
async function ensureSqliteFile(service: string, target: DatabaseTarget): Promise<void> {
  if (isPostgresUrl(target.url)) return;
  const file = target.url.replace(/^sqlite:(\/\/)?/, '').replace(/^file:/, '');
  if (file === ':memory:') return;
  await ensureDirectory(path.dirname(path.resolve(file)), SQLITE_ADVICE);
  // Created empty and private before SQLite opens it (an empty file is a new database to it),
  // as SQLite would make it readable by everyone; its journal files take the same mode.
  await writeFile(file, '', { flag: 'wx', mode: 0o600 }).catch((error: unknown) => {
    if ((error as { code?: unknown }).code === 'EEXIST') return;
    const reason = fileSystemReason(error);
    throw new CliError(
      'DATABASE_UNAVAILABLE',
      `cannot create the ${service} database ${file}: ${reason}; check that its folder is ` +
        `writable, or ${SQLITE_ADVICE}`,
      { cause: error },
    );
  });
}

// Opening SQLite creates the file at once, so an unwritable folder fails here, not later.
function openOrExplain<T>(
  service: string,
  target: DatabaseTarget,
  open: (url: string, options: { schema?: string }) => T,
): T {
  try {
    return open(target.url, { schema: target.schema });
  } catch (error) {
    throw databaseError(service, target, error);
  }
}

function databaseError(service: string, target: DatabaseTarget, error: unknown): CliError {
  if (error instanceof CliError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  const advice = isPostgresUrl(target.url)
    ? postgresAdvice(error)
    : (error as { code?: unknown } | null)?.code === 'SQLITE_NOTADB'
      ? `the file is not an SQLite database; move it away, or ${SQLITE_ADVICE}`
      : `check that its folder is writable, or ${SQLITE_ADVICE}`;
  return new CliError(
    'DATABASE_UNAVAILABLE',
    `cannot migrate the ${service} database at ${describeTarget(target)}: ${reason}; ${advice}`,
    { cause: error },
  );
}

/** What to do about a PostgreSQL failure, told apart by the error's code where it has one. */
function postgresAdvice(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'nothing answers at that host and port: start PostgreSQL there, or correct the port in the URL';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name in the URL does not resolve: correct it';
    case 'ETIMEDOUT':
      return 'the server did not answer in time: check the host and any firewall between';
    case '28P01':
    case '28000':
      return 'the server refused the user or password: correct them in the URL';
    case '3D000':
      return 'the database in the URL does not exist: create it (createdb) or name another';
    case '42501':
      return 'the user may not create tables there: grant it the rights, or use another user';
    default:
      return 'check that the database exists and the URL, user and password are right';
  }
}
