import { enIntervalNumber } from '../time.ts';
import {
  checkPackedSightings,
  isPackedSightings,
  packSightings,
  type PackedSightings,
} from './packed.ts';
import { RpiTable, rpiPrefix } from './rpi-table.ts';
import type { Sighting } from './types.ts';

/**
 * A device's sightings arranged for matching: the phone's scan timeline, a hash index from RPI
 * to readings, and which interval numbers could be matched at all. Built once per check, in
 * typed arrays only, so its cost is a few passes over the readings and no object per reading.
 */

/** Intervals of clock drift tolerated either side of a key's window: ±2 hours. */
export const DRIFT_INTERVALS = 12;

/** Readings further apart than this, without a scan id, belong to different scans. */
export const SCAN_GAP_MS = 30_000;

/** secondsSinceLastScan of the first scan, whose predecessor is unknown (protocol.md §7). */
export const DEFAULT_SECONDS_SINCE_LAST_SCAN = 120;

/** Cap of secondsSinceLastScan: a phone scans about every 5 minutes. */
export const MAX_SECONDS_SINCE_LAST_SCAN = 300;

// Coverage is marked in a bitmap when the readings span fewer intervals than this (a year).
const MAX_BITMAP_INTERVALS = 52_560;

/**
 * The sightings of one device, ready to be matched against many keys. Reading `r` (0 ≤ r <
 * count) is one kept reading; its RPI is `bytes[serviceDataAt[r] .. +16]`, its AEM the next 4.
 */
export interface SightingIndex {
  readonly count: number;
  readonly bytes: Uint8Array;
  readonly serviceDataAt: Int32Array;
  readonly rssi: Float64Array;
  /** Interval number each reading was heard in. */
  readonly interval: Int32Array;
  /** Scan of each reading: scans are numbered in order of their start time. */
  readonly scan: Int32Array;
  /** Start of each scan, Unix ms, in time order. */
  readonly scanStartMs: Float64Array;
  /** secondsSinceLastScan of each scan. */
  readonly scanSeconds: Int32Array;
  /**
   * Readings by the first four RPI bytes; within a group they are in time order (ties in the
   * order they were given), the order in which matching reports them.
   */
  readonly byPrefix: RpiTable;
  /**
   * Runs of intervals lying within DRIFT_INTERVALS of some sighting, as [first, last] pairs in
   * time order: the only intervals whose RPIs can match anything.
   */
  readonly coveredRuns: Int32Array;
  /** First interval of the first run (0 when there are no sightings). */
  readonly coverageBase: number;
}

/** Validates and indexes sightings, dropping those older than `oldestMs`. */
export function indexSightings(
  sightings: Iterable<Sighting> | PackedSightings,
  oldestMs: number,
): SightingIndex {
  let packed: PackedSightings;
  if (isPackedSightings(sightings)) {
    checkPackedSightings(sightings);
    packed = sightings;
  } else {
    packed = packSightings(sightings);
  }
  const { timestampMs: time, scanId } = packed;

  // Which readings are kept, as positions in the input.
  let kept = new Int32Array(packed.count);
  let count = 0;
  let labelled = true;
  for (let i = 0; i < packed.count; i++) {
    if (time[i]! < oldestMs) continue;
    kept[count++] = i;
    if (Number.isNaN(scanId[i]!)) labelled = false;
  }
  kept = kept.subarray(0, count);
  // Readings without a scan id are grouped into scans by time, which needs them in time order.
  if (!labelled) kept = Int32Array.from([...kept].sort((a, b) => time[a]! - time[b]! || a - b));

  const serviceDataAt = new Int32Array(count);
  const rssi = new Float64Array(count);
  const interval = new Int32Array(count);
  const prefixes = new Int32Array(count);
  for (let r = 0; r < count; r++) {
    const i = kept[r]!;
    serviceDataAt[r] = packed.serviceDataAt[i]!;
    rssi[r] = packed.rssi[i]!;
    interval[r] = enIntervalNumber(time[i]!);
    prefixes[r] = rpiPrefix(packed.bytes, serviceDataAt[r]);
  }

  const { scan, scanStartMs } = labelled ? labelledScans(packed, kept) : timedScans(packed, kept);
  const scanSeconds = new Int32Array(scanStartMs.length);
  for (let s = 0; s < scanStartMs.length; s++) {
    scanSeconds[s] =
      s === 0
        ? DEFAULT_SECONDS_SINCE_LAST_SCAN
        : Math.min(
            MAX_SECONDS_SINCE_LAST_SCAN,
            Math.round((scanStartMs[s]! - scanStartMs[s - 1]!) / 1000),
          );
  }

  const byPrefix = new RpiTable(prefixes);
  if (labelled) orderGroupsByTime(byPrefix, kept, time);

  const coveredRuns = coverage(interval);
  return {
    count,
    bytes: packed.bytes,
    serviceDataAt,
    rssi,
    interval,
    scan,
    scanStartMs,
    scanSeconds,
    byPrefix,
    coveredRuns,
    coverageBase: coveredRuns[0] ?? 0,
  };
}

interface Scans {
  scan: Int32Array;
  scanStartMs: Float64Array;
}

