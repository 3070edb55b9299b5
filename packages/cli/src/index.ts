/** The `cocoa` command as a library: build the command tree or run a command line in-process. */
export { createProgram } from './program.ts';
export { runCli } from './run.ts';
export { processContext } from './context.ts';
export type { CliContext } from './context.ts';
export { CliError, ExitCode, describeError } from './errors.ts';
