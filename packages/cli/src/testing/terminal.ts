import { PassThrough } from 'node:stream';
import type { CliContext } from '../context.ts';

/** A context whose standard error says it is a terminal, so progress bars draw into it. */
export function terminalContext(): { context: CliContext; printed: string[]; drawn: () => string } {
  const stderr = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
  let drawn = '';
  stderr.on('data', (chunk: Buffer) => (drawn += chunk.toString('utf8')));
  const printed: string[] = [];
  const context: CliContext = {
    print: (line) => printed.push(line),
    note: (line) => stderr.write(`${line}\n`),
    env: {},
    stdin: process.stdin,
    stderr: stderr as unknown as NodeJS.WriteStream,
  };
  return { context, printed, drawn: () => drawn };
}

/**
 * A context whose standard input says it is a terminal, so passwords are asked at a hidden
 * prompt; `type` sends keys as a person would, and `shown` is what the prompt wrote.
 */
export function keyboardContext(env: NodeJS.ProcessEnv = {}): {
  context: CliContext;
  printed: string[];
  shown: () => string;
  type: (keys: string) => void;
} {
  const stdin = Object.assign(new PassThrough({ encoding: 'utf8' }), {
    isTTY: true,
    setRawMode: () => stdin,
  });
  const stderr = new PassThrough();
  let shown = '';
  stderr.on('data', (chunk: Buffer) => (shown += chunk.toString('utf8')));
  const printed: string[] = [];
  const context: CliContext = {
    print: (line) => printed.push(line),
    note: (line) => stderr.write(`${line}\n`),
    env,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
  };
  return { context, printed, shown: () => shown, type: (keys) => stdin.write(keys) };
}
