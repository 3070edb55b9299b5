/**
 * A `BlobStore` in a local directory. Writes go to a temporary file, are flushed, then
 * renamed over the target, so a crash never leaves a truncated file under a published name.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { checkBlobName, type BlobStore } from './store.ts';

/** Creates a directory-backed blob store rooted at `root`. */
export function createDirectoryBlobStore(root: string): BlobStore & { root: string } {
  const resolve = (name: string) => {
    checkBlobName(name);
    return path.join(root, ...name.split('/'));
  };

  return {
    root,
    async put(name, bytes) {
      const target = resolve(name);
      await mkdir(path.dirname(target), { recursive: true });
      const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      const handle = await open(temporary, 'w');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, target);
    },

    async get(name) {
      try {
        return new Uint8Array(await readFile(resolve(name)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },

    async delete(name) {
      await rm(resolve(name), { force: true });
    },

    async list(prefix) {
      const dir = path.join(root, ...prefix.split('/').filter(Boolean));
      try {
        const entries = await readdir(dir, { recursive: true, withFileTypes: true });
        return entries
          .filter((e) => e.isFile() && !e.name.endsWith('.tmp'))
          .map((e) =>
            path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'),
          )
          .sort();
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw e;
      }
    },
  };
}
