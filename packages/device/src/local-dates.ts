/**
 * Contact days are UTC days (exposure windows carry UTC midnight), but people live in their
 * local calendar: in Japan a UTC day runs from 09:00 to 09:00 the next day. These helpers show
 * a UTC-day record honestly as the local dates it covers.
 */
import { DAY_MS } from '@cocoa/protocol';

/** The local calendar dates (`YYYY-MM-DD`) a UTC day overlaps. */
export interface LocalDateRange {
  /** Local date at the UTC day's first instant. */
  first: string;
  /** Local date at its last instant; equals `first` only for UTC-aligned zones. */
  last: string;
}

/** `YYYY-MM-DD` of a UTC midnight in ms. */
export function utcDateString(dateMs: number): string {
  return new Date(dateMs).toISOString().slice(0, 10);
}

/** Local dates covered by the UTC day at `dateMs`, in `timeZone` (default: the system's). */
export function localDateRange(dateMs: number, timeZone?: string): LocalDateRange {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return { first: format.format(dateMs), last: format.format(dateMs + DAY_MS - 1) };
}
