/**
 * Shows a UTC-day contact record in the person's local calendar honestly. The engine scores by
 * UTC day (the EN framework does); in Japan that day runs from 9:00 to 9:00 the next morning,
 * so a contact at 8:00 local time belongs to the previous UTC day. We label each record with
 * the local date covering most of it and also give the exact local range.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** How one UTC-day record reads in a local calendar. */
export interface LocalContactDay {
  /** `YYYY/M/D`, the local date at the UTC day's midpoint. */
  label: string;
  /** Local start of the UTC day, `YYYY/M/D H:MM`. */
  from: string;
  /** Local end of the UTC day (exclusive), `YYYY/M/D H:MM`. */
  to: string;
  /** False when the local calendar and UTC agree, so no range needs showing. */
  shifted: boolean;
}

/** Formats an instant as `YYYY/M/D` in the given (or the device's) time zone. */
export function formatDate(ms: number, timeZone?: string): string {
  const p = parts(ms, timeZone);
  return `${p.year}/${p.month}/${p.day}`;
}

/** Formats an instant as `YYYY/M/D H:MM` in the given (or the device's) time zone. */
export function formatDateTime(ms: number, timeZone?: string): string {
  const p = parts(ms, timeZone);
  return `${p.year}/${p.month}/${p.day} ${p.hour}:${p.minute}`;
}

/** Describes the UTC day starting at `utcMidnightMs` in the given (or the device's) zone. */
export function localContactDay(utcMidnightMs: number, timeZone?: string): LocalContactDay {
  const from = formatDateTime(utcMidnightMs, timeZone);
  const to = formatDateTime(utcMidnightMs + DAY_MS, timeZone);
  const start = parts(utcMidnightMs, timeZone);
  return {
    label: formatDate(utcMidnightMs + DAY_MS / 2, timeZone),
    from,
    to,
    shifted: start.hour !== '0' || start.minute !== '00',
  };
}

/** Whole local calendar days from `firstMs` to `nowMs`, counting the first day as day 1. */
export function daysOfUse(firstMs: number, nowMs: number, timeZone?: string): number {
  const a = parts(firstMs, timeZone);
  const b = parts(nowMs, timeZone);
  const dayA = Date.UTC(Number(a.year), Number(a.month) - 1, Number(a.day));
  const dayB = Date.UTC(Number(b.year), Number(b.month) - 1, Number(b.day));
  return Math.max(1, Math.round((dayB - dayA) / DAY_MS) + 1);
}

interface DateParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

function parts(ms: number, timeZone?: string): DateParts {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const out: DateParts = { year: '', month: '', day: '', hour: '', minute: '' };
  for (const part of format.formatToParts(new Date(ms))) {
    if (part.type in out) out[part.type as keyof DateParts] = part.value;
  }
  // Some engines pad the hour in h23 mode; the app writes hours without a leading zero.
  out.hour = String(Number(out.hour));
  return out;
}
