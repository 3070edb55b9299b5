/**
 * File-backed storage for Node: one file per record in a directory, and the storage key in a
 * separate file (mode 0600) that `destroy` overwrites and removes. Record names are
 * hex-encoded into file names so any key string is safe on disk.
 */
import { mkdir, readFile, readdir, rm, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeviceStorage, KeyVault } from '../storage/storage.ts';

const hexName = (key: string): string => Buffer.from(key, 'utf8').toString('hex');
const fromHex = (name: string): string => Buffer.from(name, 'hex').toString('utf8');

/** Records as files under `directory` (created on first write). */
export function fileStorage(directory: string): DeviceStorage {
  const path = (key: string): string => join(directory, `${hexName(key)}.rec`);
  const list = async (): Promise<string[]> => {
    try {
      return (await readdir(directory)).filter((n) => n.endsWith('.rec'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  };

  return {
    async get(key) {
      try {
        return new Uint8Array(await readFile(path(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async put(key, value) {
      await mkdir(directory, { recursive: true });
      // Write-then-rename so a crash never leaves half a record behind.
      const temporary = `${path(key)}.tmp`;
      await writeFile(temporary, value, { mode: 0o600 });
      await rename(temporary, path(key));
    },
    async delete(keys) {
      await Promise.all(keys.map((k) => rm(path(k), { force: true })));
    },
    async keys(prefix) {
      return (await list())
        .map((n) => fromHex(n.slice(0, -4)))
        .filter((k) => k.startsWith(prefix))
        .sort();
    },
    async clear() {
      await Promise.all((await list()).map((n) => rm(join(directory, n), { force: true })));
    },
  };
}

/** The storage key as raw bytes in `keyFile`, which must sit apart from the records. */
export function fileKeyVault(keyFile: string): KeyVault {
  let pending: Promise<CryptoKey> | null = null;
  const load = async (): Promise<CryptoKey> => {
    let raw: Uint8Array;
    try {
      raw = new Uint8Array(await readFile(keyFile));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      raw = globalThis.crypto.getRandomValues(new Uint8Array(32));
      await writeFile(keyFile, raw, { mode: 0o600, flag: 'wx' });
    }
    return globalThis.crypto.subtle.importKey('raw', new Uint8Array(raw), 'AES-GCM', false, [
      'encrypt',
      'decrypt',
    ]);
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
      // Overwrite before removing, so the bytes do not linger in the file's old blocks.
      await writeFile(keyFile, new Uint8Array(32)).catch(() => undefined);
      await rm(keyFile, { force: true });
    },
  };
}
