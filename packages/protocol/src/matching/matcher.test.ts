import { describe, expect, it } from 'vitest';
import { nobleCryptoBackend } from '../crypto/noble-backend.ts';
import { ProtocolError } from '../errors.ts';
import { Infectiousness, ReportType } from '../model.ts';
import { nodeCryptoBackend as backend } from '../node/crypto-backend.ts';
import { createMatcher } from './matcher.ts';
import { countingBackend, invalidKeyCases, testSender } from './test-helpers.ts';
import type { Sighting } from './types.ts';

const DAY = Date.UTC(2022, 7, 1);
const NOW = DAY + 2 * 86_400_000;
const MIN = 60_000;
const at = (hour: number, minute = 0) => DAY + hour * 3_600_000 + minute * MIN;

function matcherOf(sightings: Sighting[], extra: { rssiCorrection?: number; nowMs?: number } = {}) {
  return createMatcher({
    backend,
    sightings,
    rssiCorrection: extra.rssiCorrection ?? 0,
    nowMs: extra.nowMs ?? NOW,
  });
}

describe('createMatcher: scan instances and windows', () => {
  it('turns 6 scans 5 minutes apart into one window with per-scan attenuation', () => {
    const sender = testSender(backend, DAY);
    const sightings = [0, 5, 10, 15, 20, 25].flatMap((m) => [
      sender.heard(at(10, m), -70),
      sender.heard(at(10, m) + 1000, -75),
    ]);
    const windows = matcherOf(sightings, { rssiCorrection: 5 }).matchKey(sender.key);

    expect(windows).toHaveLength(1);
    const [w] = windows;
    expect(w!.dateMs).toBe(DAY);
    expect(w!.reportType).toBe(ReportType.CONFIRMED_TEST);
    expect(w!.infectiousness).toBe(Infectiousness.HIGH);
    expect(w!.calibrationConfidence).toBe(2);
    // Attenuation = -20 - (rssi + 5): 45 and 50 dB; mean 47.5 rounds to 48.
    expect(w!.scanInstances).toEqual([
      { typicalAttenuationDb: 48, minAttenuationDb: 45, secondsSinceLastScan: 120 },
      ...Array.from({ length: 5 }, () => ({
        typicalAttenuationDb: 48,
        minAttenuationDb: 45,
        secondsSinceLastScan: 300,
      })),
    ]);
  });

  it('splits a long contact into windows of at most 30 minutes', () => {
    const sender = testSender(backend, DAY);
    const sightings = Array.from({ length: 8 }, (_, i) => sender.heard(at(10, 5 * i), -60));
    const windows = matcherOf(sightings).matchKey(sender.key);
    expect(windows.map((w) => w.scanInstances.length)).toEqual([6, 2]);
  });

  it('splits when the phone scanned without hearing the key, and caps seconds at 300', () => {
    const sender = testSender(backend, DAY);
    const other = testSender(backend, DAY);
    const sightings = [
      sender.heard(at(10, 0), -60),
      other.heard(at(10, 5), -60),
      sender.heard(at(10, 10), -60),
      sender.heard(at(11, 0), -60),
    ];
    const windows = matcherOf(sightings).matchKey(sender.key);
    expect(windows.map((w) => w.scanInstances.map((s) => s.secondsSinceLastScan))).toEqual([
      [120],
      [300],
      [300],
    ]);
  });

  it('groups readings by scan id when the device records one', () => {
    const sender = testSender(backend, DAY);
    const sightings = [
      sender.heard(at(10, 0), -60, { scanId: 1 }),
      sender.heard(at(10, 0) + 45_000, -70, { scanId: 1 }),
      sender.heard(at(10, 4), -60, { scanId: 2 }),
    ];
    const [w] = matcherOf(sightings).matchKey(sender.key);
    expect(w!.scanInstances).toEqual([
      { typicalAttenuationDb: 45, minAttenuationDb: 40, secondsSinceLastScan: 120 },
      { typicalAttenuationDb: 40, minAttenuationDb: 40, secondsSinceLastScan: 240 },
    ]);
  });

  it('floors attenuation at 0 and reports confidence 0 for v1.0 senders', () => {
    const sender = testSender(backend, DAY);
    const s = sender.heard(at(9), -10, { metadata: { versionMinor: 0, calibrationConfidence: 3 } });
    const [w] = matcherOf([s]).matchKey(sender.key);
    expect(w!.scanInstances[0]!.minAttenuationDb).toBe(0);
    expect(w!.calibrationConfidence).toBe(0);
  });
});

