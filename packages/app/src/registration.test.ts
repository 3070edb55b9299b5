import { describe, expect, it } from 'vitest';
import {
  isNumberWellFormed,
  isOnsetDateAllowed,
  localIsoDate,
  localMidnightRfc3339,
  registrationErrorKey,
} from './registration.ts';

describe('localMidnightRfc3339', () => {
  it('keeps the calendar date and appends the local offset', () => {
    const text = localMidnightRfc3339('2022-08-08');
    expect(text).toMatch(/^2022-08-08T00:00:00[+-]\d{2}:\d{2}$/);
    // The instant it names is local midnight of that date, whatever the zone.
    expect(new Date(text).getDate()).toBe(8);
  });
});

describe('isOnsetDateAllowed', () => {
  const now = new Date(2022, 7, 20, 12).getTime();
  it.each([
    { date: '2022-08-20', ok: true },
    { date: '2022-07-23', ok: true },
    { date: '2022-07-22', ok: false },
    { date: '2022-08-21', ok: false },
    { date: '20-08-2022', ok: false },
    { date: '', ok: false },
  ])('$date → $ok', ({ date, ok }) => {
    expect(isOnsetDateAllowed(date, now)).toBe(ok);
  });

  it('formats today for the date input', () => {
    expect(localIsoDate(now)).toBe('2022-08-20');
  });
});

describe('isNumberWellFormed', () => {
  it.each([
    { input: '12345678', ok: true },
    { input: '１２３４５６７８', ok: true },
    { input: '1234-5678', ok: true },
    { input: '1234567', ok: false },
    { input: 'abcdefgh', ok: false },
  ])('$input → $ok', ({ input, ok }) => {
    expect(isNumberWellFormed(input)).toBe(ok);
  });
});

describe('registrationErrorKey', () => {
  it.each([
    { result: { outcome: 'number-invalid' }, key: 'register.error.invalidNumber' },
    { result: { outcome: 'data-problem', code: 'X' }, key: 'register.error.badData' },
    {
      result: { outcome: 'unreachable', attempts: 4, lastStatus: 503 },
      key: 'register.error.busy',
    },
    { result: { outcome: 'unreachable', attempts: 4 }, key: 'register.error.unavailable' },
    { result: { outcome: 'consent-missing' }, key: 'register.error.unknown' },
  ] as const)('$result.outcome → $key', ({ result, key }) => {
    expect(registrationErrorKey(result)).toBe(key);
  });
});
