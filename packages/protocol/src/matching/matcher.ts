import { attenuationDb } from '../calibration.ts';
import type { CryptoBackend } from '../crypto/backend.ts';
import { deriveAemk, deriveRpik, KEY_LENGTH } from '../crypto/keys.ts';
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
import {
  DRIFT_INTERVALS,
  indexSightings,
  rpiPrefix,
  type SightingIndex,
} from './sighting-index.ts';
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
  sightings: Iterable<Sighting>;
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

  function matchKey(key: TemporaryExposureKey): ExposureWindow[] {
    stats.keys++;
    checkKey(key);
    const start = key.rollingStartIntervalNumber;
    const end = start + key.rollingPeriod;

    // Cheap rejections first: too old, never scored, or nowhere near any sighting.
    const infectiousness = infectiousnessOf(key, mapping);
    const from = Math.max(start - DRIFT_INTERVALS, index.coverageBase);
    const to = Math.min(end - 1 + DRIFT_INTERVALS, coverageEnd);
    if (end < oldestInterval || infectiousness === Infectiousness.NONE || from > to) {
      stats.keysSkipped++;
      return [];
    }
    const count = collectCandidates(index, from, to, padded, intervals);
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
      infectiousness,
    });
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
    stats,
  };
}

/**
 * Copies the padded data of every covered interval in [from, to] into `padded` (one copy per
 * run of covered intervals) and their interval numbers into `intervals`; returns the count.
 */
function collectCandidates(
  index: SightingIndex,
  from: number,
  to: number,
  padded: Uint8Array,
  intervals: Int32Array,
): number {
  const runs = index.coveredRuns;
  let count = 0;
  for (let r = 0; r < runs.length; r += 2) {
    const first = Math.max(from, runs[r]!);
    const last = Math.min(to, runs[r + 1]!);
    if (runs[r]! > to) break;
    if (first > last) continue;
    const offset = (first - index.coverageBase) * KEY_LENGTH;
    padded.set(
      index.paddedTemplate.subarray(offset, offset + (last - first + 1) * KEY_LENGTH),
      count * KEY_LENGTH,
    );
    for (let j = first; j <= last; j++) intervals[count++] = j;
  }
  return count;
}

/** Sightings whose RPI equals a derived one and was heard within ±2 h of that RPI's interval. */
function findSightings(
  index: SightingIndex,
  rpis: Uint8Array,
  intervals: Int32Array,
  count: number,
): number[] {
  const matched: number[] = [];
  for (let k = 0; k < count; k++) {
    const candidates = index.byPrefix.get(rpiPrefix(rpis, k * KEY_LENGTH));
    if (candidates === undefined) continue;
    const derived = rpis.subarray(k * KEY_LENGTH, (k + 1) * KEY_LENGTH);
    for (const i of candidates) {
      const s = index.sightings[i]!;
      if (Math.abs(s.interval - intervals[k]!) > DRIFT_INTERVALS) continue;
      if (equalBytes(s.sighting.rollingProximityId, derived)) matched.push(i);
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
  const blocks = new Uint8Array(matched.length * KEY_LENGTH);
  matched.forEach((i, k) =>
    blocks.set(index.sightings[i]!.sighting.rollingProximityId, k * KEY_LENGTH),
  );
  const keystream = backend.aes128EcbEncrypt(aemk, blocks);

  const readings: MatchedReading[] = [];
  matched.forEach((i, k) => {
    const { sighting, scan } = index.sightings[i]!;
    const plain = new Uint8Array(4);
    for (let b = 0; b < 4; b++) {
      plain[b] = sighting.associatedEncryptedMetadata[b]! ^ keystream[k * KEY_LENGTH + b]!;
    }
    const metadata = decodeMetadata(plain);
    const plausible =
      metadata.versionMajor === 1 &&
      metadata.txPowerDbm >= PLAUSIBLE_TX_POWER_DBM.min &&
      metadata.txPowerDbm <= PLAUSIBLE_TX_POWER_DBM.max;
    if (!plausible) return;
    readings.push({
      scan,
      attenuationDb: attenuationDb(metadata.txPowerDbm, sighting.rssi, rssiCorrection),
      calibrationConfidence: metadata.versionMinor === 0 ? 0 : metadata.calibrationConfidence,
    });
  });
  return readings;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < KEY_LENGTH; i++) if (a[i] !== b[i]) return false;
  return true;
}

function checkKey(key: TemporaryExposureKey): void {
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
