import { ProtocolError } from '../errors.ts';
import { writePaddedData } from '../crypto/keys.ts';
import { enIntervalNumber } from '../time.ts';
import { RpiTable } from './rpi-table.ts';
import type { Sighting } from './types.ts';

/**
 * A device's sightings arranged for matching: the phone's scan timeline, a hash index from RPI
 * to readings, and which interval numbers could be matched at all. Built once per check.
 */

/** Intervals of clock drift tolerated either side of a key's window: ±2 hours. */
export const DRIFT_INTERVALS = 12;

/** Readings further apart than this, without a scan id, belong to different scans. */
export const SCAN_GAP_MS = 30_000;

/** secondsSinceLastScan of the first scan, whose predecessor is unknown (protocol.md §7). */
export const DEFAULT_SECONDS_SINCE_LAST_SCAN = 120;

/** Cap of secondsSinceLastScan: a phone scans about every 5 minutes. */
export const MAX_SECONDS_SINCE_LAST_SCAN = 300;

/** One reading with the interval it was heard in and the scan it belongs to. */
export interface IndexedSighting {
  sighting: Sighting;
  interval: number;
  scan: number;
}

/** The sightings of one device, ready to be matched against many keys. */
export interface SightingIndex {
  readonly sightings: readonly IndexedSighting[];
  /** Start of each scan, Unix ms, in time order. */
  readonly scanStartMs: readonly number[];
  /** secondsSinceLastScan of each scan. */
  readonly scanSeconds: readonly number[];
  /** Sighting indices by the first four RPI bytes read as a little-endian uint32. */
  readonly byPrefix: RpiTable;
  /**
   * Runs of intervals lying within DRIFT_INTERVALS of some sighting, as [first, last] pairs in
   * time order: the only intervals whose RPIs can match anything.
   */
  readonly coveredRuns: Int32Array;
  /** First interval of the first run (0 when there are no sightings). */
  readonly coverageBase: number;
  /** PaddedData of every interval from coverageBase through the last run, 16 bytes each. */
  readonly paddedTemplate: Uint8Array;
}

/** Reads the first four bytes of an RPI as a uint32, the hash key of the index. */
export function rpiPrefix(bytes: Uint8Array, offset = 0): number {
  return (
    ((bytes[offset] ?? 0) |
      ((bytes[offset + 1] ?? 0) << 8) |
      ((bytes[offset + 2] ?? 0) << 16) |
      ((bytes[offset + 3] ?? 0) << 24)) >>>
    0
  );
}

/** Validates and indexes sightings, dropping those older than `oldestMs`. */
export function indexSightings(sightings: Iterable<Sighting>, oldestMs: number): SightingIndex {
  const kept: Sighting[] = [];
  let position = 0;
  for (const s of sightings) {
    checkSighting(s, position++);
    if (s.timestampMs >= oldestMs) kept.push(s);
  }
  kept.sort((a, b) => a.timestampMs - b.timestampMs);

  const { scanOf, scanStartMs } = buildScans(kept);
  const scanSeconds = scanStartMs.map((start, i) =>
    i === 0
      ? DEFAULT_SECONDS_SINCE_LAST_SCAN
      : Math.min(MAX_SECONDS_SINCE_LAST_SCAN, Math.round((start - scanStartMs[i - 1]!) / 1000)),
  );

  const indexed: IndexedSighting[] = kept.map((sighting, i) => ({
    sighting,
    interval: enIntervalNumber(sighting.timestampMs),
    scan: scanOf[i]!,
  }));
  const byPrefix = new RpiTable(indexed.length);
  indexed.forEach((s, i) => byPrefix.add(rpiPrefix(s.sighting.rollingProximityId), i));

  const coveredRuns = buildCoverage(indexed);
  const coverageBase = coveredRuns[0] ?? 0;
  const coverageEnd = coveredRuns[coveredRuns.length - 1] ?? -1;
  const paddedTemplate = new Uint8Array(Math.max(0, coverageEnd - coverageBase + 1) * 16);
  for (let j = coverageBase; j <= coverageEnd; j++) {
    writePaddedData(paddedTemplate, (j - coverageBase) * 16, j);
  }
  return {
    sightings: indexed,
    scanStartMs,
    scanSeconds,
    byPrefix,
    coveredRuns,
    coverageBase,
    paddedTemplate,
  };
}

/**
 * Assigns every reading (sorted by time) to a scan: by its scan id when it has one, otherwise
 * by time, since a scan lasts a few seconds and the next comes minutes later.
 */
function buildScans(sorted: Sighting[]): { scanOf: number[]; scanStartMs: number[] } {
  const provisional: number[] = [];
  const starts: number[] = [];
  const byId = new Map<number, number>();
  let lastUnlabelledMs = -Infinity;

  for (const s of sorted) {
    if (s.scanId !== undefined) {
      let scan = byId.get(s.scanId);
      if (scan === undefined) {
        scan = starts.push(s.timestampMs) - 1;
        byId.set(s.scanId, scan);
      }
      provisional.push(scan);
      continue;
    }
    if (s.timestampMs - lastUnlabelledMs > SCAN_GAP_MS) starts.push(s.timestampMs);
    provisional.push(starts.length - 1);
    lastUnlabelledMs = s.timestampMs;
  }

  // Scans were numbered as first seen; renumber them in order of their start time.
  const order = starts.map((_, i) => i).sort((a, b) => starts[a]! - starts[b]! || a - b);
  const rank = new Array<number>(starts.length);
  order.forEach((scan, r) => (rank[scan] = r));
  return {
    scanOf: provisional.map((scan) => rank[scan]!),
    scanStartMs: order.map((scan) => starts[scan]!),
  };
}

/** Merges each sighting's ±DRIFT_INTERVALS into sorted, disjoint [first, last] runs. */
function buildCoverage(indexed: IndexedSighting[]): Int32Array {
  const runs: number[] = [];
  for (const { interval } of indexed) {
    const from = interval - DRIFT_INTERVALS;
    const to = interval + DRIFT_INTERVALS;
    const last = runs.length - 1;
    if (last > 0 && from <= runs[last]! + 1) runs[last] = Math.max(runs[last]!, to);
    else runs.push(from, to);
  }
  return Int32Array.from(runs);
}

// Hot: runs for every sighting of every check, so it creates no closure per call.
function checkSighting(s: Sighting, position: number): void {
  if (typeof s !== 'object' || s === null) invalidSighting(position, '', 'an object');
  if (!(s.rollingProximityId instanceof Uint8Array) || s.rollingProximityId.length !== 16) {
    invalidSighting(position, 'rollingProximityId', '16 bytes');
  }
  if (
    !(s.associatedEncryptedMetadata instanceof Uint8Array) ||
    s.associatedEncryptedMetadata.length !== 4
  ) {
    invalidSighting(position, 'associatedEncryptedMetadata', '4 bytes');
  }
  if (!Number.isFinite(s.timestampMs) || s.timestampMs < 0) {
    invalidSighting(position, 'timestampMs', 'a time in ms');
  }
  if (!Number.isFinite(s.rssi)) invalidSighting(position, 'rssi', 'a number in dBm');
  if (s.scanId !== undefined && !Number.isFinite(s.scanId)) {
    invalidSighting(position, 'scanId', 'a number');
  }
}

function invalidSighting(position: number, field: string, expected: string): never {
  throw new ProtocolError(
    'SIGHTING_INVALID',
    `sightings[${position}].${field}: expected ${expected}`,
  );
}
