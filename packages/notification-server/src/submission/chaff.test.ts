import { describe, expect, it } from 'vitest';
import { ChaffTiming } from './chaff.ts';
import { paddedJson } from './padding.ts';

describe('ChaffTiming', () => {
  it('draws decoy delays from recorded real durations within ±10%', () => {
    const timing = new ChaffTiming();
    for (const ms of [200, 250, 300]) timing.record(ms);
    for (let i = 0; i < 200; i++) {
      const d = timing.delayMs();
      expect(d).toBeGreaterThanOrEqual(180);
      expect(d).toBeLessThanOrEqual(330);
    }
  });

  it('forgets old durations after 64 new ones', () => {
    const timing = new ChaffTiming();
    timing.record(10_000);
    for (let i = 0; i < 64; i++) timing.record(100);
    for (let i = 0; i < 100; i++) expect(timing.delayMs()).toBeLessThanOrEqual(110);
  });
});

describe('paddedJson', () => {
  it.each([
    [{ code: 'OK', message: 'keys accepted' }],
    [{ code: 'SUBMISSION_KEY_DATA_INVALID', message: 'keys[3].keyData must be standard base64' }],
  ])('makes %o exactly 1024 bytes with random padding', (body) => {
    const a = paddedJson(body, 1024);
    const b = paddedJson(body, 1024);
    expect(Buffer.byteLength(a)).toBe(1024);
    expect(a).not.toBe(b);
    expect(JSON.parse(a)).toMatchObject(body);
  });
});
