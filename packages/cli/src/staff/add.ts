import {
  createStaffAccount,
  normalizeStaffUsername,
  openDatabase,
  StaffAccountError,
  staffUsernameTaken,
} from '@cocoa/health-center';
import type { HealthCenterConfig } from '@cocoa/health-center';
import type { StateOptions } from '../commands/shared-options.ts';
import type { CliContext } from '../context.ts';
import { ensureDataDir } from '../data-dir.ts';
import { migrateHealthCenter } from '../db/migrate.ts';
import { CliError, ExitCode } from '../errors.ts';
import { readPassword } from '../password.ts';
import { healthCenterConfig } from '../stack/health-center.ts';
import { loadOrCreateSecrets } from '../stack/secrets.ts';
import { resolveSettings } from '../stack/settings.ts';

/**
 * `cocoa staff add --username NAME`: creates a console account. The password never passes
 * through argv (visible to every user of the machine in `ps`) and is never echoed. Everything
 * that can be checked without the password (the name, the database, a taken name) is checked
 * first, so nobody types a password twice only to be refused.
 */
export async function addStaffAction(
  context: CliContext,
  options: StateOptions & { username: string },
): Promise<void> {
  const username = usernameFlag(options.username);
  const settings = resolveSettings(context, options);
  await ensureDataDir(settings.layout);
  const secrets = await loadOrCreateSecrets(settings.layout.root);
  const config = healthCenterConfig(context, settings, secrets, { logLevel: 'silent' });

  // The account table must exist; migrating is idempotent, so a fresh data directory works,
  // and an unreachable database is reported here, before the prompt.
  await migrateHealthCenter(settings.databases.healthCenter);
  if (await withDatabase(config, (db) => staffUsernameTaken(db, username))) {
    throw usernameTaken(username);
  }

  const password = await readPassword(context, 'password');
  try {
    await withDatabase(config, (db) =>
      createStaffAccount(db, { username, password, bcryptRounds: config.bcryptRounds }),
    );
  } catch (error) {
    // Someone else may have taken the name while the password was typed.
    if (error instanceof StaffAccountError && error.code === 'USERNAME_TAKEN') {
      throw usernameTaken(username);
    }
    throw error;
  }
  context.print(`staff account ${username} created`);
}

type HealthCenterKysely = ReturnType<typeof openDatabase>['db'];

async function withDatabase<T>(
  config: HealthCenterConfig,
  use: (db: HealthCenterKysely) => Promise<T>,
): Promise<T> {
  const handle = openDatabase(config.databaseUrl, { schema: config.databaseSchema });
  try {
    return await use(handle.db);
  } finally {
    await handle.close();
  }
}

/** The stored form of `--username`; a name that cannot be one is a usage mistake. */
function usernameFlag(value: string): string {
  try {
    return normalizeStaffUsername(value);
  } catch (error) {
    if (!(error instanceof StaffAccountError)) throw error;
    throw new CliError(error.code, `--username: ${error.message}`, {
      exitCode: ExitCode.USAGE,
      cause: error,
    });
  }
}

function usernameTaken(username: string): CliError {
  return new CliError(
    'USERNAME_TAKEN',
    `a staff account named ${username} already exists; choose another --username`,
  );
}
