/**
 * Timestamps as the logs write them: `2021-03-12T09:20:46-05`, `…-0500`, `…-05:00` or `Z`,
 * sometimes with a one-digit hour (`2021-03-12T9:19:00-0500`).
 */
const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{1,2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}(?::?\d{2})?)$/;

// Clock zones run from UTC-12:00 to UTC+14:00; up to 14 hours either way is accepted.
const MAX_ZONE_HOURS = 14;

/**
 * Milliseconds since the epoch for a log timestamp, or undefined when it is not one: a date
 * the calendar does not have (month 13, 31 April, 29 February outside a leap year), a time
 * past 23:59:60 or a zone no clock uses, which a `Date` would otherwise roll into a real day.
 */
export function parseLogTimestamp(text: string): number | undefined {
  const m = PATTERN.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, zone] = m;
  const [year, month, day] = [Number(y), Number(mo) - 1, Number(d)];
  const offset = zoneOffsetMinutes(zone ?? 'Z');
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 60 || offset === undefined) {
    return undefined;
  }

  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month || date.getUTCDate() !== day) {
    return undefined;
  }
  // A leap second (ss = 60) is kept: it lands on the next minute's first second.
  date.setUTCHours(Number(h), Number(mi), Number(s));
  return date.getTime() - offset * 60_000;
}

/** Minutes east of UTC for `Z`, `-05`, `-0500` or `-05:00`; undefined for no real zone. */
function zoneOffsetMinutes(zone: string): number | undefined {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (minutes > 59 || hours * 60 + minutes > MAX_ZONE_HOURS * 60) return undefined;
  return sign * (hours * 60 + minutes);
}
