import { describe, expect, it } from 'vitest';
import { enIntervalNumber, intervalStartMs, rollingStartOf, utcDayStartMs } from './time.ts';

describe('time', () => {
  it('counts 10-minute intervals since the epoch', () => {
    expect(enIntervalNumber(0)).toBe(0);
    expect(enIntervalNumber(599_999)).toBe(0);
    expect(enIntervalNumber(600_000)).toBe(1);
    expect(enIntervalNumber(new Date(1585785600_000))).toBe(2642976);
  });

  it('aligns rolling starts to UTC midnight', () => {
    expect(rollingStartOf(2642976 + 143)).toBe(2642976);
    expect(rollingStartOf(2642976 + 144)).toBe(2642976 + 144);
    expect(intervalStartMs(2642976)).toBe(1585785600_000);
    expect(utcDayStartMs(1585785600_000 + 3_600_000)).toBe(1585785600_000);
  });
});
