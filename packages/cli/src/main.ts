/**
 * Entry of the `cocoa` command: runs one command line and exits with its code.
 */
import { processContext } from './context.ts';
import { runCli } from './run.ts';

// A reader that stops early (`cocoa exports inspect FILE | head`) closes the pipe; that ends
// the output, not the command's success.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const exitCode = await runCli(process.argv.slice(2), processContext());
process.exitCode = exitCode;

// A library that forgets to close a handle must not keep a finished command alive forever;
// the timer is unref'd, so a clean exit happens at once and this only fires when one hangs.
setTimeout(() => process.exit(exitCode), 2_000).unref();
