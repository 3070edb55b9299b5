import { describe, expect, it } from 'vitest';
import { createManualClock } from './clock.ts';

describe('createManualClock', () => {
  it('runs due timers in time order and stops at the target time', async () => {
    const clock = createManualClock(1_000);
    const seen: [string, number][] = [];
    clock.setTimeout(() => seen.push(['b', clock.now()]), 200);
    clock.setTimeout(() => seen.push(['a', clock.now()]), 100);
    clock.setTimeout(() => seen.push(['late', clock.now()]), 5_000);

    await clock.advance(300);

    expect(seen).toEqual([
      ['a', 1_100],
      ['b', 1_200],
    ]);
    expect(clock.now()).toBe(1_300);
    expect(clock.pending()).toBe(1);
  });

  it('runs timers scheduled by timers and waits for their async work', async () => {
    const clock = createManualClock(0);
    const ticks: number[] = [];
    const tick = async (): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      ticks.push(clock.now());
      clock.setTimeout(tick, 100);
    };
    clock.setTimeout(tick, 100);

    await clock.advance(350);

    expect(ticks).toEqual([100, 200, 300]);
  });

  it('cancels timers and refuses to go backwards', async () => {
    const clock = createManualClock(0);
    let ran = false;
    const handle = clock.setTimeout(() => {
      ran = true;
    }, 10);
    clock.clearTimeout(handle);
    await clock.advance(20);
    expect(ran).toBe(false);
    await expect(clock.advanceTo(5)).rejects.toThrow(RangeError);
  });
});
