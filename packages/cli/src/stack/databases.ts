import type { DataLayout } from '../data-dir.ts';
import { CliError } from '../errors.ts';

/** Where one service keeps its tables: a URL and, on PostgreSQL, a schema of its own. */
export interface DatabaseTarget {
  url: string;
  schema?: string;
}

/** The databases of the two services. */
export interface StackDatabases {
  healthCenter: DatabaseTarget;
  notificationServer: DatabaseTarget;
}

/** Returns true when a URL names a PostgreSQL server rather than an SQLite file. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * Chooses each service's database. Per service `HEALTH_CENTER_DATABASE_URL` /
 * `NOTIFICATION_SERVER_DATABASE_URL` win; a shared `DATABASE_URL` must be PostgreSQL and gives
 * each service its own schema (their migration tables would collide otherwise); without either,
 * each service gets an SQLite file in the data directory.
 */
export function resolveDatabases(
  env: NodeJS.ProcessEnv,
  layout: DataLayout,
  flagUrl?: string,
): StackDatabases {
  const shared = flagUrl ?? nonEmpty(env.DATABASE_URL);
  if (shared !== undefined)
    checkKind(flagUrl === undefined ? 'DATABASE_URL' : '--database-url', shared);
  if (shared !== undefined && !isPostgresUrl(shared)) {
    throw new CliError(
      'DATABASE_URL_NOT_SHAREABLE',
      'DATABASE_URL (or --database-url) names one database for both services, so it must be ' +
        'postgres://…; for SQLite use --data-dir, or HEALTH_CENTER_DATABASE_URL and ' +
        'NOTIFICATION_SERVER_DATABASE_URL',
    );
  }

  return {
    healthCenter: target(env, 'HEALTH_CENTER_', shared, 'health_center', layout.healthCenterDb),
    notificationServer: target(
      env,
      'NOTIFICATION_SERVER_',
      shared,
      'notification_server',
      layout.notificationServerDb,
    ),
  };
}

function target(
  env: NodeJS.ProcessEnv,
  prefix: string,
  shared: string | undefined,
  sharedSchema: string,
  sqliteFile: string,
): DatabaseTarget {
  const own = nonEmpty(env[`${prefix}DATABASE_URL`]);
  if (own !== undefined) checkKind(`${prefix}DATABASE_URL`, own);
  const schema = nonEmpty(env[`${prefix}DATABASE_SCHEMA`]);
  if (own !== undefined) return { url: own, ...(schema === undefined ? {} : { schema }) };
  if (shared !== undefined) return { url: shared, schema: schema ?? sharedSchema };
  return { url: sqliteFile };
}

/**
 * Refuses a URL of a database kind the services do not speak. Anything without a scheme is the
 * path of an SQLite file, so without this check `mysql://host/db` would quietly become a folder
 * named `mysql:` with an SQLite file in it. The URL itself is not repeated: it may hold a
 * password.
 */
function checkKind(name: string, url: string): void {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (isPostgresUrl(url) && !URL.canParse(url)) {
    throw new CliError(
      'DATABASE_URL_INVALID',
      `${name} is not a well-formed URL (check the brackets of an IPv6 host, a port up to ` +
        '65535, and %-encoding of special characters in the password)',
    );
  }
  if (scheme === undefined || scheme === 'sqlite' || scheme === 'file' || isPostgresUrl(url))
    return;
  if (scheme === 'postgres' || scheme === 'postgresql') {
    throw new CliError(
      'DATABASE_URL_UNSUPPORTED',
      `${name} must start with postgres:// or postgresql:// written in lower case`,
    );
  }
  throw new CliError(
    'DATABASE_URL_UNSUPPORTED',
    `${name} names a ${scheme}:// database, which the services cannot use; give a PostgreSQL ` +
      'URL (postgres://user:password@host:5432/database) or the path of an SQLite file',
  );
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * A URL safe to print: the password of a PostgreSQL URL replaced by `***`, in its user part and
 * in any query parameter that carries one (`?password=`, `?sslpassword=`).
 */
export function redactUrl(url: string): string {
  return url
    .replace(/^(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/, '$1***@')
    .replace(/([?&][^=&#]*pass[^=&#]*=)[^&#]*/gi, '$1***');
}
