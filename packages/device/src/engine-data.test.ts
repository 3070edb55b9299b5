import { describe, expect, it } from 'vitest';
import { createManualClock } from './clock.ts';
import { seededRandom } from './radio/path-loss.ts';
import { createSimulatedMedium } from './radio/simulated.ts';
import { createFakeBackend } from './testing/fake-backend.ts';
import { memoryKeyVault, memoryStorage } from './storage/memory.ts';
import { testPhone } from './testing/phones.ts';
import type { DeviceStatus } from './types.ts';

const START = Date.UTC(2026, 11, 1, 3, 2, 0);
const DAY = 24 * 60 * 60_000;

/** A and B 1 m apart for 25 minutes; `aRegisters` uploads A's keys and publishes them. */
async function sideBySide(seed: number, bOptions = {}) {
  const clock = createManualClock(START);
  const medium = createSimulatedMedium({ random: seededRandom(seed) });
  const backend = createFakeBackend(clock);
  const a = testPhone(clock, medium, backend, { x: 0, y: 0 }, {}, 1);
  const b = testPhone(clock, medium, backend, { x: 1, y: 0 }, {}, 2, bOptions);
  for (const phone of [a, b]) {
    await phone.engine.start();
    await phone.engine.setRecording(true);
  }
  await clock.advance(25 * 60_000);
  const aRegisters = async () => {
    await a.engine.register({
      consent: true,
      processingNumber: '12345678',
      hasSymptom: false,
      onsetOrTestDate: '2026-12-01T10:00:00+09:00',
    });
    backend.publish();
  };
  return { clock, backend, a, b, aRegisters };
}

/** B has a contact day with positive A and keeps recording afterwards. */
async function withContactDay() {
  const phones = await sideBySide(4);
  await phones.aRegisters();
  await phones.b.engine.checkExposure();
  expect(await phones.b.engine.contactDays()).toHaveLength(1);
  return phones;
}

describe('delete all data', () => {
  it('erases keys, sightings, contact days and settings irrecoverably', async () => {
    const phones = await withContactDay();
    const { b, clock } = phones;
    const oldKeys = [...b.storage.records.entries()].filter(([k]) => k.startsWith('tek/'));
    expect(oldKeys.length).toBeGreaterThan(0);

    await b.engine.deleteAllData();

    expect([...b.storage.records.keys()]).toEqual(['settings']);
    expect(await b.engine.contactDays()).toEqual([]);
    expect(b.engine.status()).toMatchObject({
      state: 'stopped',
      recording: false,
      notifications: false,
    });
    const { a } = phones;
    expect(await a.radio.scan(clock.now())).toHaveLength(0);

    // Recording again starts from a fresh key, never the erased one.
    await b.engine.setRecording(true);
    await clock.advance(60_000);
    const fresh = [...b.storage.records.entries()].filter(([k]) => k.startsWith('tek/'));
    expect(fresh).toHaveLength(1);
    expect(oldKeys.map(([, v]) => v)).not.toContainEqual(fresh[0]![1]);
  });
});

describe('retention', () => {
  it('drops sightings and contact days older than 14 days', async () => {
    const { b, clock } = await withContactDay();
    await b.engine.setRecording(false);
    await clock.advance(13 * DAY);
    expect(await b.engine.contactDays()).toHaveLength(1);
    expect((await b.storage.keys('sightings/')).length).toBeGreaterThan(0);

    await clock.advance(DAY + 60_000);
    expect(await b.engine.contactDays()).toEqual([]);
    await b.engine.checkExposure();
    expect(await b.storage.keys('sightings/')).toEqual([]);
    expect(await b.storage.keys('contact-day/')).toEqual([]);
  });
});

