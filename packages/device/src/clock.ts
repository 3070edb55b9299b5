/**
 * Time as the engine sees it. Every timer and every "now" goes through a `Clock`, so a test
 * clock can fast-forward twenty minutes of scanning in a moment, and Playwright's fake timers
 * in a browser drive the engine through the ordinary `Date` and `setTimeout`.
 */

/** Opaque handle of a scheduled callback. */
export type TimerHandle = unknown;

/** The time source and timers the engine uses. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /**
   * Runs `callback` once after `delayMs`. A callback may return a promise of its work; a
   * manual clock waits for it before running the next timer, the system clock does not.
   */
  setTimeout(callback: () => unknown, delayMs: number): TimerHandle;
  /** Cancels a callback that has not run yet. */
  clearTimeout(handle: TimerHandle): void;
}

/** The platform clock: `Date.now` and the global timers (looked up at call time, so fakes work). */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) =>
    globalThis.setTimeout(() => {
      void callback();
    }, delayMs),
  clearTimeout: (handle) => {
    globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>);
  },
};

/** A clock that only moves when told to; shared by many engines in tests and simulations. */
export interface ManualClock extends Clock {
  /** Moves time forward, running due callbacks in time order and awaiting their async work. */
  advance(ms: number): Promise<void>;
  /** Jumps to an absolute time (never backwards), like `advance`. */
  advanceTo(ms: number): Promise<void>;
  /** Number of callbacks still scheduled. */
  pending(): number;
}

interface Timer {
  id: number;
  dueMs: number;
  callback: () => unknown;
}

/** Creates a manual clock starting at `startMs`. */
export function createManualClock(startMs: number): ManualClock {
  let nowMs = startMs;
  let nextId = 1;
  const timers = new Map<number, Timer>();

  const runUntil = async (targetMs: number): Promise<void> => {
    if (targetMs < nowMs) throw new RangeError('advanceTo: the clock never moves backwards');
    await settle();
    for (;;) {
      let next: Timer | undefined;
      for (const t of timers.values()) {
        if (t.dueMs <= targetMs && (!next || t.dueMs < next.dueMs)) next = t;
      }
      if (!next) break;
      timers.delete(next.id);
      nowMs = Math.max(nowMs, next.dueMs);
      // Waiting for a callback's work (storage, crypto) before the next timer keeps the order
      // a real phone would see, however slow the machine.
      const work = next.callback();
      // Callbacks that return no promise may still have started work; give it one turn.
      if (work instanceof Promise) await work;
      else await settle();
    }
    nowMs = targetMs;
    await settle();
  };

  return {
    now: () => nowMs,
    setTimeout(callback, delayMs) {
      const id = nextId++;
      timers.set(id, { id, dueMs: nowMs + Math.max(0, delayMs), callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance: (ms) => runUntil(nowMs + ms),
    advanceTo: (ms) => runUntil(ms),
    pending: () => timers.size,
  };
}

// One macrotask turn, so work started outside timers (listeners, radio messages) can run.
async function settle(): Promise<void> {
  await new Promise<void>((resolve) => {
    globalThis.setTimeout(resolve, 0);
  });
}
