import { describe, expect, it } from 'vitest';
import { daysOfUse, formatDate, localContactDay } from './contact-dates.ts';

const AUG_1_UTC = Date.UTC(2020, 7, 1);

describe('localContactDay', () => {
  it.each([
    {
      zone: 'Asia/Tokyo',
      label: '2020/8/1',
      from: '2020/8/1 9:00',
      to: '2020/8/2 9:00',
      shifted: true,
    },
    { zone: 'UTC', label: '2020/8/1', from: '2020/8/1 0:00', to: '2020/8/2 0:00', shifted: false },
    {
      zone: 'America/Los_Angeles',
      label: '2020/8/1',
      from: '2020/7/31 17:00',
      to: '2020/8/1 17:00',
      shifted: true,
    },
  ])('shows the UTC day of 2020-08-01 honestly in $zone', ({ zone, ...expected }) => {
    expect(localContactDay(AUG_1_UTC, zone)).toEqual(expected);
  });
});

describe('formatDate', () => {
  it('uses the local calendar, not UTC', () => {
    // 2020-08-01 20:00 UTC is already 2 August in Japan.
    expect(formatDate(Date.UTC(2020, 7, 1, 20), 'Asia/Tokyo')).toBe('2020/8/2');
    expect(formatDate(Date.UTC(2020, 7, 1, 20), 'UTC')).toBe('2020/8/1');
  });
});

describe('daysOfUse', () => {
  it.each([
    { first: Date.UTC(2020, 7, 1, 1), now: Date.UTC(2020, 7, 1, 2), days: 1 },
    { first: Date.UTC(2020, 7, 1, 1), now: Date.UTC(2020, 7, 2, 1), days: 2 },
    // 14:59 UTC is 23:59 in Tokyo; 15:01 UTC is already the next local day.
    { first: Date.UTC(2020, 7, 1, 14, 59), now: Date.UTC(2020, 7, 1, 15, 1), days: 2 },
  ])('counts local calendar days ($days)', ({ first, now, days }) => {
    expect(daysOfUse(first, now, 'Asia/Tokyo')).toBe(days);
  });
});
