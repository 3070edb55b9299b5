import type { Command } from 'commander';
import { Option } from 'commander';
import { integerOption, nonEmptyValue, portOption } from '../options.ts';

/** Options every command that touches local state accepts. */
export interface StateOptions {
  dataDir?: string;
  databaseUrl?: string;
}

/** Default ports; 0 for any of them picks a free port. */
export const DEFAULT_PORTS = { notificationServer: 8080, healthCenter: 8081, app: 5173 } as const;

/** Default listening address of every service. */
export const DEFAULT_HOST = '127.0.0.1';

/** Adds `--data-dir` and `--database-url`, documented the same way everywhere. */
export function addStateOptions(command: Command): Command {
  return command
    .option(
      '--data-dir <dir>',
      'local state: keys, SQLite files, exports (env COCOA_DATA_DIR; default .var/)',
    )
    .option(
      '--database-url <url>',
      'PostgreSQL for both services, each in its own schema (env DATABASE_URL; default SQLite files in the data dir)',
    );
}

/** `--host`, read from `COCOA_HOST` as well, with the same default for every command. */
export function hostOption(description: string): Option {
  return new Option('--host <address>', description)
    .env('COCOA_HOST')
    .argParser(nonEmptyValue)
    .default(DEFAULT_HOST);
}

/**
 * A service's port flag with its environment variable and default. `allowAny` accepts 0 (a
 * free port, for commands that listen); a command that only names the address refuses it.
 */
export function servicePortOption(
  flag: string,
  envName: string,
  fallback: number,
  options: { description: string; allowAny: boolean },
): Option {
  return new Option(`${flag} <port>`, options.description)
    .env(envName)
    .argParser(options.allowAny ? portOption : integerOption(1, 65_535))
    .default(fallback);
}

/** The notification server's port flag, as `serve`, `demo` and `exports run` share it. */
export function notificationServerPortOption(options: {
  description: string;
  allowAny: boolean;
}): Option {
  return servicePortOption(
    '--notification-server-port',
    'NOTIFICATION_SERVER_PORT',
    DEFAULT_PORTS.notificationServer,
    options,
  );
}
