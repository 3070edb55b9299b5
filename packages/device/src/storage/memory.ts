/**
 * In-memory storage and key vault: cheap enough for a simulation of thousands of phones, while
 * the engine still encrypts every record exactly as it would on disk.
 */
import type { DeviceStorage, KeyVault } from './storage.ts';
import { generateStorageKey } from './record-crypto.ts';

/** A `DeviceStorage` held in a Map; `snapshot` lets tests inspect or damage the bytes. */
export interface MemoryStorage extends DeviceStorage {
  /** The live map of records, for tests. */
  readonly records: Map<string, Uint8Array>;
}

/** Creates an empty in-memory store. */
export function memoryStorage(): MemoryStorage {
  const records = new Map<string, Uint8Array>();
  return {
    records,
    get: (key) => Promise.resolve(records.get(key)?.slice()),
    put(key, value) {
      records.set(key, value.slice());
      return Promise.resolve();
    },
    delete(keys) {
      for (const key of keys) records.delete(key);
      return Promise.resolve();
    },
    keys: (prefix) =>
      Promise.resolve([...records.keys()].filter((k) => k.startsWith(prefix)).sort()),
    clear() {
      records.clear();
      return Promise.resolve();
    },
  };
}

/** A vault that holds a non-extractable key in memory only. */
export function memoryKeyVault(): KeyVault {
  let key: Promise<CryptoKey> | null = null;
  return {
    getKey() {
      key ??= generateStorageKey(false);
      return key;
    },
    destroy() {
      key = null;
      return Promise.resolve();
    },
  };
}
