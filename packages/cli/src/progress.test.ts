import { describe, expect, it } from 'vitest';
import { startProgress } from './progress.ts';
import { terminalContext } from './testing/terminal.ts';

describe('a progress bar on a terminal', () => {
  it('names the stage it is in, and the new one when the stage changes', () => {
    const { context, drawn } = terminalContext();
    const progress = startProgress(context, 'starting', 1);

    progress.update(1_000, 4_900, 'starting');
    progress.update(288, 288, 'simulating');
    progress.stop();

    expect(drawn()).toMatch(/starting {5}\[[^\]]*\] 0% \| 0\/1/);
    expect(drawn()).toMatch(/simulating {3}\[[^\]]*\] 100% \| 288\/288/);
  });

  it('draws nothing when standard error is not a terminal', () => {
    const { context, drawn } = terminalContext();
    Object.assign(context.stderr, { isTTY: false });
    const progress = startProgress(context, 'starting', 3);

    progress.update(3);
    progress.stop();

    expect(drawn()).toBe('');
  });
});
