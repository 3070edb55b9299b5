import path from 'node:path';
import { buildNotificationServerApp } from '@cocoa/notification-server';
import type { StateOptions } from '../commands/shared-options.ts';
import type { CliContext } from '../context.ts';
import { CliError } from '../errors.ts';
import { fileExists } from '../files.ts';
import { notificationServerConfig } from '../stack/notification-server.ts';
import { loadOrCreateSecrets } from '../stack/secrets.ts';
import { resolveSettings } from '../stack/settings.ts';

/**
 * `cocoa exports run`: runs the notification server's export job once against the configured
 * database and export directory, then lists what it published. Safe beside a running server:
 * the job takes a database lock, so two runs never publish a key twice.
 */
export async function runExportAction(context: CliContext, options: StateOptions): Promise<void> {
  const settings = resolveSettings(context, options);
  const { layout } = settings;
  if (!(await fileExists(layout.signingPrivateKey))) {
    throw new CliError(
      'SIGNING_KEY_MISSING',
      `no signing key at ${layout.signingPrivateKey}; run "cocoa keys generate" ` +
        '(or start "cocoa serve" once) with the same data directory',
    );
  }

  const secrets = await loadOrCreateSecrets(layout.root);
  const config = notificationServerConfig(context, settings, secrets, { logLevel: 'warn' });
  const server = await buildNotificationServerApp({
    config: {
      ...config,
      export: { ...config.export, schedule: false },
      retention: { ...config.retention, schedule: false },
    },
  });
  try {
    const { files } = await server.runExport();
    if (files.length === 0) {
      context.print('no new keys to publish; nothing written');
      return;
    }
    for (const file of files) {
      const where = path.join(config.export.blobDirectory, file.blobName);
      context.print(
        `published ${where}  region ${file.region}  ${file.keyCount} keys  ${file.byteSize} bytes`,
      );
    }
  } finally {
    await server.close();
  }
}
