import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { sharedDataPath } from '@cocoa/protocol/node';
import type { CliContext } from '../context.ts';
import { replayAction } from './replay.ts';

/** A standard error that says it is a terminal, so the progress bar draws into it. */
function terminalContext(): { context: CliContext; printed: string[]; drawn: () => string } {
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

describe('cocoa replay on a terminal', () => {
  it('shows how many runs are read while it reads them', { timeout: 60_000 }, async () => {
    const { context, printed, drawn } = terminalContext();

    await replayAction(context, sharedDataPath('en-logs', 'mitll-ua', 'SmallParty'), {});

    expect(printed.join('\n')).toContain('SmallParty/');
    expect(drawn()).toMatch(/reading runs +\[[^\]]*\] 100% \| 3\/3/);
  });
});
