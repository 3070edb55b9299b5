import { DAY_MS } from '@cocoa/protocol';
import { describe, expect, it } from 'vitest';
import { createManualClock } from './clock.ts';
import { localDateRange } from './local-dates.ts';
import { logDistancePathLoss, seededRandom } from './radio/path-loss.ts';
import { createSimulatedMedium } from './radio/simulated.ts';
import { createFakeBackend } from './testing/fake-backend.ts';
import { testPhone } from './testing/phones.ts';

// 2026-12-01 12:02 in Japan; 03:02 UTC.
const START = Date.UTC(2026, 11, 1, 3, 2, 0);
const PIXEL = { manufacturer: 'google', device: 'flame', model: 'Pixel 4' };
const ASUS = { manufacturer: 'asus', device: 'ASUS_A001', model: 'ASUS_A001' };

/** Two phones `distanceM` apart for `minutes`; A registers positive, B checks. */
async function meeting(distanceM: number, minutes: number, seed = 1) {
  const clock = createManualClock(START);
  const medium = createSimulatedMedium({
    pathLoss: logDistancePathLoss(),
    random: seededRandom(seed),
  });
  const backend = createFakeBackend(clock);
  const a = testPhone(clock, medium, backend, { x: 0, y: 0 }, PIXEL, seed + 10);
  const b = testPhone(clock, medium, backend, { x: distanceM, y: 0 }, ASUS, seed + 20);

  for (const phone of [a, b]) {
    await phone.engine.start();
    await phone.engine.setRecording(true);
  }
  await b.engine.setNotifications(true);
  await clock.advance(minutes * 60_000);
  a.radio.moveTo({ x: 10_000, y: 0 });
  await clock.advance(60 * 60_000);

  const registration = await a.engine.register({
    consent: true,
    processingNumber: '１２３４ ５６７８',
    hasSymptom: false,
    onsetOrTestDate: '2026-12-01T10:00:00+09:00',
  });
  backend.publish();
  await clock.advance(4 * 60 * 60_000);

  return { clock, backend, a, b, registration, days: await b.engine.contactDays() };
}

describe('two engines on the simulated radio with COCOA’s production configuration', () => {
  it('1 m for 20 minutes is a contact day, notified once, with its local dates', async () => {
    const { b, registration, days, backend } = await meeting(1, 20);

    expect(registration).toEqual({ outcome: 'success', keysSent: 1 });
    expect(backend.submissions[0]?.verificationPayload).toBe('12345678');
    expect(days).toHaveLength(1);
    expect(days[0]).toMatchObject({
      utcDate: '2026-12-01',
      dateMs: Date.UTC(2026, 11, 1),
      count: 1,
    });
    expect(days[0]!.totalSeconds).toBeGreaterThanOrEqual(900);
    expect(days[0]!.scoreSum).toBeGreaterThanOrEqual(1350);
    expect(localDateRange(days[0]!.dateMs, 'Asia/Tokyo')).toEqual({
      first: '2026-12-01',
      last: '2026-12-02',
    });
    expect(b.notifications).toEqual([{ newContactDays: days }]);
    expect(b.engine.status()).toMatchObject({ state: 'working', clockSkewWarning: false });

    // A later check recomputes nothing new and notifies nobody again.
    await b.engine.checkExposure();
    expect(b.notifications).toHaveLength(1);
    expect(await b.engine.contactDays()).toHaveLength(1);
  });

  it.each([
    ['3 m for 20 minutes', 3, 20],
    ['1 m for 10 minutes', 1, 10],
  ])('%s is not a contact day', async (_name, distance, minutes) => {
    const { b, days } = await meeting(distance, minutes);
    expect(days).toEqual([]);
    expect(b.notifications).toEqual([]);
    expect(b.engine.status().state).toBe('working');
  });

  it.each([1, 2, 3, 4, 5])('holds for other random seeds (seed %i)', async (seed) => {
    expect((await meeting(1, 20, seed)).days).toHaveLength(1);
    expect((await meeting(3, 20, seed)).days).toHaveLength(0);
    expect((await meeting(1, 10, seed)).days).toHaveLength(0);
  });

  it('does not notify when notifications are off, but still lists the day', async () => {
    const clock = createManualClock(START);
    const medium = createSimulatedMedium({ random: seededRandom(3) });
    const backend = createFakeBackend(clock);
    const a = testPhone(clock, medium, backend, { x: 0, y: 0 }, PIXEL, 1);
    const b = testPhone(clock, medium, backend, { x: 1, y: 0 }, PIXEL, 2);
    for (const phone of [a, b]) {
      await phone.engine.start();
      await phone.engine.setRecording(true);
    }
    await clock.advance(25 * 60_000);
    await a.engine.register({
      consent: true,
      processingNumber: '12345678',
      hasSymptom: true,
      onsetOrTestDate: '2026-11-30T00:00:00+09:00',
    });
    backend.publish();
    const result = await b.engine.checkExposure();
    expect(result).toMatchObject({ ok: true, filesProcessed: 1 });
    expect(result.newContactDays).toHaveLength(1);
    expect(b.notifications).toEqual([]);
    expect(await b.engine.contactDays()).toHaveLength(1);
  });
});

describe('own keys', () => {
  it('makes one key per UTC day, keeps 14 days, and submits today’s key cut at now', async () => {
    const clock = createManualClock(START);
    const medium = createSimulatedMedium();
    const backend = createFakeBackend(clock);
    const a = testPhone(clock, medium, backend, { x: 0, y: 0 }, PIXEL, 1, {
      checkIntervalMs: DAY_MS,
    });
    await a.engine.start();
    await a.engine.setRecording(true);
    await clock.advance(20 * DAY_MS);

    await a.engine.register({
      consent: true,
      processingNumber: '12345678',
      hasSymptom: false,
      onsetOrTestDate: '2026-12-20T09:00:00+09:00',
    });
    const keys = backend.submissions[0]!.keys;
    const starts = keys.map((k) => k.rollingStartNumber);
    expect(new Set(keys.map((k) => k.keyData)).size).toBe(keys.length);
    expect(starts.every((s) => s % 144 === 0)).toBe(true);
    expect(keys.length).toBe(15);
    const now = Math.floor(clock.now() / 600_000);
    const today = keys.at(-1)!;
    expect(today.rollingStartNumber + today.rollingPeriod).toBe(now + 1);
    for (const k of keys.slice(0, -1)) expect(k.rollingPeriod).toBe(144);
    expect(now - starts[0]!).toBeLessThan(15 * 144);
    const stored = await a.storage.keys('tek/');
    expect(stored.length).toBeLessThanOrEqual(16);
  });
});
