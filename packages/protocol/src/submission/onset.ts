/**
 * The onset (or test) date and days since onset, counted in the person's own calendar.
 * The RFC 3339 string carries the phone's UTC offset; converting to UTC first would move
 * `2022-08-08T00:00+09:00` to 7 August and shift every key by a day (protocol.md §5).
 */
import { DAY_MS, intervalStartMs } from '../time.ts';
import { MAX_ONSET_AGE_DAYS } from './body.ts';
import { SubmissionError, SubmissionErrorCode } from './errors.ts';

/** An onset date as the person's calendar shows it, with the offset it was written in. */
export interface OnsetDate {
  /** Calendar day number in the person's local calendar (days since 1970-01-01). */
  localDay: number;
  /** Minutes east of UTC, from the RFC 3339 offset (`Z` is 0). */
  offsetMinutes: number;
  /** The instant itself, Unix milliseconds. */
  instantMs: number;
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?([Zz]|([+-])(\d{2}):(\d{2}))$/;

/** Parses `onsetOfSymptomOrTestDate`, or throws `SUBMISSION_ONSET_INVALID`. */
export function parseOnsetDate(value: unknown): OnsetDate {
  const m = typeof value === 'string' && value.length <= 64 ? RFC3339.exec(value) : null;
  if (!m) throw invalid('must be an RFC 3339 date-time with a UTC offset');

  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) =>
    Number(m[i] ?? '0'),
  ) as [number, number, number, number, number, number];
  const localDay = Date.UTC(year, month - 1, day) / DAY_MS;
  const check = new Date(localDay * DAY_MS);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || year < 1970) {
    throw invalid('names a day that does not exist');
  }
  if (hour > 23 || minute > 59 || second > 60) throw invalid('has an impossible time of day');

  const sign = m[8] === '-' ? -1 : 1;
  const offsetMinutes = m[8] ? sign * (Number(m[9]) * 60 + Number(m[10])) : 0;
  if (Math.abs(offsetMinutes) > 18 * 60) throw invalid('has an offset beyond ±18:00');

  const localMs = localDay * DAY_MS + ((hour * 60 + minute) * 60 + Math.min(second, 59)) * 1000;
  return { localDay, offsetMinutes, instantMs: localMs - offsetMinutes * 60_000 };
}

/** Local calendar day number of an instant, seen with the onset's UTC offset. */
export function localDayOf(ms: number, offsetMinutes: number): number {
  return Math.floor((ms + offsetMinutes * 60_000) / DAY_MS);
}

/** Days from the onset day to the local day on which a key starts (negative = before onset). */
export function daysSinceOnset(rollingStartIntervalNumber: number, onset: OnsetDate): number {
  return (
    localDayOf(intervalStartMs(rollingStartIntervalNumber), onset.offsetMinutes) - onset.localDay
  );
}

/**
 * Refuses an onset after today or more than 28 days before today, both in the person's
 * calendar; a phone cannot know a future onset, and an old one makes every key irrelevant.
 */
export function checkOnsetDate(onset: OnsetDate, nowMs: number): void {
  const today = localDayOf(nowMs, onset.offsetMinutes);
  if (onset.localDay > today) {
    throw new SubmissionError(
      SubmissionErrorCode.ONSET_IN_FUTURE,
      'onsetOfSymptomOrTestDate is after today',
      'onsetOfSymptomOrTestDate',
    );
  }
  if (today - onset.localDay > MAX_ONSET_AGE_DAYS) {
    throw new SubmissionError(
      SubmissionErrorCode.ONSET_TOO_OLD,
      `onsetOfSymptomOrTestDate is more than ${MAX_ONSET_AGE_DAYS} days ago`,
      'onsetOfSymptomOrTestDate',
    );
  }
}

function invalid(expectation: string): SubmissionError {
  return new SubmissionError(
    SubmissionErrorCode.ONSET_INVALID,
    `onsetOfSymptomOrTestDate ${expectation}`,
    'onsetOfSymptomOrTestDate',
  );
}
