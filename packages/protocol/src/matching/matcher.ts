import { attenuationDb } from '../calibration.ts';
import type { CryptoBackend } from '../crypto/backend.ts';
import { deriveAemk, deriveRpik, KEY_LENGTH, writePaddedData } from '../crypto/keys.ts';
import { ProtocolError } from '../errors.ts';
import { decodeMetadata } from '../metadata.ts';
import { Infectiousness, type TemporaryExposureKey } from '../model.ts';
import {
  COCOA_DEFAULT_DIAGNOSIS_KEYS_DATA_MAPPING,
  infectiousnessOf,
  reportTypeOf,
  type DiagnosisKeysDataMapping,
} from '../risk/mapping.ts';
import { DAY_MS, enIntervalNumber, INTERVALS_PER_DAY, MAX_KEY_AGE_DAYS } from '../time.ts';
import type { KeyTable } from './key-table.ts';
import type { PackedSightings } from './packed.ts';
import { rpiPrefix } from './rpi-table.ts';
import { DRIFT_INTERVALS, indexSightings, type SightingIndex } from './sighting-index.ts';
import type { ExposureWindow, Sighting } from './types.ts';
import { buildExposureWindows, type MatchedReading } from './windows.ts';

/**
 * The matching engine (protocol.md §7): finds a device's sightings of published diagnosis keys
 * and turns them into exposure windows. Most keys match nothing, so the work per key is kept
 * small: keys wholly outside the device's sighting time range cost no cryptography at all, and
 * the RPIs of the remaining ones are derived only for intervals near some sighting, in one AES
 * call per key.
 */

/** TX power a real phone can advertise; a decrypted value outside it is noise or forgery. */
export const PLAUSIBLE_TX_POWER_DBM = { min: -60, max: 20 } as const;

/** Inputs of `createMatcher`. */
export interface MatcherOptions {
  backend: CryptoBackend;
  /** One object per reading, or packed columns (cheaper for a phone with many readings). */
  sightings: Iterable<Sighting> | PackedSightings;
  /** The receiving phone's RSSI correction from the calibration table. */
  rssiCorrection: number;
  /** "Now" for the 14-day cut-off, Unix milliseconds. */
  nowMs: number;
  /** Defaults to COCOA's production mapping. */
  mapping?: DiagnosisKeysDataMapping;
}

/** Counters of the work a matcher has done, for benchmarks and diagnostics. */
export interface MatcherStats {
  keys: number;
  /** Keys dropped before any cryptography (too old, NONE, or nowhere near a sighting). */
  keysSkipped: number;
  /** RPIs derived in total. */
  rollingProximityIds: number;
  /** Keys that produced at least one exposure window. */
  keysMatched: number;
}

/** A matcher bound to one device's sightings. */
export interface Matcher {
  /** Exposure windows of one diagnosis key (empty when it matches nothing). */
  matchKey(key: TemporaryExposureKey): ExposureWindow[];
  /** Exposure windows of many keys, consumed one at a time so the input may stream. */
  matchKeys(keys: Iterable<TemporaryExposureKey>): ExposureWindow[];
  /**
   * The same windows as `matchKey` for every key of a prebuilt table, found from the other
   * side: each distinct RPI this phone heard is looked up among the table's RPIs, so the cost
   * grows with the phone's sightings, not with the number of keys. Keys with windows come in
   * table order, each with its position in `table.keys`.
   */
  matchTable(table: KeyTable): { key: number; windows: ExposureWindow[] }[];
  /** Work done so far. */
  readonly stats: Readonly<MatcherStats>;
}

const MAX_WINDOW_INTERVALS = INTERVALS_PER_DAY + 2 * DRIFT_INTERVALS;

