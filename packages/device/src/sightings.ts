/**
 * Sightings (what this phone heard) as sealed records, one per scan. Record names carry the
 * scan time so expired scans are deleted without decrypting them; the contents (identifiers
 * and signal strengths) are only ever in the sealed value.
 */
import { DAY_MS, MAX_KEY_AGE_DAYS, decodeServiceData, type Sighting } from '@cocoa/protocol';
import type { RadioReading } from './radio/radio.ts';
import { fromBase64, padNumber, toBase64, type SecureRecords } from './records.ts';

const PREFIX = 'sightings/';

type StoredReading = [serviceData: string, rssi: number, timestampMs: number];

function isStoredScan(v: unknown): v is StoredReading[] {
  return (
    Array.isArray(v) &&
    v.every(
      (r) =>
        Array.isArray(r) &&
        typeof r[0] === 'string' &&
        typeof r[1] === 'number' &&
        typeof r[2] === 'number',
    )
  );
}

/** The sighting log of one phone. */
export interface SightingLog {
  /** Stores the readings of one scan (nothing when the scan heard nobody). */
  record(scanMs: number, readings: readonly RadioReading[]): Promise<void>;
  /** Every readable sighting, each scan with its own `scanId`. */
  all(): Promise<Sighting[]>;
  /** Deletes scans older than 14 days. */
  prune(nowMs: number): Promise<void>;
}

/** Builds the log over sealed records. */
export function sightingLog(records: SecureRecords): SightingLog {
  return {
    async record(scanMs, readings) {
      const valid = readings.filter((r) => r.serviceData.length === 20);
      if (valid.length === 0) return;
      const stored: StoredReading[] = valid.map((r) => [
        toBase64(r.serviceData),
        r.rssi,
        r.timestampMs,
      ]);
      await records.write(PREFIX + padNumber(scanMs), stored);
    },

    async all() {
      const sightings: Sighting[] = [];
      let scanId = 0;
      for (const name of await records.list(PREFIX)) {
        const scan = await records.read(name, isStoredScan);
        if (!scan) continue;
        scanId += 1;
        for (const [serviceData, rssi, timestampMs] of scan) {
          const decoded = decodeServiceData(fromBase64(serviceData));
          sightings.push({
            rollingProximityId: decoded.rollingProximityId,
            associatedEncryptedMetadata: decoded.associatedEncryptedMetadata,
            rssi,
            timestampMs,
            scanId,
          });
        }
      }
      return sightings;
    },

    async prune(nowMs) {
      const oldest = padNumber(nowMs - MAX_KEY_AGE_DAYS * DAY_MS);
      const stale = (await records.list(PREFIX)).filter((n) => n.slice(PREFIX.length) < oldest);
      await records.remove(stale);
    },
  };
}
