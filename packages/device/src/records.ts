/**
 * Encrypted records on top of a `DeviceStorage`: every value is sealed with AES-GCM under the
 * vault's key before it is stored. A record that cannot be opened is remembered as unreadable
 * (so the app can offer a repair) instead of crashing the engine or touching other records.
 */
import type { DeviceStorage, KeyVault } from './storage/storage.ts';
import { openBytes, openRecord, sealBytes, sealRecord } from './storage/record-crypto.ts';

/** Typed access to sealed records. */
export interface SecureRecords {
  /** The decoded record, `undefined` if absent; unreadable or invalid records are noted. */
  read<T>(name: string, check: (value: unknown) => value is T): Promise<T | undefined>;
  write(name: string, value: unknown): Promise<void>;
  /** The decrypted bytes of a binary record, `undefined` if absent; unreadable ones are noted. */
  readBytes(name: string): Promise<Uint8Array | undefined>;
  writeBytes(name: string, value: Uint8Array<ArrayBuffer>): Promise<void>;
  /** Notes a record that decrypted but whose contents make no sense. */
  markUnreadable(name: string): void;
  remove(names: readonly string[]): Promise<void>;
  list(prefix: string): Promise<string[]>;
  /** Tries to decrypt every record, so damage is reported before it is needed. */
  sweep(): Promise<void>;
  /** Names of records found unreadable since the last repair. */
  unreadable(): ReadonlySet<string>;
  /** Deletes only the unreadable records. */
  repair(): Promise<void>;
  /** Deletes every record and destroys the key. */
  wipe(): Promise<void>;
}

/** Binds a storage to its vault. */
export function secureRecords(storage: DeviceStorage, vault: KeyVault): SecureRecords {
  const broken = new Set<string>();

  return {
    async read(name, check) {
      const bytes = await storage.get(name);
      if (!bytes) return undefined;
      const value = await openRecord(await vault.getKey(), name, bytes);
      if (value === undefined || !check(value)) {
        broken.add(name);
        return undefined;
      }
      broken.delete(name);
      return value;
    },
    async write(name, value) {
      await storage.put(name, await sealRecord(await vault.getKey(), name, value));
      broken.delete(name);
    },
    async readBytes(name) {
      const bytes = await storage.get(name);
      if (!bytes) return undefined;
      const value = await openBytes(await vault.getKey(), name, bytes);
      if (value === undefined) broken.add(name);
      else broken.delete(name);
      return value;
    },
    async writeBytes(name, value) {
      await storage.put(name, await sealBytes(await vault.getKey(), name, value));
      broken.delete(name);
    },
    markUnreadable(name) {
      broken.add(name);
    },
    async remove(names) {
      await storage.delete(names);
      for (const name of names) broken.delete(name);
    },
    list: (prefix) => storage.keys(prefix),
    async sweep() {
      const key = await vault.getKey();
      for (const name of await storage.keys('')) {
        const bytes = await storage.get(name);
        if (bytes && (await openBytes(key, name, bytes)) === undefined) broken.add(name);
      }
    },
    unreadable: () => broken,
    async repair() {
      await storage.delete([...broken]);
      broken.clear();
    },
    async wipe() {
      await storage.clear();
      await vault.destroy();
      broken.clear();
    },
  };
}

/** Standard base64 of bytes (records are JSON). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Bytes of standard base64. */
export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A fixed-width decimal, so record names sort by number. */
export function padNumber(n: number): string {
  return String(n).padStart(15, '0');
}
