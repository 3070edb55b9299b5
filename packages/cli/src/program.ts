import { Command } from 'commander';
import type { CliContext } from './context.ts';
import { registerDbCommand } from './commands/db.ts';
import { registerExportsCommand } from './commands/exports.ts';
import { registerKeysCommand } from './commands/keys.ts';
import { registerServeCommands } from './commands/serve.ts';
import { registerReplayCommand } from './commands/replay.ts';
import { registerSimulateCommand } from './commands/simulate.ts';
import { registerStaffCommand } from './commands/staff.ts';

const DESCRIPTION =
  'Run and inspect the contact-confirmation system: servers, app, simulation, replay, exports.';

/** `cocoa: error USAGE: …` from commander's `error: …` (any further lines kept as they are). */
export function usageLine(text: string): string {
  return `cocoa: error USAGE: ${text.replace(/^error: /, '')}`;
}

/** Builds the `cocoa` command tree; each command lives in its own module under `commands/`. */
export function createProgram(context: CliContext): Command {
  const program = new Command('cocoa')
    .description(DESCRIPTION)
    .version('0.1.0', '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .helpCommand('help [command]', 'show help for a command')
    .showHelpAfterError('(add --help to see how to use this command)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.print(text.replace(/\n$/, '')),
      writeErr: (text) => context.note(text.replace(/\n$/, '')),
      // Commander's "error: …" becomes the line every other failure prints, with a stable code.
      outputError: (text, write) => write(usageLine(text)),
    });

  // Commander shows the help alone when a command is missing or `help` names an unknown one;
  // the line every other usage mistake prints goes first.
  program.addHelpText('beforeAll', ({ error, command }) =>
    error ? missingCommandLine(command) : '',
  );

  // Subcommands copy the settings above (exit override, output) when they are created.
  registerServeCommands(program, context);
  registerSimulateCommand(program, context);
  registerReplayCommand(program, context);
  registerExportsCommand(program, context);
  registerKeysCommand(program, context);
  registerDbCommand(program, context);
  registerStaffCommand(program, context);
  return program;
}

/** `cocoa exports inspect`: how a user types the command. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c !== null; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** The usage line for a command group called without a command, or `help` of an unknown one. */
function missingCommandLine(command: Command): string {
  const [first, unknown] = command.args;
  if (first === 'help' && unknown !== undefined) {
    return usageLine(
      `unknown command '${unknown}' after help; the commands of ${commandPath(command)} are below`,
    );
  }
  const names = command.commands.map((c) => c.name());
  return usageLine(
    `${commandPath(command)} needs a command: ${names.join(', ')}; each is described below`,
  );
}
