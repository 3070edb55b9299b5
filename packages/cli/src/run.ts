import { CommanderError } from 'commander';
import type { CliContext } from './context.ts';
import { describeError, ExitCode } from './errors.ts';
import { createProgram } from './program.ts';

/**
 * Runs one `cocoa` command line to completion and returns its exit code. Every failure ends
 * here: usage mistakes were already explained by commander, typed errors become one line, and
 * only unexpected errors may show a stack trace (with `COCOA_DEBUG=1`).
 */
export async function runCli(argv: readonly string[], context: CliContext): Promise<ExitCode> {
  const program = createProgram(context);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ExitCode.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    }

    const report = describeError(error);
    context.note(`cocoa: ${report.line}`);
    if (report.stack !== undefined && context.env.COCOA_DEBUG === '1') context.note(report.stack);
    return report.exitCode;
  }
}
