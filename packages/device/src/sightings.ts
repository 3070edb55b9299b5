/**
 * Sightings (what this phone heard) as sealed records. Each record holds one or more scans in a
 * compact binary layout (see `sighting-codec.ts`); its name carries the time of its last scan,
 * so expired records are deleted without decrypting them, while identifiers and signal strengths
 * are only ever in the sealed value.
 *
 * Scans may wait in memory for a while and be sealed together: sealing costs far more than
 * appending to a buffer, and a phone that scans every 5 minutes for 14 days need not pay it
 * 4,000 times. By default records are decrypted once and kept open in memory for the checks,
 * so a check never decrypts the whole log again; a host of thousands of engines may instead
 * keep only the sealed records and decrypt them at each check.
 */
import { DAY_MS, MAX_KEY_AGE_DAYS, type PackedSightings } from '@cocoa/protocol';
import type { RadioReading } from './radio/radio.ts';
import { padNumber, type SecureRecords } from './records.ts';
import { ScanBatch, countScans, packScans } from './sighting-codec.ts';

const PREFIX = 'sightings/';

/** The sighting log of one phone. */
export interface SightingLog {
  /** Adds the readings of one scan (nothing when the scan heard nobody). */
  record(scanMs: number, readings: readonly RadioReading[]): Promise<void>;
  /** Seals the scans still waiting in memory. */
  flush(): Promise<void>;
  /** Every readable sighting, packed for matching, each scan with its own `scanId`. */
  packed(): Promise<PackedSightings>;
  /** Deletes scans older than 14 days. */
  prune(nowMs: number): Promise<void>;
  /** Forgets what was read from storage, so the next use reads it again. */
  reload(): void;
  /** Drops everything in memory, unsealed scans included (after "delete all data"). */
  forget(): void;
}

/** Options of `sightingLog`. */
export interface SightingLogOptions {
  /**
   * How long scans may wait in memory before they are sealed together; 0 seals every scan at
   * once. Waiting scans are lost if the app is killed before they are sealed.
   */
  batchMs: number;
  /** Keep decrypted records in memory between checks (default true). */
  keepOpen?: boolean;
}

/** Builds the log over sealed records. */
export function sightingLog(records: SecureRecords, options: SightingLogOptions): SightingLog {
  /** Opened records by name, in name (time) order; `null` until first needed. */
  let opened: Map<string, Uint8Array> | null = null;
  let waiting = new ScanBatch();
  const keepOpen = options.keepOpen ?? true;

  const open = async (): Promise<Map<string, Uint8Array>> => {
    if (opened) return opened;
    const loaded = new Map<string, Uint8Array>();
    for (const name of await records.list(PREFIX)) {
      const bytes = await records.readBytes(name);
      // A damaged record is noted by `records` and left out; a record that decrypts but does
      // not decode is damaged too.
      if (bytes && countScans(bytes) !== null) loaded.set(name, bytes);
      else if (bytes) records.markUnreadable(name);
    }
    if (keepOpen) opened = loaded;
    return loaded;
  };

  const flush = async (): Promise<void> => {
    if (waiting.isEmpty()) return;
    const name = PREFIX + padNumber(waiting.lastScanMs());
    const bytes = waiting.encode();
    await records.writeBytes(name, bytes);
    // Only after the write: a failed write leaves the scans waiting for the next attempt.
    waiting = new ScanBatch();
    opened?.set(name, bytes);
  };

  return {
    async record(scanMs, readings) {
      if (!waiting.add(scanMs, readings)) return;
      if (scanMs - waiting.firstScanMs() >= options.batchMs) await flush();
    },

    flush,

    async packed() {
      const chunks = [...(await open()).values()];
      if (!waiting.isEmpty()) chunks.push(waiting.encode());
      return packScans(chunks);
    },

    async prune(nowMs) {
      const oldest = padNumber(nowMs - MAX_KEY_AGE_DAYS * DAY_MS);
      const stale = (await records.list(PREFIX)).filter((n) => n.slice(PREFIX.length) < oldest);
      await records.remove(stale);
      for (const name of stale) opened?.delete(name);
    },

    reload() {
      opened = null;
    },

    forget() {
      opened = null;
      waiting = new ScanBatch();
    },
  };
}
