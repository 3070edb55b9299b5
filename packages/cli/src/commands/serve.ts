import type { Command } from 'commander';
import { Option } from 'commander';
import type { CliContext } from '../context.ts';
import { portOption } from '../options.ts';
import { addStateOptions } from './shared-options.ts';
import type { StateOptions } from './shared-options.ts';

/** Flags of `cocoa serve` and `cocoa demo`. */
export interface ServeOptions extends StateOptions {
  host: string;
  healthCenterPort: number;
  notificationServerPort: number;
  appPort: number;
  demoAccount: boolean;
  build: boolean;
}

/** Default ports; 0 for any of them picks a free port. */
export const DEFAULT_PORTS = { notificationServer: 8080, healthCenter: 8081, app: 5173 } as const;

/** Adds `cocoa serve` and `cocoa demo` (what `npm start` runs). */
export function registerServeCommands(program: Command, context: CliContext): void {
  defineServe(
    program.command('serve'),
    'run the health-center system, the notification server and the app on this machine',
  ).action(async (options: ServeOptions) => {
    const { serveAction } = await import('../stack/serve.ts');
    await serveAction(context, options, { logLevel: 'info' });
  });

  defineServe(
    program.command('demo'),
    'like serve, with quiet logs: the quickest way to see the whole system (npm start)',
  ).action(async (options: ServeOptions) => {
    const { serveAction } = await import('../stack/serve.ts');
    await serveAction(context, options, { logLevel: 'warn' });
  });
}

function defineServe(command: Command, description: string): Command {
  return addStateOptions(command.description(description))
    .addOption(
      new Option('--host <address>', 'address every service listens on')
        .env('COCOA_HOST')
        .default('127.0.0.1'),
    )
    .addOption(port('--health-center-port', 'HEALTH_CENTER_PORT', DEFAULT_PORTS.healthCenter))
    .addOption(
      port(
        '--notification-server-port',
        'NOTIFICATION_SERVER_PORT',
        DEFAULT_PORTS.notificationServer,
      ),
    )
    .addOption(port('--app-port', 'APP_PORT', DEFAULT_PORTS.app))
    .option('--no-demo-account', 'do not create the demo staff account on first run')
    .option('--no-build', 'serve the app build that exists instead of building it first');
}

function port(flag: string, envName: string, fallback: number): Option {
  return new Option(`${flag} <port>`, 'TCP port (0 picks a free one)')
    .env(envName)
    .argParser(portOption)
    .default(fallback);
}
