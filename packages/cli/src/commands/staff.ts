import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { addStateOptions } from './shared-options.ts';
import type { StateOptions } from './shared-options.ts';

/** Adds `cocoa staff add`. */
export function registerStaffCommand(program: Command, context: CliContext): void {
  const staff = program.command('staff').description('manage health-center staff accounts');

  addStateOptions(
    staff
      .command('add')
      .description(
        'create a staff account for the health-center console; the password is read from a ' +
          'hidden prompt, or from the first line of standard input when piped (never from flags)',
      ),
  )
    .usage('--username <name> [options]')
    .requiredOption(
      '--username <name>',
      'sign-in name of the new account (required): 3-64 characters of a-z, 0-9, dot, ' +
        'underscore or hyphen; stored in lower case',
    )
    .action(async (options: StateOptions & { username: string }) => {
      const { addStaffAction } = await import('../staff/add.ts');
      await addStaffAction(context, options);
    });
}
