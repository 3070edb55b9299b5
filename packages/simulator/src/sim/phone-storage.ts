/**
 * Storage of a simulated phone. A real phone keeps its sealed sightings on flash, and so does a
 * simulated one: a town of 100,000 phones has tens of gigabytes of them after 14 days, more
 * than memory holds. Sighting records go to one file each in the phone's own folder; the few
 * small records (keys, settings, contact days) stay in memory. The folder has no other writer,
 * so the names are kept in memory too, and files are read and written synchronously: the
 * simulation runs one engine step at a time, and a round trip to the thread pool would only
 * leave the process idle.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { memoryStorage, type DeviceStorage } from '@cocoa/device';

const ON_DISK = 'sightings/';

/** A phone's storage with its sighting records as files under `folder`. */
export function phoneStorage(folder: string): DeviceStorage {
  const small = memoryStorage();
  const onDisk = new Set<string>();
  let created = false;
  // Sighting record names are a prefix and a zero-padded time: safe file names as they are.
  const file = (key: string) => path.join(folder, key.slice(ON_DISK.length) + '.rec');
  const isOnDisk = (key: string) =>
    key.startsWith(ON_DISK) && /^[0-9]{1,20}$/.test(key.slice(ON_DISK.length));

  return {
    get(key) {
      if (!isOnDisk(key)) return small.get(key);
      if (!onDisk.has(key)) return Promise.resolve(undefined);
      return Promise.resolve(new Uint8Array(readFileSync(file(key))));
    },
    put(key, value) {
      if (!isOnDisk(key)) return small.put(key, value);
      if (!created) mkdirSync(folder, { recursive: true });
      created = true;
      // Write-then-rename, as on a phone, so a record is never half there.
      writeFileSync(`${file(key)}.tmp`, value);
      renameSync(`${file(key)}.tmp`, file(key));
      onDisk.add(key);
      return Promise.resolve();
    },
    async delete(keys) {
      for (const key of keys) {
        if (!onDisk.delete(key)) continue;
        rmSync(file(key), { force: true });
      }
      await small.delete(keys);
    },
    async keys(prefix) {
      const found = [...onDisk].filter((k) => k.startsWith(prefix));
      return [...found, ...(await small.keys(prefix))].sort();
    },
    async clear() {
      rmSync(folder, { recursive: true, force: true });
      onDisk.clear();
      created = false;
      await small.clear();
    },
  };
}
