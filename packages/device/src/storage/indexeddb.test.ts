import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { secureRecords } from '../records.ts';
import { indexedDbKeyVault, indexedDbStorage } from './indexeddb.ts';

// fake-indexeddb implements the IndexedDB API in memory, so the browser store runs in Node.
const unique = (): string => `test-${Math.random().toString(36).slice(2)}`;
const isText = (v: unknown): v is string => typeof v === 'string';

describe('IndexedDB storage', () => {
  it('stores, lists by prefix, deletes and clears', async () => {
    const storage = indexedDbStorage(unique());
    await storage.put('s/2', new Uint8Array([2]));
    await storage.put('s/1', new Uint8Array([1]));
    await storage.put('t/1', new Uint8Array([3]));
    expect(await storage.keys('s/')).toEqual(['s/1', 's/2']);
    expect(await storage.get('s/2')).toEqual(new Uint8Array([2]));
    await storage.delete(['s/1']);
    expect(await storage.keys('')).toEqual(['s/2', 't/1']);
    await storage.clear();
    expect(await storage.keys('')).toEqual([]);
  });

  it('keeps a non-extractable key in its own database that survives a reload', async () => {
    const dataName = unique();
    const keyName = unique();
    const records = secureRecords(indexedDbStorage(dataName), indexedDbKeyVault(keyName));
    await records.write('x', 'sealed');
    const key = await indexedDbKeyVault(keyName).getKey();
    expect(key.extractable).toBe(false);

    const reloaded = secureRecords(indexedDbStorage(dataName), indexedDbKeyVault(keyName));
    expect(await reloaded.read('x', isText)).toBe('sealed');
    const databases = (await indexedDB.databases()).map((d) => d.name);
    expect(databases).toEqual(expect.arrayContaining([dataName, keyName]));

    await reloaded.wipe();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(keyName);
    expect(await indexedDbStorage(dataName).keys('')).toEqual([]);
  });
});
