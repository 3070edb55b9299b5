import { describe, expect, it } from 'vitest';
import { sharedDataPath } from '@cocoa/protocol/node';
import { terminalContext } from '../testing/terminal.ts';
import { replayAction } from './replay.ts';

describe('cocoa replay on a terminal', () => {
  it('shows how many runs are read while it reads them', { timeout: 60_000 }, async () => {
    const { context, printed, drawn } = terminalContext();

    await replayAction(context, sharedDataPath('en-logs', 'mitll-ua', 'SmallParty'), {});

    expect(printed.join('\n')).toContain('SmallParty/');
    expect(drawn()).toMatch(/reading runs +\[[^\]]*\] 100% \| 3\/3/);
  });
});
