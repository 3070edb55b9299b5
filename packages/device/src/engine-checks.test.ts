import { decodeExportBin, KeyTable, packExportZip, unpackExportZip } from '@cocoa/protocol';
import { nodeCryptoBackend } from '@cocoa/protocol/node';
import { describe, expect, it } from 'vitest';
import { createManualClock } from './clock.ts';
import { seededRandom } from './radio/path-loss.ts';
import { createSimulatedMedium } from './radio/simulated.ts';
import { createFakeBackend } from './testing/fake-backend.ts';
import { testPhone } from './testing/phones.ts';
import type { DeviceOptions } from './types.ts';

const START = Date.UTC(2026, 11, 1, 3, 2, 0);
const PIXEL = { model: 'Pixel 4', device: 'flame' };
const REGISTRATION = {
  consent: true,
  processingNumber: '12345678',
  hasSymptom: false,
  onsetOrTestDate: '2026-12-01T10:00:00+09:00',
};

/** COCOA's risk document with the two thresholds COCOA used. */
function cocoaRule(minScoreSum: number, minSeconds: number) {
  const nop = { op: 'NOP', value: 0 };
  return {
    format_version: 1,
    DailySummary_DaySummary_ScoreSum: { op: '>=', value: minScoreSum },
    DailySummary_DaySummary_WeightedDurationAverage: nop,
    ExposureWindow_ScanInstance_SecondsSinceLastScanSum: { op: '>=', value: minSeconds },
    ExposureWindow_ScanInstance_TypicalAttenuationDb_Max: nop,
    ExposureWindow_ScanInstance_TypicalAttenuationDb_Min: nop,
  };
}

/** A positive phone A and a phone B that met at 1 m for 25 minutes; A has registered. */
async function metAndRegistered(options: Partial<DeviceOptions> = {}) {
  const clock = createManualClock(START);
  const medium = createSimulatedMedium({ random: seededRandom(9) });
  const backend = createFakeBackend(clock);
  const a = testPhone(clock, medium, backend, { x: 0, y: 0 }, PIXEL, 1, options);
  const b = testPhone(clock, medium, backend, { x: 1, y: 0 }, PIXEL, 2, options);
  for (const phone of [a, b]) {
    await phone.engine.start();
    await phone.engine.setRecording(true);
  }
  await b.engine.setNotifications(true);
  await clock.advance(25 * 60_000);
  expect(await a.engine.register(REGISTRATION)).toMatchObject({ outcome: 'success' });
  return { clock, backend, a, b };
}

describe('recording off', () => {
  it('advertises nothing and stores nothing', async () => {
    const clock = createManualClock(START);
    const medium = createSimulatedMedium();
    const backend = createFakeBackend(clock);
    const off = testPhone(clock, medium, backend, { x: 0, y: 0 }, PIXEL, 1);
    const on = testPhone(clock, medium, backend, { x: 1, y: 0 }, PIXEL, 2);
    await off.engine.start();
    await on.engine.start();
    await on.engine.setRecording(true);
    await clock.advance(30 * 60_000);

    expect(off.engine.status().state).toBe('stopped');
    expect(await on.radio.scan(clock.now())).toEqual([]);
    expect(await on.storage.keys('sightings/')).toEqual([]);
    expect(await off.storage.keys('sightings/')).toEqual([]);
    expect(await off.storage.keys('tek/')).toEqual([]);

    await off.engine.setRecording(true);
    await clock.advance(10 * 60_000);
    expect((await on.storage.keys('sightings/')).length).toBeGreaterThan(0);
    await off.engine.setRecording(false);
    expect(await on.radio.scan(clock.now())).toEqual([]);
  });
});

