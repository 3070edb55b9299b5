/**
 * Pure helpers of the positive-registration form: the date the person picks is a local
 * calendar date, sent with the local UTC offset so the server counts days since onset in the
 * person's calendar (protocol.md §5), never shifted by a conversion to UTC.
 */
import { isProcessingNumber } from '@cocoa/protocol';
import type { RegistrationResult } from '@cocoa/device';

/** Oldest onset or test date the server accepts, in days before today. */
export const MAX_ONSET_AGE_DAYS = 28;

/** `YYYY-MM-DD` of an instant in the device's local calendar (what `<input type=date>` uses). */
export function localIsoDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Local midnight of a `YYYY-MM-DD` date as RFC 3339 with the local offset, e.g. `+09:00`. */
export function localMidnightRfc3339(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const midnight = new Date(y, m - 1, d);
  const offsetMinutes = -midnight.getTimezoneOffset();
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${isoDate}T00:00:00${sign}${hh}:${mm}`;
}

/** True when the date lies between 28 days ago and today in the local calendar. */
export function isOnsetDateAllowed(isoDate: string, nowMs: number): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return false;
  const oldest = localIsoDate(nowMs - MAX_ONSET_AGE_DAYS * 24 * 60 * 60 * 1000);
  // ISO dates compare correctly as strings.
  return isoDate >= oldest && isoDate <= localIsoDate(nowMs);
}

/** True when the typed number can be a processing number (full-width digits allowed). */
export function isNumberWellFormed(input: string): boolean {
  return isProcessingNumber(input);
}

/** Translation key of the message for a failed registration. */
export function registrationErrorKey(result: RegistrationResult): string {
  switch (result.outcome) {
    case 'number-invalid':
      return 'register.error.invalidNumber';
    case 'data-problem':
      return 'register.error.badData';
    case 'unreachable':
      return result.lastStatus === 429 || result.lastStatus === 503
        ? 'register.error.busy'
        : 'register.error.unavailable';
    default:
      return 'register.error.unknown';
  }
}
