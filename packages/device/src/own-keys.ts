/**
 * The phone's own daily keys: a fresh random key at each UTC day start (or when today's key
 * was released early), kept 14 days, and the advertisement derived from the key of the current
 * 10-minute interval.
 */
import {
  DAY_MS,
  INTERVALS_PER_DAY,
  MAX_KEY_AGE_DAYS,
  deriveAemk,
  deriveRpik,
  encodeMetadata,
  enIntervalNumber,
  intervalStartMs,
  rollingProximityIdBlock,
  rollingStartOf,
  SERVICE_DATA_LENGTH,
  type CryptoBackend,
  type TemporaryExposureKey,
} from '@cocoa/protocol';
import type { DeviceCalibration } from './types.ts';
import { fromBase64, padNumber, toBase64, type SecureRecords } from './records.ts';

const PREFIX = 'tek/';

interface StoredKey {
  keyData: string;
  start: number;
  period: number;
}

function isStoredKey(v: unknown): v is StoredKey {
  const o = v as StoredKey;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.keyData === 'string' &&
    Number.isInteger(o.start) &&
    Number.isInteger(o.period)
  );
}

/** Key store and advertisement builder for one phone. */
export interface OwnKeys {
  /** Service data (RPI ‖ AEM) for the interval containing `nowMs`, creating today's key if needed. */
  serviceDataAt(nowMs: number): Promise<Uint8Array>;
  /** Keys whose validity ended no earlier than 14 days before `nowMs`, oldest first. */
  keysForSubmission(nowMs: number): Promise<TemporaryExposureKey[]>;
  /**
   * Ends today's key at the current interval so it can be submitted, and starts a new key for
   * the rest of the day, so the released key is never advertised again.
   */
  releaseToday(nowMs: number): Promise<void>;
  /** Deletes keys older than the retention period. */
  prune(nowMs: number): Promise<void>;
  /** Drops the in-memory copy (after the records were wiped). */
  forget(): void;
}

/** Builds the key store over sealed records. */
export function ownKeys(
  records: SecureRecords,
  backend: CryptoBackend,
  calibration: DeviceCalibration,
): OwnKeys {
  // The service data of every interval of the key being advertised, derived together when the
  // key is first used: one HKDF and one AES call each for RPIs and metadata instead of a few
  // calls at every 10-minute rotation.
  const advertised = new Map<string, Uint8Array>();
  const metadata = encodeMetadata({
    versionMajor: 1,
    versionMinor: 0,
    calibrationConfidence: calibration.calibrationConfidence,
    txPowerDbm: calibration.txPowerDbm,
  });
  const advertisementsOf = (key: StoredKey): Uint8Array => {
    const tek = fromBase64(key.keyData);
    const rpis = rollingProximityIdBlock(backend, deriveRpik(backend, tek), key.start, key.period);
    // AEM = AES-CTR(AEMK, IV = RPI): a 4-byte message meets the first bytes of AES(AEMK, RPI).
    const keystream = backend.aes128EcbEncrypt(deriveAemk(backend, tek), rpis);
    const out = new Uint8Array(key.period * SERVICE_DATA_LENGTH);
    for (let j = 0; j < key.period; j++) {
      out.set(rpis.subarray(j * 16, j * 16 + 16), j * SERVICE_DATA_LENGTH);
      for (let b = 0; b < metadata.length; b++) {
        out[j * SERVICE_DATA_LENGTH + 16 + b] = metadata[b]! ^ keystream[j * 16 + b]!;
      }
    }
    return out;
  };
  // Decrypting every key at every scan would dominate a simulation of many phones, so the
  // keys are read once and the cache is updated with every write.
  let cache: StoredKey[] | null = null;

  const load = async (): Promise<StoredKey[]> => {
    if (cache) return cache;
    const names = await records.list(PREFIX);
    const keys: StoredKey[] = [];
    for (const name of names) {
      const key = await records.read(name, isStoredKey);
      if (key) keys.push(key);
    }
    cache = keys.sort((a, b) => a.start - b.start);
    return cache;
  };

  const save = async (key: StoredKey): Promise<void> => {
    await records.write(PREFIX + padNumber(key.start), key);
    const keys = (await load()).filter((k) => k.start !== key.start);
    cache = [...keys, key].sort((a, b) => a.start - b.start);
  };

  const create = async (start: number, period: number): Promise<StoredKey> => {
    const key = { keyData: toBase64(backend.randomBytes(16)), start, period };
    await save(key);
    return key;
  };

  const keyFor = async (interval: number): Promise<StoredKey> => {
    const found = (await load()).find((k) => k.start <= interval && interval < k.start + k.period);
    if (found) return found;
    const dayStart = rollingStartOf(interval);
    return create(dayStart, INTERVALS_PER_DAY);
  };

  return {
    async serviceDataAt(nowMs) {
      const interval = enIntervalNumber(nowMs);
      const key = await keyFor(interval);
      let d = advertised.get(key.keyData);
      if (!d) {
        d = advertisementsOf(key);
        advertised.clear();
        advertised.set(key.keyData, d);
      }
      const at = (interval - key.start) * SERVICE_DATA_LENGTH;
      return d.slice(at, at + SERVICE_DATA_LENGTH);
    },

    async keysForSubmission(nowMs) {
      const oldestEndMs = nowMs - MAX_KEY_AGE_DAYS * DAY_MS;
      const current = enIntervalNumber(nowMs);
      return (await load())
        .filter((k) => intervalStartMs(k.start + k.period) >= oldestEndMs && k.start <= current)
        .map((k) => ({
          keyData: fromBase64(k.keyData),
          rollingStartIntervalNumber: k.start,
          rollingPeriod: k.period,
        }));
    },

    async releaseToday(nowMs) {
      const interval = enIntervalNumber(nowMs);
      const key = await keyFor(interval);
      const end = rollingStartOf(key.start) + INTERVALS_PER_DAY;
      if (interval + 1 >= end) return;
      // The released key covers up to and including the current interval; the next interval
      // gets a new key that ends with the UTC day like every other.
      await save({ ...key, period: interval + 1 - key.start });
      await create(interval + 1, end - (interval + 1));
    },

    async prune(nowMs) {
      const oldestEndMs = nowMs - MAX_KEY_AGE_DAYS * DAY_MS;
      const keys = await load();
      const stale = keys.filter((k) => intervalStartMs(k.start + k.period) < oldestEndMs);
      if (stale.length === 0) return;
      await records.remove(stale.map((k) => PREFIX + padNumber(k.start)));
      cache = keys.filter((k) => !stale.includes(k));
    },

    forget() {
      cache = null;
      advertised.clear();
    },
  };
}
