import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileKeyVault, fileStorage } from '../node/file-storage.ts';
import { secureRecords } from '../records.ts';
import { memoryKeyVault, memoryStorage } from './memory.ts';
import type { DeviceStorage, KeyVault } from './storage.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function fileBacked(): Promise<{ storage: DeviceStorage; vault: KeyVault; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'device-storage-'));
  dirs.push(dir);
  return {
    storage: fileStorage(join(dir, 'records')),
    vault: fileKeyVault(join(dir, 'storage.key')),
    dir,
  };
}

const isText = (v: unknown): v is string => typeof v === 'string';

describe.each([
  ['memory', () => Promise.resolve({ storage: memoryStorage(), vault: memoryKeyVault() })],
  ['file', fileBacked],
])('%s storage', (_name, make) => {
  it('stores, lists by prefix in order, deletes and clears', async () => {
    const { storage } = await make();
    await storage.put('b/2', new Uint8Array([2]));
    await storage.put('b/1', new Uint8Array([1]));
    await storage.put('a/1', new Uint8Array([9]));
    expect(await storage.keys('b/')).toEqual(['b/1', 'b/2']);
    expect(await storage.get('b/2')).toEqual(new Uint8Array([2]));
    expect(await storage.get('missing')).toBeUndefined();

    await storage.delete(['b/1', 'missing']);
    expect(await storage.keys('')).toEqual(['a/1', 'b/2']);
    await storage.clear();
    expect(await storage.keys('')).toEqual([]);
  });

  it('seals records so the stored bytes never contain the plaintext', async () => {
    const { storage, vault } = await make();
    const records = secureRecords(storage, vault);
    await records.write('note', 'a secret sighting');
    const raw = new TextDecoder().decode(await storage.get('note'));
    expect(raw).not.toContain('secret');
    expect(await records.read('note', isText)).toBe('a secret sighting');
  });

  it('reports a damaged record as unreadable without losing the others, then repairs', async () => {
    const { storage, vault } = await make();
    const records = secureRecords(storage, vault);
    await records.write('good', 'kept');
    await records.write('bad', 'lost');
    const bytes = (await storage.get('bad'))!;
    bytes[bytes.length - 1]! ^= 0xff;
    await storage.put('bad', bytes);

    expect(await records.read('bad', isText)).toBeUndefined();
    expect(await records.read('good', isText)).toBe('kept');
    expect([...records.unreadable()]).toEqual(['bad']);

    await records.repair();
    expect(records.unreadable().size).toBe(0);
    expect(await storage.keys('')).toEqual(['good']);
  });

  it('refuses a record moved under another name', async () => {
    const { storage, vault } = await make();
    const records = secureRecords(storage, vault);
    await records.write('one', 'first');
    await storage.put('two', (await storage.get('one'))!);
    expect(await records.read('two', isText)).toBeUndefined();
  });

  it('cannot read old records once the key is destroyed, and wipe removes everything', async () => {
    const { storage, vault } = await make();
    const records = secureRecords(storage, vault);
    await records.write('x', 'before');
    await vault.destroy();
    expect(await records.read('x', isText)).toBeUndefined();
    await records.wipe();
    expect(await storage.keys('')).toEqual([]);
  });
});

describe('file key vault', () => {
  it('keeps the key in its own owner-only file, apart from the records, and removes it', async () => {
    const { storage, vault, dir } = await fileBacked();
    const records = secureRecords(storage, vault);
    await records.write('x', 1);
    const keyFile = join(dir, 'storage.key');
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect(await readdir(join(dir, 'records'))).not.toContain('storage.key');

    const again = secureRecords(fileStorage(join(dir, 'records')), fileKeyVault(keyFile));
    expect(await again.read('x', (v): v is number => v === 1)).toBe(1);

    await vault.destroy();
    await expect(stat(keyFile)).rejects.toThrow();
  });
});
