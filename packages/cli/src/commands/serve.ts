import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import {
  addStateOptions,
  DEFAULT_PORTS,
  hostOption,
  notificationServerPortOption,
  servicePortOption,
} from './shared-options.ts';
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
    .addOption(hostOption('address every service listens on'))
    .addOption(port('--health-center-port', 'HEALTH_CENTER_PORT', DEFAULT_PORTS.healthCenter))
    .addOption(notificationServerPortOption({ description: PORT_HELP, allowAny: true }))
    .addOption(port('--app-port', 'APP_PORT', DEFAULT_PORTS.app))
    .option('--no-demo-account', 'do not create the demo staff account on first run')
    .option('--no-build', 'serve the app build that exists instead of building it first');
}

const PORT_HELP = 'TCP port (0 picks a free one)';

function port(flag: string, envName: string, fallback: number) {
  return servicePortOption(flag, envName, fallback, { description: PORT_HELP, allowAny: true });
}
