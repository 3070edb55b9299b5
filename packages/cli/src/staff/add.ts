import { createStaffAccount, openDatabase } from '@cocoa/health-center';
import type { StateOptions } from '../commands/shared-options.ts';
import type { CliContext } from '../context.ts';
import { ensureDataDir } from '../data-dir.ts';
import { migrateHealthCenter } from '../db/migrate.ts';
import { readPassword } from '../password.ts';
import { healthCenterConfig } from '../stack/health-center.ts';
import { loadOrCreateSecrets } from '../stack/secrets.ts';
import { resolveSettings } from '../stack/settings.ts';

/**
 * `cocoa staff add --username NAME`: creates a console account. The password never passes
 * through argv (visible to every user of the machine in `ps`) and is never echoed.
 */
export async function addStaffAction(
  context: CliContext,
  options: StateOptions & { username: string },
): Promise<void> {
  const settings = resolveSettings(context, options);
  await ensureDataDir(settings.layout);
  const secrets = await loadOrCreateSecrets(settings.layout.root);
  const config = healthCenterConfig(context, settings, secrets, { logLevel: 'silent' });
  const password = await readPassword(context, 'password');

  // The account table must exist; migrating is idempotent, so a fresh data directory works.
  await migrateHealthCenter(settings.databases.healthCenter);

  const handle = openDatabase(config.databaseUrl, { schema: config.databaseSchema });
  try {
    await createStaffAccount(handle.db, {
      username: options.username,
      password,
      bcryptRounds: config.bcryptRounds,
    });
  } finally {
    await handle.close();
  }
  context.print(`staff account ${options.username.trim().toLowerCase()} created`);
}