/** Builds a matcher over a device's sightings of the past 14 days. */
export function createMatcher(options: MatcherOptions): Matcher {
  const { backend, rssiCorrection, nowMs } = options;
  const mapping = options.mapping ?? COCOA_DEFAULT_DIAGNOSIS_KEYS_DATA_MAPPING;
  if (!Number.isFinite(rssiCorrection) || !Number.isFinite(nowMs)) {
    throw new ProtocolError(
      'MATCHER_OPTIONS_INVALID',
      'rssiCorrection and nowMs: expected numbers',
    );
  }
  const oldestMs = nowMs - MAX_KEY_AGE_DAYS * DAY_MS;
  const oldestInterval = enIntervalNumber(oldestMs);
  const index = indexSightings(options.sightings, oldestMs);
  const runs = index.coveredRuns;
  const coverageEnd = runs[runs.length - 1] ?? -1;

  // Reused between keys: the padded-data blocks of one key and their interval numbers.
  const padded = new Uint8Array(MAX_WINDOW_INTERVALS * KEY_LENGTH);
  const intervals = new Int32Array(MAX_WINDOW_INTERVALS);
  const stats: MatcherStats = { keys: 0, keysSkipped: 0, rollingProximityIds: 0, keysMatched: 0 };

  /** Whether a key can have windows at all: recent enough and scored. */
  const scored = (key: TemporaryExposureKey): boolean =>
    key.rollingStartIntervalNumber + key.rollingPeriod >= oldestInterval &&
    infectiousnessOf(key, mapping) !== Infectiousness.NONE;

  /** Windows of a key from its matched readings, in the order matching found them. */
  const windowsOf = (key: TemporaryExposureKey, matched: number[]): ExposureWindow[] => {
    const readings = readMetadata(
      backend,
      index,
      deriveAemk(backend, key.keyData),
      matched,
      rssiCorrection,
    );
    if (readings.length === 0) return [];
    stats.keysMatched++;
    return buildExposureWindows(readings, index, {
      reportType: reportTypeOf(key, mapping),
      infectiousness: infectiousnessOf(key, mapping),
    });
  };

  function matchKey(key: TemporaryExposureKey): ExposureWindow[] {
    stats.keys++;
    checkKey(key);
    const start = key.rollingStartIntervalNumber;
    const end = start + key.rollingPeriod;

    // Cheap rejections first: too old, never scored, or nowhere near any sighting.
    const from = Math.max(start - DRIFT_INTERVALS, index.coverageBase);
    const to = Math.min(end - 1 + DRIFT_INTERVALS, coverageEnd);
    if (!scored(key) || from > to) {
      stats.keysSkipped++;
      return [];
    }
    const count = collectCandidates(runs, from, to, padded, intervals);
    if (count === 0) {
      stats.keysSkipped++;
      return [];
    }

    // One HKDF and one AES call give every RPI the key could have been heard with.
    const rpik = deriveRpik(backend, key.keyData);
    const rpis = backend.aes128EcbEncrypt(rpik, padded.subarray(0, count * KEY_LENGTH));
    stats.rollingProximityIds += count;
    const matched = findSightings(index, rpis, intervals, count);
    if (matched.length === 0) return [];
    return windowsOf(key, matched);
  }

  function matchTable(table: KeyTable): { key: number; windows: ExposureWindow[] }[] {
    stats.keys += table.keys.length;
    const hits = table.lookUp(index);
    const found: { key: number; windows: ExposureWindow[] }[] = [];
    // Hits come sorted by key, then by the derived RPI's interval, then by reading: the order
    // in which matchKey meets them.
    for (let h = 0; h < hits.length;) {
      const k = hits[h]!.key;
      const matched: number[] = [];
      for (; h < hits.length && hits[h]!.key === k; h++) matched.push(hits[h]!.reading);
      const key = table.keys[k]!;
      if (!scored(key)) continue;
      const windows = windowsOf(key, matched);
      if (windows.length > 0) found.push({ key: k, windows });
    }
    return found;
  }

  return {
    matchKey,
    matchKeys(keys) {
      const windows: ExposureWindow[] = [];
      for (const key of keys) {
        const found = matchKey(key);
        if (found.length > 0) windows.push(...found);
      }
      return windows;
    },
    matchTable,
    stats,
  };
}

/**
 * Writes the padded data of every covered interval in [from, to] into `padded` and their
 * interval numbers into `intervals`; returns the count.
 */
