/**
 * Timestamps as the logs write them: `2021-03-12T09:20:46-05`, `…-0500`, `…-05:00` or `Z`,
 * sometimes with a one-digit hour (`2021-03-12T9:19:00-0500`).
 */
const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{1,2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}(?::?\d{2})?)$/;

/** Milliseconds since the epoch for a log timestamp, or undefined when it is not one. */
export function parseLogTimestamp(text: string): number | undefined {
  const m = PATTERN.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, zone] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(utc) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return undefined;
  return utc - zoneOffsetMinutes(zone ?? 'Z') * 60_000;
}

/** Minutes east of UTC for `Z`, `-05`, `-0500` or `-05:00`. */
function zoneOffsetMinutes(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  return sign * (hours * 60 + minutes);
}
