/**
 * The per-region download indexes, rebuilt from published files only: COCOA's `list.json`
 * (absolute URLs with a creation time in ms) and Google's `index.txt` (relative paths, oldest
 * first). Built from the database, so an index never names a file that is not in the store.
 */
import { encodeCocoaList, encodeIndexTxt } from '@cocoa/protocol';
import type { BlobStore } from '../blob/store.ts';
import type { NotificationDb } from '../db/connect.ts';

/** Blob name of a region's COCOA index. */
export const listJsonName = (region: string) => `${region}/list.json`;
/** Blob name of a region's Google-style index. */
export const indexTxtName = (region: string) => `${region}/index.txt`;

/** Rewrites both index files of `region`. */
export async function writeRegionIndex(
  handle: NotificationDb,
  options: { store: BlobStore; region: string; publicBaseUrl: string },
): Promise<void> {
  const files = await handle.db
    .selectFrom('export_files')
    .select(['blob_name', 'created_ms'])
    .where('region', '=', options.region)
    .where('status', '=', 'published')
    .orderBy('id')
    .execute();

  const base = options.publicBaseUrl.replace(/\/+$/, '');
  const list = encodeCocoaList(
    files.map((f) => ({
      region: options.region,
      url: `${base}/${f.blob_name}`,
      created: Number(f.created_ms),
    })),
  );
  await options.store.put(listJsonName(options.region), toBytes(list), 'application/json');

  const index = encodeIndexTxt(files.map((f) => f.blob_name));
  await options.store.put(indexTxtName(options.region), toBytes(index), 'text/plain');
}

function toBytes(value: string | Uint8Array): Uint8Array {
  return typeof value === 'string' ? new TextEncoder().encode(value) : value;
}