function collectCandidates(
  runs: Int32Array,
  from: number,
  to: number,
  padded: Uint8Array,
  intervals: Int32Array,
): number {
  let count = 0;
  for (let r = 0; r < runs.length; r += 2) {
    if (runs[r]! > to) break;
    const first = Math.max(from, runs[r]!);
    const last = Math.min(to, runs[r + 1]!);
    for (let j = first; j <= last; j++) {
      writePaddedData(padded, count * KEY_LENGTH, j);
      intervals[count++] = j;
    }
  }
  return count;
}

/** Readings whose RPI equals a derived one and was heard within ±2 h of that RPI's interval. */
function findSightings(
  index: SightingIndex,
  rpis: Uint8Array,
  intervals: Int32Array,
  count: number,
): number[] {
  const { byPrefix, interval, bytes, serviceDataAt } = index;
  const { members, groupStart } = byPrefix;
  const matched: number[] = [];
  for (let k = 0; k < count; k++) {
    const g = byPrefix.find(rpiPrefix(rpis, k * KEY_LENGTH));
    if (g < 0) continue;
    for (let m = groupStart[g]!; m < groupStart[g + 1]!; m++) {
      const r = members[m]!;
      if (Math.abs(interval[r]! - intervals[k]!) > DRIFT_INTERVALS) continue;
      if (equalBytes(bytes, serviceDataAt[r]!, rpis, k * KEY_LENGTH)) matched.push(r);
    }
  }
  return matched;
}

/**
 * Decrypts the AEM of every matched reading and keeps those with plausible metadata. AES-CTR
 * with IV = RPI encrypts a 4-byte message with the first bytes of AES(AEMK, RPI), so all
 * readings are decrypted with one ECB call.
 */
function readMetadata(
  backend: CryptoBackend,
  index: SightingIndex,
  aemk: Uint8Array,
  matched: number[],
  rssiCorrection: number,
): MatchedReading[] {
  const { bytes, serviceDataAt } = index;
  const blocks = new Uint8Array(matched.length * KEY_LENGTH);
  matched.forEach((r, k) =>
    blocks.set(bytes.subarray(serviceDataAt[r]!, serviceDataAt[r]! + KEY_LENGTH), k * KEY_LENGTH),
  );
  const keystream = backend.aes128EcbEncrypt(aemk, blocks);

  const readings: MatchedReading[] = [];
  const plain = new Uint8Array(4);
  matched.forEach((r, k) => {
    const aemAt = serviceDataAt[r]! + KEY_LENGTH;
    for (let b = 0; b < 4; b++) plain[b] = bytes[aemAt + b]! ^ keystream[k * KEY_LENGTH + b]!;
    const metadata = decodeMetadata(plain);
    const plausible =
      metadata.versionMajor === 1 &&
      metadata.txPowerDbm >= PLAUSIBLE_TX_POWER_DBM.min &&
      metadata.txPowerDbm <= PLAUSIBLE_TX_POWER_DBM.max;
    if (!plausible) return;
    readings.push({
      scan: index.scan[r]!,
      attenuationDb: attenuationDb(metadata.txPowerDbm, index.rssi[r]!, rssiCorrection),
      calibrationConfidence: metadata.versionMinor === 0 ? 0 : metadata.calibrationConfidence,
    });
  });
  return readings;
}

/** Whether the 16 bytes at `a[aAt]` equal those at `b[bAt]`. */
export function equalBytes(a: Uint8Array, aAt: number, b: Uint8Array, bAt: number): boolean {
  for (let i = 0; i < KEY_LENGTH; i++) if (a[aAt + i] !== b[bAt + i]) return false;
  return true;
}

/** Refuses a key whose interval numbers make no sense (its bytes are checked on use). */
export function checkKey(key: TemporaryExposureKey): void {
  const { rollingStartIntervalNumber: start, rollingPeriod: period } = key;
  if (!Number.isInteger(start) || start < 0 || start > 0xffffffff) {
    throw new ProtocolError(
      'KEY_ROLLING_START_INVALID',
      'rollingStartIntervalNumber: expected a uint32',
    );
  }
  if (!Number.isInteger(period) || period < 1 || period > INTERVALS_PER_DAY) {
    throw new ProtocolError('KEY_ROLLING_PERIOD_INVALID', 'rollingPeriod: expected 1..144');
  }
}
