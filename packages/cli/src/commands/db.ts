import type { Command } from 'commander';
import { Option } from 'commander';
import type { CliContext } from '../context.ts';
import { addStateOptions } from './shared-options.ts';
import type { StateOptions } from './shared-options.ts';

/** Services `db migrate --service` accepts. */
export const MIGRATABLE_SERVICES = ['all', 'health-center', 'notification-server'] as const;

/** Adds `cocoa db migrate`. */
export function registerDbCommand(program: Command, context: CliContext): void {
  const db = program.command('db').description("manage the services' databases");

  addStateOptions(
    db
      .command('migrate')
      .description(
        'create or update the tables of the health-center system and notification server',
      ),
  )
    .addOption(
      new Option('--service <name>', 'which service to migrate')
        .choices(MIGRATABLE_SERVICES)
        .default('all'),
    )
    .action(async (options: StateOptions & { service: (typeof MIGRATABLE_SERVICES)[number] }) => {
      const { migrateAction } = await import('../db/migrate.ts');
      await migrateAction(context, options);
    });
}