describe('createMatcher: which sightings match', () => {
  it('matches RPIs heard up to 2 hours off the sender clock, not more', () => {
    const sender = testSender(backend, DAY);
    const senderMs = at(12);
    const near = sender.heard(senderMs + 120 * MIN, -60, { senderMs });
    const far = sender.heard(senderMs + 130 * MIN, -60, { senderMs });
    expect(matcherOf([near]).matchKey(sender.key)).toHaveLength(1);
    expect(matcherOf([far]).matchKey(sender.key)).toHaveLength(0);
  });

  it("derives RPIs up to 2 hours beyond the key's own validity", () => {
    const sender = testSender(backend, DAY);
    const early = sender.heard(DAY - 110 * MIN, -60);
    const late = sender.heard(DAY + 86_400_000 + 110 * MIN, -60);
    const tooLate = sender.heard(DAY + 86_400_000 + 130 * MIN, -60);
    const windows = matcherOf([early, late, tooLate]).matchKey(sender.key);
    expect(windows.map((w) => w.dateMs)).toEqual([DAY - 86_400_000, DAY + 86_400_000]);
  });

  it('drops readings whose decrypted TX power or version is implausible', () => {
    const sender = testSender(backend, DAY);
    const sightings = [
      sender.heard(at(8), -60, { metadata: { txPowerDbm: 100 } }),
      sender.heard(at(9), -60, { metadata: { txPowerDbm: -100 } }),
      sender.heard(at(10), -60, { metadata: { versionMajor: 2 } }),
    ];
    expect(matcherOf(sightings).matchKey(sender.key)).toEqual([]);
  });

  it("ignores a stranger's key and matches only the right one among many", () => {
    const sender = testSender(backend, DAY);
    const strangers = Array.from({ length: 20 }, () => testSender(backend, DAY).key);
    const m = matcherOf([sender.heard(at(10), -60)]);
    expect(m.matchKeys([...strangers, sender.key, ...strangers])).toHaveLength(1);
    expect(m.stats).toMatchObject({ keys: 41, keysMatched: 1 });
  });

  it('applies the mapping: NONE infectiousness is dropped, missing report type is filled', () => {
    const none = testSender(backend, DAY, { daysSinceOnsetOfSymptoms: -10 });
    const self = testSender(backend, DAY, {
      reportType: ReportType.SELF_REPORT,
      daysSinceOnsetOfSymptoms: 0,
    });
    const m = matcherOf([none.heard(at(10), -60), self.heard(at(10), -60)]);
    expect(m.matchKey(none.key)).toEqual([]);
    expect(m.matchKey(self.key)[0]!.reportType).toBe(ReportType.SELF_REPORT);
  });

  it('gives the same windows with the noble backend', () => {
    const sender = testSender(backend, DAY);
    const sightings = [0, 5, 10].map((m) => sender.heard(at(10, m), -65));
    const options = { sightings, rssiCorrection: 3, nowMs: NOW };
    expect(createMatcher({ ...options, backend: nobleCryptoBackend }).matchKey(sender.key)).toEqual(
      createMatcher({ ...options, backend }).matchKey(sender.key),
    );
  });
});

describe('createMatcher: cost of keys that match nothing', () => {
  const sender = testSender(backend, DAY);
  const sightings = [sender.heard(at(10), -60), sender.heard(at(15), -60)];

  it('spends no cryptography on keys outside the sighting time range', () => {
    const counter = countingBackend(backend);
    const m = createMatcher({ backend: counter, sightings, rssiCorrection: 0, nowMs: NOW });
    const before = testSender(backend, DAY - 3 * 86_400_000).key;
    const after = testSender(backend, DAY + 86_400_000).key;
    expect(m.matchKeys([before, after])).toEqual([]);
    expect(counter.calls()).toBe(0);
    expect(m.stats.keysSkipped).toBe(2);
  });

  it('spends no cryptography on keys older than 14 days or non-infectious', () => {
    const counter = countingBackend(backend);
    const old = testSender(backend, DAY - 20 * 86_400_000);
    const all = [...sightings, old.heard(DAY - 20 * 86_400_000 + 3_600_000, -60)];
    const m = createMatcher({ backend: counter, sightings: all, rssiCorrection: 0, nowMs: NOW });
    const none = { ...testSender(backend, DAY).key, daysSinceOnsetOfSymptoms: 12 };
    expect(m.matchKeys([old.key, none])).toEqual([]);
    expect(counter.calls()).toBe(0);
  });

  it('derives only the RPIs near sightings, in one HKDF and one AES call', () => {
    const counter = countingBackend(backend);
    const m = createMatcher({ backend: counter, sightings, rssiCorrection: 0, nowMs: NOW });
    expect(m.matchKey(testSender(backend, DAY).key)).toEqual([]);
    expect(counter.calls()).toBe(2);
    // Two sightings 5 h apart, each covering ±12 intervals: 2 × 25 RPIs, not 168.
    expect(m.stats.rollingProximityIds).toBe(50);
  });
});

describe('createMatcher: bad input', () => {
  const sender = testSender(backend, DAY);
  const good = sender.heard(at(10), -60);

  it.each([
    ['a short RPI', { ...good, rollingProximityId: new Uint8Array(15) }, 'rollingProximityId'],
    [
      'a long AEM',
      { ...good, associatedEncryptedMetadata: new Uint8Array(5) },
      'associatedEncryptedMetadata',
    ],
    ['a NaN time', { ...good, timestampMs: Number.NaN }, 'timestampMs'],
    ['a missing RSSI', { ...good, rssi: undefined as unknown as number }, 'rssi'],
  ])('refuses a sighting with %s, naming the field', (_name, sighting, field) => {
    expect(() => matcherOf([good, sighting])).toThrow(
      expect.objectContaining({
        code: 'SIGHTING_INVALID',
        message: expect.stringContaining(`sightings[1].${field}`),
      }),
    );
  });

  it.each(invalidKeyCases)('refuses a key with %s', (_name, patch, code) => {
    const m = matcherOf([good]);
    expect(() => m.matchKey({ ...sender.key, ...patch })).toThrow(ProtocolError);
    expect(() => m.matchKey({ ...sender.key, ...patch })).toThrow(
      expect.objectContaining({ code }),
    );
  });
});

describe('createMatcher: privacy of errors', () => {
  it('names the field but never the key bytes of a refused key', () => {
    const sender = testSender(backend, DAY);
    const m = matcherOf([sender.heard(at(10), -60)]);
    const bad = { ...sender.key, keyData: sender.key.keyData.subarray(0, 15) };
    try {
      m.matchKey(bad);
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('tek');
      expect(message).not.toContain(Buffer.from(bad.keyData).toString('hex').slice(0, 8));
      expect(message).not.toContain(Buffer.from(bad.keyData).toString('base64').slice(0, 8));
    }
  });
});
