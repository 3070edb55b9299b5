import type { Command } from 'commander';

/** Options every command that touches local state accepts. */
export interface StateOptions {
  dataDir?: string;
  databaseUrl?: string;
}

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
