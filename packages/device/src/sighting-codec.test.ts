import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ScanBatch, countScans, packScans, readScans } from './sighting-codec.ts';

const advert = (n: number) => Uint8Array.from({ length: 20 }, (_, i) => (n * 31 + i) & 0xff);
const T = Date.UTC(2026, 5, 1, 9, 0, 0);

describe('stored scan layout', () => {
  it('round-trips scans, grouping readings of one advertisement in a scan', () => {
    const batch = new ScanBatch();
    batch.add(T, [
      { serviceData: advert(1), rssi: -60, timestampMs: T },
      { serviceData: advert(2), rssi: -128, timestampMs: T + 400 },
      { serviceData: advert(1), rssi: -61, timestampMs: T + 1000 },
    ]);
    batch.add(T + 300_000, [{ serviceData: advert(1), rssi: 127, timestampMs: T + 299_000 }]);
    const bytes = batch.encode();

    // 1 version byte; 2 scans of 10; 3 adverts of 21; 4 readings of 5.
    expect(bytes.length).toBe(1 + 2 * 10 + 3 * 21 + 4 * 5);
    expect(countScans(bytes)).toBe(2);
    const read = [...readScans(bytes, 7)].map((s) => ({
      rpi: [...s.rollingProximityId],
      aem: [...s.associatedEncryptedMetadata],
      rssi: s.rssi,
      timestampMs: s.timestampMs,
      scanId: s.scanId,
    }));
    const a1 = [...advert(1)];
    const a2 = [...advert(2)];
    expect(read).toEqual([
      { rpi: a1.slice(0, 16), aem: a1.slice(16), rssi: -60, timestampMs: T, scanId: 7 },
      { rpi: a1.slice(0, 16), aem: a1.slice(16), rssi: -61, timestampMs: T + 1000, scanId: 7 },
      { rpi: a2.slice(0, 16), aem: a2.slice(16), rssi: -128, timestampMs: T + 400, scanId: 7 },
      { rpi: a1.slice(0, 16), aem: a1.slice(16), rssi: 127, timestampMs: T + 299_000, scanId: 8 },
    ]);
    expect(batch.firstScanMs()).toBe(T);
    expect(batch.lastScanMs()).toBe(T + 300_000);
  });

  it('leaves out readings that are not readings, and scans with none left', () => {
    const batch = new ScanBatch();
    expect(
      batch.add(T, [
        { serviceData: new Uint8Array(19), rssi: -60, timestampMs: T },
        { serviceData: advert(1), rssi: Number.NaN, timestampMs: T },
        { serviceData: advert(1), rssi: -200, timestampMs: T },
        { serviceData: advert(1), rssi: -50, timestampMs: Number.POSITIVE_INFINITY },
      ]),
    ).toBe(false);
    expect(batch.isEmpty()).toBe(true);
    expect(batch.add(T, [{ serviceData: advert(1), rssi: -70.4, timestampMs: T + 2 }])).toBe(true);
    expect([...readScans(batch.encode(), 0)].map((s) => s.rssi)).toEqual([-70]);
  });

  it('keeps more than 255 readings of one advertisement in a scan', () => {
    const batch = new ScanBatch();
    const readings = Array.from({ length: 300 }, (_, i) => ({
      serviceData: advert(4),
      rssi: -50 - (i % 40),
      timestampMs: T + i,
    }));
    batch.add(T, readings);
    const bytes = batch.encode();
    expect(bytes.length).toBe(1 + 10 + 2 * 21 + 300 * 5);
    expect([...readScans(bytes, 0)].map((s) => [s.rssi, s.timestampMs, s.scanId])).toEqual(
      readings.map((r) => [r.rssi, r.timestampMs, 0]),
    );
  });

  it('rejects plaintext that is not a record of this layout', () => {
    const batch = new ScanBatch();
    batch.add(T, [{ serviceData: advert(3), rssi: -60, timestampMs: T }]);
    const bytes = batch.encode();
    expect(countScans(new Uint8Array(0))).toBeNull();
    expect(countScans(Uint8Array.of(2, ...bytes.subarray(1)))).toBeNull();
    for (let cut = 2; cut < bytes.length; cut++) {
      expect(countScans(bytes.subarray(0, cut))).toBeNull();
    }
    expect(countScans(new TextEncoder().encode('[["AAAA",-60,1]]'))).toBeNull();
  });

  it('keeps every valid reading of any scan, in order of advertisement', () => {
    const reading = fc.record({
      who: fc.integer({ min: 0, max: 5 }),
      rssi: fc.integer({ min: -128, max: 127 }),
      offsetMs: fc.integer({ min: -10_000, max: 10_000 }),
    });
    fc.assert(
      fc.property(fc.array(fc.array(reading, { maxLength: 20 }), { maxLength: 6 }), (scans) => {
        const batch = new ScanBatch();
        const expected: { who: number; rssi: number; at: number; scan: number }[] = [];
        let scanId = 0;
        scans.forEach((readings, i) => {
          const scanMs = T + i * 300_000;
          if (
            !batch.add(
              scanMs,
              readings.map((r) => ({
                serviceData: advert(r.who),
                rssi: r.rssi,
                timestampMs: scanMs + r.offsetMs,
              })),
            )
          )
            return;
          const order = [...new Set(readings.map((r) => r.who))];
          for (const who of order) {
            for (const r of readings.filter((x) => x.who === who)) {
              expected.push({ who, rssi: r.rssi, at: scanMs + r.offsetMs, scan: scanId });
            }
          }
          scanId += 1;
        });
        if (batch.isEmpty()) return;
        const bytes = batch.encode();
        expect(countScans(bytes)).toBe(scanId);
        const got = [...readScans(bytes, 0)].map((s) => ({
          who: [0, 1, 2, 3, 4, 5].find((w) => advert(w)[0] === s.rollingProximityId[0]),
          rssi: s.rssi,
          at: s.timestampMs,
          scan: s.scanId!,
        }));
        expect(got).toEqual(expected);
      }),
    );
  });

  it('packs several records into columns that say what reading them one by one says', () => {
    const reading = fc.record({
      who: fc.integer({ min: 0, max: 5 }),
      rssi: fc.integer({ min: -128, max: 127 }),
      offsetMs: fc.integer({ min: 0, max: 4_000 }),
    });
    const record = fc.array(fc.array(reading, { minLength: 1, maxLength: 8 }), { maxLength: 5 });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 4 }), (records) => {
        let scanMs = T;
        const encoded = records.map((scans) => {
          const batch = new ScanBatch();
          for (const readings of scans) {
            batch.add(
              scanMs,
              readings.map((r) => ({
                serviceData: advert(r.who),
                rssi: r.rssi,
                timestampMs: scanMs + r.offsetMs,
              })),
            );
            scanMs += 300_000;
          }
          return batch.encode();
        });
        const expected: unknown[] = [];
        let firstScan = 0;
        for (const bytes of encoded) {
          for (const s of readScans(bytes, firstScan)) {
            expected.push([
              [...s.rollingProximityId, ...s.associatedEncryptedMetadata],
              s.rssi,
              s.timestampMs,
              s.scanId,
            ]);
          }
          firstScan += countScans(bytes)!;
        }
        const p = packScans(encoded);
        const got = Array.from({ length: p.count }, (_, i) => [
          [...p.bytes.subarray(p.serviceDataAt[i], p.serviceDataAt[i]! + 20)],
          p.rssi[i],
          p.timestampMs[i],
          p.scanId[i],
        ]);
        expect(got).toEqual(expected);
      }),
    );
  });
});
