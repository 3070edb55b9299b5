/**
 * Benchmark helper run as its own process so its peak memory is its own: either exports every
 * stored key (`export`) or just reads the same rows page by page (`read`), then prints one JSON
 * line with the elapsed time and the peak resident set size.
 */
import { readFileSync } from 'node:fs';
import { createDirectoryBlobStore } from '../blob/directory-store.ts';
import { openDatabase } from '../db/connect.ts';
import { runExportJob } from '../export/job.ts';

const [mode, databaseUrl, blobDirectory, keyPath, nowMs] = process.argv.slice(2);
if (!mode || !databaseUrl || !blobDirectory || !keyPath || !nowMs) {
  throw new Error('usage: export-child <export|read> <db> <blob dir> <key.pem> <now ms>');
}

const handle = openDatabase(databaseUrl);
const started = performance.now();
let rows = 0;

if (mode === 'read') {
  // The same rows in the same key order, in pages, with nothing else done to them.
  let after: Uint8Array | null = null;
  for (;;) {
    let query = handle.db.selectFrom('exposure_keys').selectAll().orderBy('key_data').limit(30_000);
    if (after) query = query.where('key_data', '>', after);
    const page = await query.execute();
    if (page.length === 0) break;
    rows += page.length;
    after = page[page.length - 1]!.key_data;
  }
} else {
  const result = await runExportJob({
    db: handle,
    store: createDirectoryBlobStore(blobDirectory),
    regions: ['440'],
    periodSeconds: 3600,
    maxKeysPerFile: 30_000,
    minKeysPerFile: 0,
    signingKeys: [{ privateKeyPem: readFileSync(keyPath, 'utf8'), keyId: '440', keyVersion: 'v1' }],
    publicBaseUrl: 'https://cdn.example/exports',
    now: () => Number(nowMs),
  });
  rows = result.files.reduce((sum, f) => sum + f.keyCount, 0);
}

const elapsedMs = performance.now() - started;
await handle.close();
process.stdout.write(
  `${JSON.stringify({ rows, elapsedMs, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`,
);
