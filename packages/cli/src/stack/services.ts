import { buildHealthCenterApp } from '@cocoa/health-center';
import type { HealthCenterApp, HealthCenterConfig } from '@cocoa/health-center';
import { buildNotificationServerApp } from '@cocoa/notification-server';
import type { NotificationServerConfig } from '@cocoa/notification-server';
import { listenOrExplain } from './listen.ts';
import type { RunningService } from './service.ts';
import { httpUrl } from './settings.ts';

/** The running health-center system, with the app handle for first-run setup. */
export interface RunningHealthCenter extends RunningService {
  app: HealthCenterApp;
}

/** Builds, migrates and starts the health-center system. */
export async function startHealthCenter(config: HealthCenterConfig): Promise<RunningHealthCenter> {
  const app = await buildHealthCenterApp({ config, processMetrics: true });
  const address = { host: config.host, port: config.port };
  try {
    await listenOrExplain('health-center system', '--health-center-port', address, app.listen);
  } catch (error) {
    await app.close();
    throw error;
  }

  const url = httpUrl(config.host, config.port);
  return {
    name: 'health-center console',
    url: `${url}/console`,
    healthUrl: `${url}/healthz`,
    app,
    close: () => app.close(),
  };
}

/** Builds, migrates and starts the notification server with its periodic export job. */
export async function startNotificationServer(
  config: NotificationServerConfig,
): Promise<RunningService> {
  const server = await buildNotificationServerApp({ config });
  const address = { host: config.host, port: config.port };
  try {
    await listenOrExplain('notification server', '--notification-server-port', address, () =>
      server.app.listen(address),
    );
  } catch (error) {
    await server.close();
    throw error;
  }

  const url = httpUrl(config.host, config.port);
  return {
    name: 'notification server',
    url,
    healthUrl: `${url}/healthz`,
    close: () => server.close(),
  };
}
