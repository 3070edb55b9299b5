/**
 * IndexedDB storage for the browser (through the `idb` wrapper). Records and the storage key
 * live in two separate databases: the key is a non-extractable CryptoKey that the browser
 * stores opaquely, and deleting its database makes the records unreadable for good.
 */
import { openDB, deleteDB, type IDBPDatabase } from 'idb';
import type { DeviceStorage, KeyVault } from './storage.ts';
import { DeviceStorageError } from './storage.ts';
import { generateStorageKey } from './record-crypto.ts';

const STORE = 'records';

async function open(name: string): Promise<IDBPDatabase> {
  try {
    return await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore(STORE);
      },
    });
  } catch (cause) {
    throw new DeviceStorageError('STORAGE_UNAVAILABLE', 'IndexedDB could not be opened', {
      cause,
    });
  }
}

/** Records in the IndexedDB database `name`. */
export function indexedDbStorage(name = 'cocoa-device'): DeviceStorage {
  let db: Promise<IDBPDatabase> | null = null;
  const get = (): Promise<IDBPDatabase> => (db ??= open(name));
  return {
    async get(key) {
      const value: unknown = await (await get()).get(STORE, key);
      return value instanceof Uint8Array ? value : undefined;
    },
    async put(key, value) {
      await (await get()).put(STORE, value, key);
    },
    async delete(keys) {
      const tx = (await get()).transaction(STORE, 'readwrite');
      await Promise.all([...keys.map((k) => tx.store.delete(k)), tx.done]);
    },
    async keys(prefix) {
      const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
      const found = await (await get()).getAllKeys(STORE, range);
      return found.map(String).sort();
    },
    async clear() {
      await (await get()).clear(STORE);
    },
  };
}

/** The storage key in its own IndexedDB database `name`, apart from the records. */
export function indexedDbKeyVault(name = 'cocoa-device-key'): KeyVault {
  let pending: Promise<CryptoKey> | null = null;
  const load = async (): Promise<CryptoKey> => {
    const db = await open(name);
    try {
      const stored: unknown = await db.get(STORE, 'storage-key');
      if (stored instanceof CryptoKey) return stored;
      const key = await generateStorageKey(false);
      await db.put(STORE, key, 'storage-key');
      return key;
    } finally {
      db.close();
    }
  };
  return {
    getKey() {
      pending ??= load().catch((error: unknown) => {
        pending = null;
        throw error;
      });
      return pending;
    },
    async destroy() {
      pending = null;
      await deleteDB(name);
    },
  };
}
