/**
 * Clock-dependent rules for single keys and for how keys of one submission may overlap
 * (protocol.md §5). Pure functions of the key and `nowMs`, shared by the server and tests.
 */
import { DAY_MS, enIntervalNumber, intervalStartMs, MAX_KEY_AGE_DAYS } from '../time.ts';
import { EMBARGO_MS, MAX_KEYS_PER_START_INTERVAL } from './body.ts';
import { SubmissionError, SubmissionErrorCode } from './errors.ts';

/** The fields of a key that the time rules look at. */
export interface KeyWindow {
  rollingStartIntervalNumber: number;
  rollingPeriod: number;
}

/** First interval after the key's validity: `start + period`. */
export function keyEndInterval(key: KeyWindow): number {
  return key.rollingStartIntervalNumber + key.rollingPeriod;
}

/**
 * The oldest end interval still accepted: `now − 14 days`. A key ending exactly there is
 * valid; retention uses the same bound so a stored key is never deleted before it is useful.
 */
export function minimumKeyEndInterval(nowMs: number): number {
  return enIntervalNumber(nowMs - MAX_KEY_AGE_DAYS * DAY_MS);
}

/** True when the key ended before `now − 14 days` and must be dropped. */
export function isKeyTooOld(key: KeyWindow, nowMs: number): boolean {
  return keyEndInterval(key) < minimumKeyEndInterval(nowMs);
}

/** True when the key starts after the current interval (phones never send future keys). */
export function isKeyInFuture(key: KeyWindow, nowMs: number): boolean {
  return key.rollingStartIntervalNumber > enIntervalNumber(nowMs);
}

/** True while the key can still produce rolling proximity identifiers at `nowMs`. */
export function isKeyStillValid(key: KeyWindow, nowMs: number): boolean {
  return intervalStartMs(keyEndInterval(key)) > nowMs;
}

/**
 * Earliest publication time of a key: two hours after its validity ends, so nobody can
 * replay the identifiers of a key that is still being broadcast.
 */
export function embargoUntilMs(key: KeyWindow): number {
  return intervalStartMs(keyEndInterval(key)) + EMBARGO_MS;
}

/**
 * Refuses a key set in which two keys overlap in time unless they share the exact start
 * interval (at most three per start), which is how a phone reports a revised current key.
 */
export function checkKeyOverlap(keys: readonly KeyWindow[]): void {
  const byStart = new Map<number, number>();
  for (const k of keys) {
    const end = keyEndInterval(k);
    byStart.set(
      k.rollingStartIntervalNumber,
      Math.max(byStart.get(k.rollingStartIntervalNumber) ?? 0, end),
    );
  }
  const counts = new Map<number, number>();
  for (const k of keys) {
    const n = (counts.get(k.rollingStartIntervalNumber) ?? 0) + 1;
    counts.set(k.rollingStartIntervalNumber, n);
    if (n > MAX_KEYS_PER_START_INTERVAL) {
      throw new SubmissionError(
        SubmissionErrorCode.KEYS_OVERLAP,
        `more than ${MAX_KEYS_PER_START_INTERVAL} keys share one start interval`,
        'keys',
      );
    }
  }

  const starts = [...byStart.keys()].sort((a, b) => a - b);
  for (let i = 1; i < starts.length; i++) {
    const previousEnd = byStart.get(starts[i - 1] as number) as number;
    if (previousEnd > (starts[i] as number)) {
      throw new SubmissionError(
        SubmissionErrorCode.KEYS_OVERLAP,
        'two keys overlap in time without sharing a start interval',
        'keys',
      );
    }
  }
}
