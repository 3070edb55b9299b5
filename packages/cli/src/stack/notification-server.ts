import { loadConfigFromEnv } from '@cocoa/notification-server';
import type { NotificationServerConfig } from '@cocoa/notification-server';
import type { CliContext } from '../context.ts';
import { CliError } from '../errors.ts';
import type { LocalSecrets } from './secrets.ts';
import { serviceEnv } from './service-env.ts';
import type { StackSettings } from './settings.ts';

/** Where the notification server listens and where it finds the verification API. */
export interface NotificationServerAddresses {
  host: string;
  port: number;
  healthCenterUrl: string;
}

/**
 * The notification server configuration of the local system, read by the service's own
 * loader: signed with the data directory's key, files in the data directory's export folder,
 * verification against the local health-center system with the shared local secret.
 */
export function notificationServerConfig(
  context: CliContext,
  settings: StackSettings,
  secrets: LocalSecrets,
  options: {
    addresses?: NotificationServerAddresses;
    /** URL prefix of export files in `list.json`, unless EXPORT_PUBLIC_BASE_URL names another. */
    exportBaseUrl: string;
    logLevel: string;
  },
): NotificationServerConfig {
  const { databases, layout } = settings;
  const addresses = options.addresses;
  const signingKey = `${settings.signingKeyId}:${settings.signingKeyVersion}:${layout.signingPrivateKey}`;
  const env = serviceEnv(
    context.env,
    'NOTIFICATION_SERVER_',
    {
      LOG_LEVEL: options.logLevel,
      REGIONS: settings.region,
      EXPORT_SIGNING_KEYS: signingKey,
      EXPORT_BLOB_DIR: layout.exportDir,
      // Ten-minute windows let a local demo publish a registration soon after it happens.
      EXPORT_PERIOD_SECONDS: '600',
      VERIFICATION_SECRET: secrets.verifyClientSecret,
      VERIFICATION_URL: addresses?.healthCenterUrl ?? 'http://127.0.0.1:8081',
      // An operator's CDN (EXPORT_PUBLIC_BASE_URL) wins over the server's own address.
      EXPORT_PUBLIC_BASE_URL: options.exportBaseUrl,
    },
    {
      HOST: addresses?.host,
      PORT: addresses === undefined ? undefined : String(addresses.port),
      DATABASE_URL: databases.notificationServer.url,
      DATABASE_SCHEMA: databases.notificationServer.schema,
    },
  );

  try {
    return loadConfigFromEnv(env);
  } catch (error) {
    throw new CliError('CONFIG_INVALID', (error as Error).message, { cause: error });
  }
}
