import type { ServeOptions } from '../commands/serve.ts';
import type { CliContext } from '../context.ts';
import { ensureDataDir } from '../data-dir.ts';
import { CliError, ExitCode, StoppedBySignal } from '../errors.ts';
import { migrateHealthCenter, migrateNotificationServer } from '../db/migrate.ts';
import { prepareAppBuild, startApp } from './app.ts';
import { bannerLines } from './banner.ts';
import { exportBaseUrl, recordExportBaseUrl, requireExportBaseUrl } from './export-base-url.ts';
import { ensureDemoAccount, ensureSigningKeys } from './first-run.ts';
import type { DemoAccount } from './first-run.ts';
import { healthCenterConfig } from './health-center.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { requireFreePorts, requireListenableHost } from './listen.ts';
import { notificationServerConfig } from './notification-server.ts';
import { loadOrCreateSecrets } from './secrets.ts';
import type { RunningService } from './service.ts';
import { startHealthCenter, startNotificationServer } from './services.ts';
import { checkDataDirSigningKeys } from './signing-keys.ts';
import { httpUrl, resolveAddresses, resolveSettings } from './settings.ts';
import { waitForStopSignal } from './signals.ts';

/**
 * `cocoa serve` / `cocoa demo`: prepares the data directory on first run (secrets, signing
 * keys, tables, demo account), starts the three parts, prints where they are, and on SIGINT or
 * SIGTERM stops them in reverse order so requests in flight finish and databases close cleanly,
 * then exits with 130 like every command a signal stops.
 */
export async function serveAction(
  context: CliContext,
  options: ServeOptions,
  mode: { logLevel: string },
): Promise<void> {
  const settings = resolveSettings(context, options);
  const { layout } = settings;
  refuseSharedPorts([
    ['--health-center-port', options.healthCenterPort],
    ['--notification-server-port', options.notificationServerPort],
    ['--app-port', options.appPort],
  ]);
  await requireListenableHost(options.host);
  await ensureDataDir(layout);
  // Before anything in the folder is written: a second serve of it would rebuild the app
  // that the first one is serving.
  const lock = lockDataDir(layout.root);
  // Until the services run and their own handler takes over, a stop request ends the set-up
  // at once; the exit removes the lock, and a build under way is left in a side folder.
  const stopSetUp = () => {
    context.note('cocoa: stopped while starting');
    process.exit(130);
  };
  process.once('SIGINT', stopSetUp);
  process.once('SIGTERM', stopSetUp);

  const firstRun: string[] = [];
  const secrets = await loadOrCreateSecrets(layout.root);
  if (await ensureSigningKeys(layout)) firstRun.push(`created signing keys in ${layout.keysDir}`);
  await checkDataDirSigningKeys(layout);

  // Migrating first creates each service's schema on a shared PostgreSQL database (the
  // services create tables, not schemas) and reports an unreachable database in one line.
  await migrateHealthCenter(settings.databases.healthCenter);
  await migrateNotificationServer(settings.databases.notificationServer);

  const addresses = await resolveAddresses({
    host: options.host,
    healthCenterPort: options.healthCenterPort,
    notificationServerPort: options.notificationServerPort,
    appPort: options.appPort,
  });
  const { host } = addresses;
  await requireFreePorts(host, [
    {
      service: 'health-center system',
      flag: '--health-center-port',
      port: addresses.healthCenterPort,
    },
    {
      service: 'notification server',
      flag: '--notification-server-port',
      port: addresses.notificationServerPort,
    },
    { service: 'app', flag: '--app-port', port: addresses.appPort },
  ]);

  // The build is the slowest step: do it before anything listens, so a failure stops early.
  const distDir = await prepareAppBuild(context, settings, options.build);

  const urls = {
    healthCenter: httpUrl(host, addresses.healthCenterPort),
    notificationServer: httpUrl(host, addresses.notificationServerPort),
    app: httpUrl(host, addresses.appPort),
  };

  const running: RunningService[] = [];
  const stopAll = async () => {
    for (const service of running.splice(0).reverse()) await service.close();
  };

  let demo: DemoAccount | undefined;
  try {
    const healthCenter = await startHealthCenter(
      healthCenterConfig(context, settings, secrets, {
        addresses: { host, port: addresses.healthCenterPort, appUrl: urls.app },
        logLevel: mode.logLevel,
      }),
    );
    running.push(healthCenter);

    if (options.demoAccount) {
      const result = await ensureDemoAccount(layout, healthCenter.app.createStaffAccount);
      demo = result.account;
      if (result.created) firstRun.push(`created the demo staff account "${demo.username}"`);
    }

    const notificationServer = notificationServerConfig(context, settings, secrets, {
      addresses: {
        host,
        port: addresses.notificationServerPort,
        healthCenterUrl: urls.healthCenter,
      },
      exportBaseUrl: exportBaseUrl(urls.notificationServer),
      logLevel: mode.logLevel,
    });
    requireExportBaseUrl(notificationServer.export.publicBaseUrl);
    running.push(await startNotificationServer(notificationServer));
    await recordExportBaseUrl(layout, notificationServer.export.publicBaseUrl);

    running.push(
      await startApp(settings, {
        host,
        port: addresses.appPort,
        notificationServerUrl: urls.notificationServer,
        healthCenterUrl: urls.healthCenter,
        distDir,
      }),
    );
  } catch (error) {
    await stopAll();
    throw error;
  }

  // Listen before the banner says Ctrl+C works: a script may send the signal as soon as it
  // reads that line.
  process.off('SIGINT', stopSetUp);
  process.off('SIGTERM', stopSetUp);
  const stopSignal = waitForStopSignal(() => process.exit(130));
  for (const line of bannerLines(layout.root, running, demo, firstRun)) context.print(line);

  const signal = await stopSignal;
  context.note(`cocoa: ${signal} received, stopping`);
  await stopAll();
  lock.release();
  context.note('cocoa: stopped');
  // Stopped cleanly, yet stopped by a signal: the exit code says so, as for every command.
  throw new StoppedBySignal(signal);
}

/** Two services cannot listen on one port; say so rather than blaming "another program". */
function refuseSharedPorts(ports: readonly [flag: string, port: number][]): void {
  for (const [i, [flag, port]] of ports.entries()) {
    const other = ports.slice(i + 1).find(([, p]) => p === port && port !== 0);
    if (other) {
      throw new CliError(
        'PORTS_CLASH',
        `${flag} and ${other[0]} both ask for port ${port}; give each service its own port ` +
          '(0 picks a free one)',
        { exitCode: ExitCode.USAGE },
      );
    }
  }
}