describe('exposure check failures say "cannot check" with the reason', () => {
  it.each([
    [
      'a tampered export.bin',
      (zip: Uint8Array) => {
        const files = unpackExportZip(zip);
        const bin = files.exportBin.slice();
        bin[bin.length - 1]! ^= 1;
        return packExportZip({ exportBin: bin, exportSig: files.exportSig });
      },
    ],
    [
      'an unsigned file',
      (zip: Uint8Array) =>
        packExportZip({ exportBin: unpackExportZip(zip).exportBin, exportSig: new Uint8Array(0) }),
    ],
    ['bytes that are not a zip', () => new Uint8Array([1, 2, 3])],
  ])('%s', async (_name, damage) => {
    const { backend, b } = await metAndRegistered();
    backend.publish();
    // Reuse the genuine file's bytes, damaged.
    const genuine = await (await backend.fetch(`https://cdn.example.test/440/1.zip`)).bytes();
    backend.publishRaw(damage(new Uint8Array(genuine)));

    const result = await b.engine.checkExposure();
    expect(result).toMatchObject({ ok: false, reason: 'signature', filesProcessed: 1 });
    expect(b.engine.status()).toMatchObject({ state: 'cannot-check', reason: 'signature' });
    // The genuine first file was still scored.
    expect(await b.engine.contactDays()).toHaveLength(1);
  });

  it('a file signed by a key the phone does not trust', async () => {
    const { backend, b, clock } = await metAndRegistered();
    const stranger = createFakeBackend(clock);
    stranger.submissions.push(...backend.submissions);
    stranger.publish();
    backend.publishRaw(await (await stranger.fetch('https://cdn.example.test/440/1.zip')).bytes());

    expect(await b.engine.checkExposure()).toMatchObject({ ok: false, reason: 'signature' });
    expect(await b.engine.contactDays()).toEqual([]);
    expect(b.notifications).toEqual([]);
  });

  it('the network, then the server, then recovery', async () => {
    const { backend, b } = await metAndRegistered();
    backend.publish();
    backend.offline = true;
    expect(await b.engine.checkExposure()).toMatchObject({ ok: false, reason: 'network' });
    expect(b.engine.status()).toMatchObject({ state: 'cannot-check', reason: 'network' });

    backend.offline = false;
    backend.riskConfiguration = { format_version: 1 };
    expect(await b.engine.checkExposure()).toMatchObject({ ok: false, reason: 'configuration' });

    const before = b.engine.status().lastCheckMs;
    backend.riskConfiguration = cocoaRule(1350, 900);
    expect(await b.engine.checkExposure()).toMatchObject({ ok: true, filesProcessed: 1 });
    expect(b.engine.status().state).toBe('working');
    expect(b.engine.status().lastCheckMs).not.toBe(before);
    expect(await b.engine.contactDays()).toHaveLength(1);
  });

  it('a phone clock more than 2 hours off warns and scores nothing until it is right', async () => {
    const { backend, b } = await metAndRegistered();
    backend.publish();
    backend.dateOffsetMs = 2 * 60 * 60_000 + 60_000;
    expect(await b.engine.checkExposure()).toMatchObject({ ok: false, reason: 'clock' });
    expect(b.engine.status()).toMatchObject({
      state: 'cannot-check',
      reason: 'clock',
      clockSkewWarning: true,
    });
    expect(await b.engine.contactDays()).toEqual([]);

    backend.dateOffsetMs = -60 * 60_000;
    expect(await b.engine.checkExposure()).toMatchObject({ ok: true, filesProcessed: 1 });
    expect(b.engine.status().clockSkewWarning).toBe(false);
    expect(await b.engine.contactDays()).toHaveLength(1);
  });

  it('a changed configuration on the server takes effect at the next check', async () => {
    const { backend, b, clock } = await metAndRegistered();
    // Stricter than any real meeting: nothing counts.
    backend.riskConfiguration = cocoaRule(1e9, 900);
    backend.publish();
    expect(await b.engine.checkExposure()).toMatchObject({ ok: true, filesProcessed: 1 });
    expect(await b.engine.contactDays()).toEqual([]);

    // The operator relaxes the rule; a new file with the same keys is scored under it.
    backend.riskConfiguration = cocoaRule(1, 900);
    await clock.advance(60_000);
    backend.publish();
    expect(await b.engine.checkExposure()).toMatchObject({ ok: true, filesProcessed: 1 });
    expect(await b.engine.contactDays()).toHaveLength(1);
  });

  it('downloads only files newer than the last one handled', async () => {
    const { backend, b } = await metAndRegistered();
    backend.publish();
    await b.engine.checkExposure();
    const zips = (): number => backend.requests.filter((r) => r.url.endsWith('.zip')).length;
    const before = zips();
    expect(await b.engine.checkExposure()).toMatchObject({ ok: true, filesProcessed: 0 });
    expect(zips()).toBe(before);
  });

  it('checks again about every 4 hours on its own', async () => {
    const { backend, clock } = await metAndRegistered();
    const lists = (): number => backend.requests.filter((r) => r.url.endsWith('list.json')).length;
    const before = lists();
    await clock.advance(8 * 60 * 60_000 + 60_000);
    // Two phones, two timed checks each.
    expect(lists() - before).toBe(4);
  });
});

describe('a host of many engines', () => {
  it('gets the same contact days from shared key tables and sealed-only sightings', async () => {
    const plain = await metAndRegistered();
    plain.backend.publish();
    expect(await plain.b.engine.checkExposure()).toMatchObject({ ok: true, filesProcessed: 1 });

    const tables: Uint8Array[] = [];
    const shared = await metAndRegistered({
      keepSightingsOpen: false,
      sightingBatchMs: 3_600_000,
      keyTables: (exportBin) => {
        tables.push(exportBin);
        return new KeyTable(nodeCryptoBackend, decodeExportBin(exportBin).keys);
      },
    });
    shared.backend.publish();
    expect(await shared.b.engine.checkExposure()).toMatchObject({ ok: true, filesProcessed: 1 });

    expect(tables).toHaveLength(1);
    const days = await plain.b.engine.contactDays();
    expect(days).toHaveLength(1);
    expect(await shared.b.engine.contactDays()).toEqual(days);
  });

  it('still refuses a tampered file before asking for its table', async () => {
    let asked = 0;
    const { backend, b } = await metAndRegistered({
      keyTables: (exportBin) => {
        asked += 1;
        return new KeyTable(nodeCryptoBackend, decodeExportBin(exportBin).keys);
      },
    });
    backend.publish();
    const genuine = await (await backend.fetch(`https://cdn.example.test/440/1.zip`)).bytes();
    const files = unpackExportZip(new Uint8Array(genuine));
    const bin = files.exportBin.slice();
    bin[bin.length - 1]! ^= 1;
    backend.publishRaw(packExportZip({ exportBin: bin, exportSig: files.exportSig }));

    expect(await b.engine.checkExposure()).toMatchObject({
      ok: false,
      reason: 'signature',
      filesProcessed: 1,
    });
    // Only the genuine file got as far as its table, and it was still scored.
    expect(asked).toBe(1);
    expect(await b.engine.contactDays()).toHaveLength(1);
  });
});
