import path from 'node:path';
import { buildNotificationServerApp } from '@cocoa/notification-server';
import type { StateOptions } from '../commands/shared-options.ts';
import type { CliContext } from '../context.ts';
import { CliError } from '../errors.ts';
import { fileExists } from '../files.ts';
import { notificationServerConfig } from '../stack/notification-server.ts';
import { exportBaseUrlForRun, requireExportBaseUrl } from '../stack/export-base-url.ts';
import { loadOrCreateSecrets } from '../stack/secrets.ts';
import { checkDataDirSigningKeys } from '../stack/signing-keys.ts';
import { resolveSettings } from '../stack/settings.ts';

/** Flags of `cocoa exports run`. */
export interface ExportRunOptions extends StateOptions {
  host: string;
  notificationServerPort: number;
  /** True when the address came from a flag or its variable rather than the defaults. */
  addressGiven: boolean;
}

/**
 * `cocoa exports run`: runs the notification server's export job once against the configured
 * database and export directory, then lists what it published. Safe beside a running server:
 * the job takes a database lock, so two runs never publish a key twice.
 */
export async function runExportAction(
  context: CliContext,
  options: ExportRunOptions,
): Promise<void> {
  const settings = resolveSettings(context, options);
  const { layout } = settings;
  if (!(await fileExists(layout.signingPrivateKey))) {
    throw new CliError(
      'SIGNING_KEY_MISSING',
      `no signing key at ${layout.signingPrivateKey}; run "cocoa keys generate" ` +
        '(or start "cocoa serve" once) with the same data directory',
    );
  }

  await checkDataDirSigningKeys(layout);
  const secrets = await loadOrCreateSecrets(layout.root);
  const config = notificationServerConfig(context, settings, secrets, {
    exportBaseUrl: await exportBaseUrlForRun(layout, {
      host: options.host,
      port: options.notificationServerPort,
      given: options.addressGiven,
    }),
    logLevel: 'warn',
  });
  requireExportBaseUrl(config.export.publicBaseUrl);
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
    context.print(`list.json links to files under ${config.export.publicBaseUrl}/`);
  } finally {
    await server.close();
  }
}