/**
 * Scans of readings that carry scan ids, in any order. A scan starts at its earliest reading;
 * scans starting at the same instant keep the order of those readings in the input.
 */
function labelledScans(packed: PackedSightings, kept: Int32Array): Scans {
  const { timestampMs: time, scanId } = packed;
  const provisional = new Int32Array(kept.length);
  const byId = new Map<number, number>();
  const startMs: number[] = [];
  const startAt: number[] = [];
  let lastId = Number.NaN;
  let last = -1;
  for (let r = 0; r < kept.length; r++) {
    const i = kept[r]!;
    const id = scanId[i]!;
    // Readings of one scan mostly come together: look the id up only when it changes.
    if (id !== lastId) {
      let s = byId.get(id);
      if (s === undefined) {
        s = startMs.push(time[i]!) - 1;
        startAt.push(i);
        byId.set(id, s);
      }
      lastId = id;
      last = s;
    }
    provisional[r] = last;
    if (time[i]! < startMs[last]!) {
      startMs[last] = time[i]!;
      startAt[last] = i;
    }
  }
  return rankScans(provisional, startMs, startAt);
}

/** Scans of readings in time order: by scan id where known, otherwise by the gaps between them. */
function timedScans(packed: PackedSightings, kept: Int32Array): Scans {
  const { timestampMs: time, scanId } = packed;
  const provisional = new Int32Array(kept.length);
  const byId = new Map<number, number>();
  const startMs: number[] = [];
  const startAt: number[] = [];
  let lastUnlabelledMs = -Infinity;
  for (let r = 0; r < kept.length; r++) {
    const i = kept[r]!;
    const id = scanId[i]!;
    if (!Number.isNaN(id)) {
      let s = byId.get(id);
      if (s === undefined) {
        s = startMs.push(time[i]!) - 1;
        startAt.push(r);
        byId.set(id, s);
      }
      provisional[r] = s;
      continue;
    }
    if (time[i]! - lastUnlabelledMs > SCAN_GAP_MS) {
      startMs.push(time[i]!);
      startAt.push(r);
    }
    provisional[r] = startMs.length - 1;
    lastUnlabelledMs = time[i]!;
  }
  return rankScans(provisional, startMs, startAt);
}

/** Renumbers scans in order of their start time, ties by where their first reading came. */
function rankScans(provisional: Int32Array, startMs: number[], startAt: number[]): Scans {
  const n = startMs.length;
  let ordered = true;
  for (let s = 1; s < n && ordered; s++) {
    ordered =
      startMs[s - 1]! < startMs[s]! ||
      (startMs[s - 1] === startMs[s] && startAt[s - 1]! < startAt[s]!);
  }
  if (ordered) return { scan: provisional, scanStartMs: Float64Array.from(startMs) };

  const order = Array.from({ length: n }, (_, s) => s).sort(
    (a, b) => startMs[a]! - startMs[b]! || startAt[a]! - startAt[b]!,
  );
  const rank = new Int32Array(n);
  order.forEach((s, r) => (rank[s] = r));
  const scan = new Int32Array(provisional.length);
  for (let r = 0; r < provisional.length; r++) scan[r] = rank[provisional[r]!]!;
  return { scan, scanStartMs: Float64Array.from(order, (s) => startMs[s]!) };
}

/**
 * Puts the readings of each RPI group in time order (ties in input order). Readings of one
 * advertisement almost always arrive in order, so this mostly only checks.
 */
function orderGroupsByTime(table: RpiTable, kept: Int32Array, time: Float64Array): void {
  const { members, groupStart } = table;
  const later = (a: number, b: number) =>
    time[kept[a]!]! > time[kept[b]!]! || (time[kept[a]!] === time[kept[b]!] && a > b);
  for (let g = 0; g < table.groups; g++) {
    const end = groupStart[g + 1]!;
    for (let k = groupStart[g]! + 1; k < end; k++) {
      const r = members[k]!;
      let j = k - 1;
      while (j >= groupStart[g]! && later(members[j]!, r)) {
        members[j + 1] = members[j]!;
        j--;
      }
      members[j + 1] = r;
    }
  }
}

/** Merges each reading's ±DRIFT_INTERVALS into sorted, disjoint [first, last] runs. */
function coverage(interval: Int32Array): Int32Array {
  const runs: number[] = [];
  const add = (j: number) => {
    const last = runs.length - 1;
    if (last > 0 && j - DRIFT_INTERVALS <= runs[last]! + 1) runs[last] = j + DRIFT_INTERVALS;
    else runs.push(j - DRIFT_INTERVALS, j + DRIFT_INTERVALS);
  };
  if (interval.length === 0) return new Int32Array(0);
  let min = interval[0]!;
  let max = min;
  for (const j of interval) {
    if (j < min) min = j;
    else if (j > max) max = j;
  }
  // The intervals heard, in order: from a bitmap when they span less than a year.
  if (max - min < MAX_BITMAP_INTERVALS) {
    const heard = new Uint8Array(max - min + 1);
    for (const j of interval) heard[j - min] = 1;
    for (let k = 0; k < heard.length; k++) if (heard[k] === 1) add(min + k);
  } else {
    for (const j of Int32Array.from(interval).sort()) add(j);
  }
  return Int32Array.from(runs);
}
