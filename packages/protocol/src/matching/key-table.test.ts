import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeCryptoBackend as backend } from '../node/crypto-backend.ts';
import { KeyTable } from './key-table.ts';
import { createMatcher } from './matcher.ts';
import { packSightings } from './packed.ts';
import { invalidKeyCases, testSender } from './test-helpers.ts';
import type { Sighting } from './types.ts';

const DAY = Date.UTC(2022, 7, 10);
const NOW = DAY + 3 * 86_400_000;
const MIN = 60_000;

// Senders on three days, one of them never scored (NONE), one key published twice.
const senders = [
  testSender(backend, DAY - 86_400_000),
  testSender(backend, DAY),
  testSender(backend, DAY + 86_400_000),
  testSender(backend, DAY, { daysSinceOnsetOfSymptoms: -10 }),
  testSender(backend, DAY - 16 * 86_400_000),
];
const published = [...senders.map((s) => s.key), senders[1]!.key, testSender(backend, DAY).key];

const reading = fc.record({
  sender: fc.integer({ min: 0, max: senders.length - 1 }),
  minute: fc.integer({ min: -2 * 1440, max: 3 * 1440 }),
  skewMinutes: fc.integer({ min: -150, max: 150 }),
  rssi: fc.integer({ min: -100, max: -30 }),
  txPowerDbm: fc.constantFrom(-20, -25, 100),
  calibrationConfidence: fc.integer({ min: 0, max: 3 }),
});
type Reading = typeof reading extends fc.Arbitrary<infer R> ? R : never;

/** Sender 1 heard once, at 10:00 on the first day. */
const oneReading: Reading = {
  sender: 1,
  minute: 600,
  skewMinutes: 0,
  rssi: -60,
  txPowerDbm: -20,
  calibrationConfidence: 2,
};

/** Readings of the senders; with scan ids, readings in the same 5 minutes share a scan. */
function heard(readings: Reading[], labelled: boolean): Sighting[] {
  return readings.map((r) => {
    const atMs = DAY + r.minute * MIN;
    return senders[r.sender]!.heard(atMs, r.rssi, {
      senderMs: atMs + r.skewMinutes * MIN,
      metadata: { txPowerDbm: r.txPowerDbm, calibrationConfidence: r.calibrationConfidence },
      ...(labelled ? { scanId: Math.floor(r.minute / 5) } : {}),
    });
  });
}

/** What matching every key one by one gives, in the shape `matchTable` reports. */
function keyByKey(sightings: Sighting[] | ReturnType<typeof packSightings>) {
  const matcher = createMatcher({ backend, sightings, rssiCorrection: 2, nowMs: NOW });
  return published
    .map((key, k) => ({ key: k, windows: matcher.matchKey(key) }))
    .filter((m) => m.windows.length > 0);
}

describe('KeyTable', () => {
  const table = new KeyTable(backend, published);

  it('finds exactly the windows that matching key by key finds, in key order', () => {
    let keysWithWindows = 0;
    fc.assert(
      fc.property(fc.array(reading, { maxLength: 40 }), fc.boolean(), (readings, labelled) => {
        const sightings = heard(readings, labelled);
        const matcher = createMatcher({ backend, sightings, rssiCorrection: 2, nowMs: NOW });
        const expected = keyByKey(sightings);
        expect(matcher.matchTable(table)).toEqual(expected);
        keysWithWindows += expected.length;
      }),
      { numRuns: 150 },
    );
    // Not vacuous: about one run in two hears some published key.
    expect(keysWithWindows).toBeGreaterThan(40);
  });

  it('matches a contact of many scans, the duplicate key twice', () => {
    const sightings = Array.from({ length: 12 }, (_, i) =>
      senders[1]!.heard(DAY + 10 * 3_600_000 + i * 5 * MIN, -60, { scanId: i }),
    );
    const found = createMatcher({ backend, sightings, rssiCorrection: 0, nowMs: NOW }).matchTable(
      table,
    );
    expect(found.map((f) => f.key)).toEqual([1, 5]);
    expect(found[0]!.windows.map((w) => w.scanInstances.length)).toEqual([6, 6]);
    expect(found[1]).toEqual({ ...found[0], key: 5 });
  });

  it.each(invalidKeyCases)('refuses a key with %s', (_name, patch, code) => {
    expect(
      () => new KeyTable(backend, [senders[0]!.key, { ...senders[1]!.key, ...patch }]),
    ).toThrow(expect.objectContaining({ code }));
  });

  it('widens keys at the ends of the interval range without failing', () => {
    const edge = new KeyTable(backend, [
      { ...senders[0]!.key, rollingStartIntervalNumber: 0 },
      { ...senders[0]!.key, rollingStartIntervalNumber: 0xffffffff - 143 },
    ]);
    const sightings = heard([oneReading], true);
    expect(
      createMatcher({ backend, sightings, rssiCorrection: 0, nowMs: NOW }).matchTable(edge),
    ).toEqual([]);
  });
});

describe('packed sightings', () => {
  it('match exactly as the same sightings given one object each', () => {
    fc.assert(
      fc.property(fc.array(reading, { maxLength: 40 }), fc.boolean(), (readings, labelled) => {
        const sightings = heard(readings, labelled);
        expect(keyByKey(packSightings(sightings))).toEqual(keyByKey(sightings));
      }),
      { numRuns: 60 },
    );
  });

  it('match the same in any order when every reading carries its scan id', () => {
    const distinct = fc.uniqueArray(reading, {
      maxLength: 40,
      selector: (r) => r.minute,
    });
    fc.assert(
      fc.property(
        distinct,
        fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
        (readings, draws) => {
          const sightings = heard(readings, true);
          const shuffled = [...sightings];
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = Math.floor(draws.next().value * (i + 1)) % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
          }
          const inOrder = [...sightings].sort((a, b) => a.timestampMs - b.timestampMs);
          expect(keyByKey(shuffled)).toEqual(keyByKey(inOrder));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses columns that point outside their bytes or hold a bad time', () => {
    const good = packSightings(heard([oneReading], true));
    const outside = { ...good, serviceDataAt: Int32Array.of(1) };
    const badTime = { ...good, timestampMs: Float64Array.of(Number.NaN) };
    const short = { ...good, count: 2 };
    for (const [sightings, field] of [
      [outside, 'serviceDataAt'],
      [badTime, 'timestampMs'],
      [short, 'columns'],
    ] as const) {
      expect(() => createMatcher({ backend, sightings, rssiCorrection: 0, nowMs: NOW })).toThrow(
        expect.objectContaining({
          code: 'SIGHTING_INVALID',
          message: expect.stringContaining(field),
        }),
      );
    }
  });
});
