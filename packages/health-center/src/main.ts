/**
 * Entry point of the health-center system: read the environment, build the app, listen,
 * and shut down cleanly on SIGINT/SIGTERM.
 */
import { buildHealthCenterApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await buildHealthCenterApp({ config, processMetrics: true });
  const url = await app.listen();
  app.logger.info({ url, outbox: app.outbox !== null }, 'health-center system listening');

  const stop = (signal: string) => {
    app.logger.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`health-center system failed to start: ${(error as Error).message}\n`);
  }
  process.exit(1);
});