describe('corrupted local storage', () => {
  it('is reported with a reset offer, keeps other data, and repairs only the damage', async () => {
    const { b } = await withContactDay();
    const changes: DeviceStatus[] = [];
    b.engine.onChange((s) => changes.push(s));
    const scans = await b.storage.keys('sightings/');
    const damaged = scans[0]!;
    const bytes = b.storage.records.get(damaged)!;
    bytes[20]! ^= 0xff;

    // Opening the app reads every record once, so damage shows before it matters.
    await b.engine.stop();
    await b.engine.start();
    expect(b.engine.status()).toMatchObject({
      state: 'cannot-check',
      reason: 'storage',
      storageProblem: { code: 'STORAGE_CORRUPTED', unreadableRecords: 1 },
    });
    expect(changes.at(-1)?.reason).toBe('storage');
    expect(await b.engine.contactDays()).toHaveLength(1);

    await b.engine.repairStorage();
    expect(b.engine.status()).toMatchObject({ state: 'working', storageProblem: null });
    expect(await b.storage.keys('sightings/')).toEqual(scans.filter((s) => s !== damaged));
    expect(await b.engine.contactDays()).toHaveLength(1);
  });

  it('survives an unreadable settings record by starting from defaults', async () => {
    const { b } = await withContactDay();
    await b.engine.stop();
    b.storage.records.set('settings', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]));
    await b.engine.start();
    expect(b.engine.status().recording).toBe(false);
    expect(await b.engine.contactDays()).toHaveLength(1);
  });
});

describe('settings', () => {
  it('keeps stored settings when a toggle comes before start', async () => {
    const clock = createManualClock(START);
    const medium = createSimulatedMedium({ random: seededRandom(4) });
    const backend = createFakeBackend(clock);
    const kept = { storage: memoryStorage(), vault: memoryKeyVault() };
    const first = testPhone(clock, medium, backend, { x: 0, y: 0 }, {}, 1, kept);
    await first.engine.start();
    await first.engine.setRecording(true);
    await first.engine.stop();
    await clock.advance(DAY);

    // The app may switch notifications on before the engine has read its storage.
    const again = testPhone(clock, medium, backend, { x: 0, y: 0 }, {}, 1, kept);
    await again.engine.setNotifications(true);
    await again.engine.start();

    expect(again.engine.status()).toMatchObject({
      firstUseMs: START,
      recording: true,
      notifications: true,
    });
    await again.engine.stop();
  });
});

describe('scans sealed in batches', () => {
  const HOUR = 60 * 60_000;

  /** A and B side by side for 25 minutes; B seals its scans hourly. */
  const side = (bOptions = { sightingBatchMs: HOUR }) => sideBySide(5, bOptions);

  it('keeps scans in memory until the batch time has passed, and checks use them', async () => {
    const { clock, b, aRegisters } = await side();
    expect(await b.storage.keys('sightings/')).toEqual([]);
    await aRegisters();
    await b.engine.checkExposure();
    expect(await b.engine.contactDays()).toHaveLength(1);

    await clock.advance(HOUR);
    const sealed = await b.storage.keys('sightings/');
    expect(sealed).toHaveLength(1);
    await clock.advance(HOUR);
    expect(await b.storage.keys('sightings/')).toHaveLength(2);
  });

  it('seals waiting scans when stopped, and matches them after a restart', async () => {
    const { b, aRegisters } = await side();
    await b.engine.stop();
    expect(await b.storage.keys('sightings/')).toHaveLength(1);
    await aRegisters();
    await b.engine.start();
    await b.engine.checkExposure();
    expect(await b.engine.contactDays()).toHaveLength(1);
  });

  it('seals waiting scans when recording is switched off', async () => {
    const { b } = await side();
    await b.engine.setRecording(false);
    expect(await b.storage.keys('sightings/')).toHaveLength(1);
  });

  it('drops waiting scans with "delete all data"', async () => {
    const { b, aRegisters } = await side();
    await b.engine.deleteAllData();
    await aRegisters();
    await b.engine.checkExposure();
    expect(await b.engine.contactDays()).toEqual([]);
    await b.engine.stop();
    expect(await b.storage.keys('sightings/')).toEqual([]);
  });

  it('finds the same contact day as a phone that seals every scan', async () => {
    const batched = await side();
    const direct = await side({ sightingBatchMs: 0 });
    expect((await direct.b.storage.keys('sightings/')).length).toBeGreaterThan(4);
    for (const s of [batched, direct]) {
      await s.aRegisters();
      await s.b.engine.checkExposure();
    }
    expect(await batched.b.engine.contactDays()).toEqual(await direct.b.engine.contactDays());
  });
});
