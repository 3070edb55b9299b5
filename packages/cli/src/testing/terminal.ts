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
