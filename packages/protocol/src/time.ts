/**
 * Exposure Notification time units: 10-minute interval numbers and UTC-day rolling periods
 * (protocol.md §1).
 */

/** Seconds in one ENIntervalNumber step. */
export const INTERVAL_SECONDS = 600;

/** Intervals in one UTC day, the rolling period of a phone's daily key. */
export const INTERVALS_PER_DAY = 144;

/** Days that keys and sightings are kept and that matter for matching. */
export const MAX_KEY_AGE_DAYS = 14;

/** Milliseconds in one UTC day. */
export const DAY_MS = 86_400_000;

/** ENIntervalNumber of an instant: whole 10-minute steps since the Unix epoch. */
export function enIntervalNumber(date: Date | number): number {
  const ms = typeof date === 'number' ? date : date.getTime();
  return Math.floor(ms / 1000 / INTERVAL_SECONDS);
}

/** The interval a phone would start a daily key at: the UTC midnight on or before `interval`. */
export function rollingStartOf(interval: number): number {
  return INTERVALS_PER_DAY * Math.floor(interval / INTERVALS_PER_DAY);
}

/** Unix milliseconds at which an interval begins. */
export function intervalStartMs(interval: number): number {
  return interval * INTERVAL_SECONDS * 1000;
}

/** UTC midnight (ms) of the day that contains `ms`. */
export function utcDayStartMs(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}
