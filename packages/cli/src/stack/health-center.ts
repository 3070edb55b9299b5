import { loadConfig } from '@cocoa/health-center';
import type { HealthCenterConfig } from '@cocoa/health-center';
import type { CliContext } from '../context.ts';
import type { LocalSecrets } from './secrets.ts';
import { serviceEnv } from './service-env.ts';
import type { StackSettings } from './settings.ts';

/** Name under which the notification server calls the verification API. */
export const VERIFY_CLIENT_NAME = 'notification-server';

/** Addresses the health-center system needs: its own, and the app's for message links. */
export interface HealthCenterAddresses {
  host: string;
  port: number;
  appUrl: string;
}

/**
 * The health-center configuration of the local system, read by the service's own loader.
 * Local defaults: messages go to the console's development outbox instead of SMS and e-mail,
 * and cookies work over plain http on localhost.
 */
export function healthCenterConfig(
  context: CliContext,
  settings: StackSettings,
  secrets: LocalSecrets,
  options: { addresses?: HealthCenterAddresses; logLevel: string },
): HealthCenterConfig {
  const { databases } = settings;
  const env = serviceEnv(
    context.env,
    'HEALTH_CENTER_',
    {
      DEV_OUTBOX: 'true',
      COOKIE_SECURE: 'false',
      LOG_LEVEL: options.logLevel,
      NUMBER_HASH_KEYS: `local:${secrets.numberHashSecret}`,
      VERIFY_CLIENTS: `${VERIFY_CLIENT_NAME}:${secrets.verifyClientSecret}`,
    },
    {
      HOST: options.addresses?.host,
      PORT: options.addresses === undefined ? undefined : String(options.addresses.port),
      APP_URL: options.addresses?.appUrl,
      DATABASE_URL: databases.healthCenter.url,
      DATABASE_SCHEMA: databases.healthCenter.schema,
    },
  );
  return loadConfig(env);
}
