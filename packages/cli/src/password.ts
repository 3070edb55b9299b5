import type { CliContext } from './context.ts';
import { CliError, ExitCode } from './errors.ts';

const ENTER = new Set(['\r', '\n']);
const BACKSPACE = new Set(['\x7f', '\b']);
const CTRL_C = '\x03';
const CTRL_D = '\x04';

/**
 * Reads a password without it ever appearing on screen or in the process arguments: typed at a
 * hidden prompt (twice, to catch typos) on a terminal, or as the first line of standard input
 * when a script pipes it in.
 */
export async function readPassword(context: CliContext, what: string): Promise<string> {
  const password = context.stdin.isTTY
    ? await promptTwice(context, what)
    : await readFirstLine(context.stdin);

  if (password.length === 0) {
    throw new CliError(
      'PASSWORD_EMPTY',
      `no ${what} given; type it at the prompt or pipe it on standard input`,
    );
  }
  return password;
}

async function promptTwice(context: CliContext, what: string): Promise<string> {
  const first = await promptHidden(context, `${what}: `);
  const second = await promptHidden(context, `${what} again: `);
  if (first !== second) {
    throw new CliError('PASSWORD_MISMATCH', `the two ${what}s differ; run the command again`);
  }
  return first;
}

function promptHidden(context: CliContext, prompt: string): Promise<string> {
  const stdin = context.stdin;
  context.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');

  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: CliError) => {
      stdin.off('data', onData);
      for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
      stdin.setRawMode(false);
      stdin.pause();
      context.stderr.write('\n');
      if (error === undefined) resolve(typed);
      else reject(error);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (ENTER.has(char)) return finish();
        // Raw mode turns Ctrl+C into a character instead of SIGINT; it still means "stop", and
        // exits as an interrupted command does.
        if (char === CTRL_C) return onSignal();
        if (char === CTRL_D) {
          return finish(new CliError('CANCELLED', 'cancelled; nothing was changed'));
        }
        if (BACKSPACE.has(char)) typed = typed.slice(0, -1);
        else typed += char;
      }
      return undefined;
    };
    // A stop request from outside (a service manager, `kill`) ends the prompt as Ctrl+C does,
    // instead of killing the process with the terminal still in raw mode.
    const onSignal = () =>
      finish(
        new CliError('INTERRUPTED', 'stopped at the password prompt; nothing was changed', {
          exitCode: ExitCode.INTERRUPTED,
        }),
      );
    for (const signal of STOP_SIGNALS) process.once(signal, onSignal);
    stdin.on('data', onData);
  });
}

const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

async function readFirstLine(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/, 1)[0] ?? '';
}
