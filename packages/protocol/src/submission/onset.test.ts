import { describe, expect, it } from 'vitest';
import { checkOnsetDate, daysSinceOnset, parseOnsetDate } from './onset.ts';

describe('parseOnsetDate', () => {
  it.each([
    ['2022-08-08T00:00+09:00', Date.UTC(2022, 7, 8) / 86_400_000, 540],
    ['2021-12-19T19:02:00.000+09:00', Date.UTC(2021, 11, 19) / 86_400_000, 540],
    ['2022-08-08T23:30:00Z', Date.UTC(2022, 7, 8) / 86_400_000, 0],
    ['2022-08-08T01:00:00-05:00', Date.UTC(2022, 7, 8) / 86_400_000, -300],
  ])('reads %s in its own calendar', (text, localDay, offset) => {
    const onset = parseOnsetDate(text);
    expect(onset.localDay).toBe(localDay);
    expect(onset.offsetMinutes).toBe(offset);
  });

  it('keeps the instant', () => {
    expect(parseOnsetDate('2022-08-08T00:00+09:00').instantMs).toBe(Date.UTC(2022, 7, 7, 15));
  });
});

describe('daysSinceOnset', () => {
  it('counts in the local calendar: 2022-08-04 00:00 UTC is -4 from a JST onset on 8 August', () => {
    const onset = parseOnsetDate('2022-08-08T00:00+09:00');
    expect(daysSinceOnset(2765952, onset)).toBe(-4);
  });

  it.each([
    // A key starting 2022-08-07 15:00 UTC is 8 August 00:00 in Japan.
    [2765952 + 3 * 144 + 90, 0],
    [2765952 + 3 * 144 + 89, -1],
    [2765952 + 4 * 144, 0],
    [2765952 + 5 * 144, 1],
  ])('start %i gives %i', (start, days) => {
    expect(daysSinceOnset(start, parseOnsetDate('2022-08-08T00:00+09:00'))).toBe(days);
  });
});

describe('checkOnsetDate', () => {
  const now = Date.UTC(2022, 7, 10, 3); // 10 August 12:00 in Japan
  it.each([
    ['today', '2022-08-10T08:00+09:00', 'OK'],
    ['later today', '2022-08-10T23:00+09:00', 'OK'],
    ['tomorrow in Japan', '2022-08-11T00:00+09:00', 'SUBMISSION_ONSET_IN_FUTURE'],
    ['three days ahead', '2022-08-13T00:00+09:00', 'SUBMISSION_ONSET_IN_FUTURE'],
    ['28 days ago', '2022-07-13T00:00+09:00', 'OK'],
    ['29 days ago', '2022-07-12T00:00+09:00', 'SUBMISSION_ONSET_TOO_OLD'],
  ])('%s', (_name, text, code) => {
    let got = 'OK';
    try {
      checkOnsetDate(parseOnsetDate(text), now);
    } catch (e) {
      got = (e as { code: string }).code;
    }
    expect(got).toBe(code);
  });
});
