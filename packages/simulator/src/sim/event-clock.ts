/**
 * A discrete-event clock for thousands of device engines: timers sit in a binary heap and run in
 * time order, those due at the same instant one after another in the order they were set, each
 * awaited before the next starts. Running them together would let crypto on background threads
 * decide whether a phone's scan hears another's old or new advertisement, and a run would no
 * longer be repeatable under its seed.
 */
import type { Clock, TimerHandle } from '@cocoa/device';

interface Timer {
  id: number;
  dueMs: number;
  callback: () => unknown;
}

/** A clock that moves only when the simulation advances it. */
export interface EventClock extends Clock {
  /** Runs every callback due up to `targetMs` in time order, then stands at `targetMs`. */
  advanceTo(targetMs: number): Promise<void>;
  /** Number of timers still scheduled. */
  pending(): number;
}

/** Creates a clock standing at `startMs`. */
export function createEventClock(startMs: number): EventClock {
  let nowMs = startMs;
  let nextId = 1;
  const heap: Timer[] = [];
  const cancelled = new Set<number>();

  // Earlier due time first; equal times in scheduling order, which keeps runs repeatable.
  const before = (a: Timer, b: Timer) => a.dueMs < b.dueMs || (a.dueMs === b.dueMs && a.id < b.id);

  const push = (t: Timer) => {
    heap.push(t);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i] as Timer, heap[parent] as Timer)) break;
      [heap[i], heap[parent]] = [heap[parent] as Timer, heap[i] as Timer];
      i = parent;
    }
  };

  const pop = (): Timer | undefined => {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l] as Timer, heap[m] as Timer)) m = l;
        if (r < heap.length && before(heap[r] as Timer, heap[m] as Timer)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m] as Timer, heap[i] as Timer];
        i = m;
      }
    }
    return top;
  };

  const nextLive = (): Timer | undefined => {
    while (heap[0] && cancelled.has(heap[0].id)) cancelled.delete(pop()?.id ?? -1);
    return heap[0];
  };

  return {
    now: () => nowMs,
    setTimeout(callback, delayMs): TimerHandle {
      const id = nextId++;
      push({ id, dueMs: nowMs + Math.max(0, delayMs), callback });
      return id;
    },
    clearTimeout(handle) {
      if (typeof handle === 'number') cancelled.add(handle);
    },
    async advanceTo(targetMs) {
      if (targetMs < nowMs) throw new RangeError('advanceTo: the clock never moves backwards');
      for (let next = nextLive(); next && next.dueMs <= targetMs; next = nextLive()) {
        pop();
        nowMs = next.dueMs;
        await next.callback();
      }
      nowMs = targetMs;
    },
    pending: () => heap.length - cancelled.size,
  };
}
