import { describe, expect, it } from 'vitest';
import { createEventClock } from './event-clock.ts';

describe('createEventClock', () => {
  it('runs callbacks in time order, same-time ones in scheduling order, and skips cancelled ones', async () => {
    const clock = createEventClock(1000);
    const seen: string[] = [];
    clock.setTimeout(() => seen.push(`b@${clock.now()}`), 20);
    clock.setTimeout(() => seen.push(`a@${clock.now()}`), 10);
    clock.setTimeout(() => seen.push(`c@${clock.now()}`), 20);
    const cancelled = clock.setTimeout(() => seen.push('never'), 15);
    clock.clearTimeout(cancelled);

    await clock.advanceTo(1015);
    expect(seen).toEqual(['a@1010']);
    expect(clock.now()).toBe(1015);
    await clock.advanceTo(2000);
    expect(seen).toEqual(['a@1010', 'b@1020', 'c@1020']);
    expect(clock.pending()).toBe(0);
  });

  it('waits for async callbacks and runs timers they schedule within the same advance', async () => {
    const clock = createEventClock(0);
    const seen: number[] = [];
    clock.setTimeout(async () => {
      await new Promise((r) => setTimeout(r, 1));
      seen.push(clock.now());
      clock.setTimeout(() => seen.push(clock.now()), 5);
    }, 5);
    await clock.advanceTo(100);
    expect(seen).toEqual([5, 10]);
  });

  it('runs same-instant callbacks one after another, so slow work cannot reorder them', async () => {
    const clock = createEventClock(0);
    const seen: string[] = [];
    clock.setTimeout(async () => {
      seen.push('first starts');
      await new Promise((r) => setTimeout(r, 5));
      seen.push('first ends');
      clock.clearTimeout(third);
    }, 10);
    clock.setTimeout(() => seen.push('second'), 10);
    const third = clock.setTimeout(() => seen.push('third'), 10);
    await clock.advanceTo(10);
    expect(seen).toEqual(['first starts', 'first ends', 'second']);
  });

  it('never moves backwards', async () => {
    const clock = createEventClock(50);
    await expect(clock.advanceTo(49)).rejects.toThrow(RangeError);
  });
});
