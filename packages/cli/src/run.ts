import { CommanderError } from 'commander';
import type { Command } from 'commander';
import type { CliContext } from './context.ts';
import { describeError, ExitCode, StoppedBySignal } from './errors.ts';
import { commandPath, createProgram } from './program.ts';

/**
 * Runs one `cocoa` command line to completion and returns its exit code. Every failure ends
 * here: usage mistakes were already explained by commander, typed errors become one line, and
 * only unexpected errors may show a stack trace (with `COCOA_DEBUG=1`).
 */
export async function runCli(argv: readonly string[], context: CliContext): Promise<ExitCode> {
  const program = createProgram(context);
  let running: Command = program;
  program.hook('preAction', (_program, actionCommand) => {
    running = actionCommand;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ExitCode.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    }

    if (error instanceof StoppedBySignal) return ExitCode.INTERRUPTED;

    const report = describeError(error);
    // A mistake in the command line that only the command itself could see (a flag value it
    // refuses) points to the help, as commander's own usage errors do.
    const help = report.exitCode === ExitCode.USAGE ? ` (see ${commandPath(running)} --help)` : '';
    context.note(`cocoa: ${report.line}${help}`);
    if (report.stack !== undefined && context.env.COCOA_DEBUG === '1') context.note(report.stack);
    return report.exitCode;
  }
}
