import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeExportBin, parseIndexTxt, unpackExportZip } from '@cocoa/protocol';
import { verifyExportSignature } from '@cocoa/protocol/node';
import { createDirectoryBlobStore } from '../blob/directory-store.ts';
import { openDatabase, type NotificationDb } from '../db/connect.ts';
import { runMigrations } from '../db/migrations.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../testing/databases.ts';
import { checkExportZip } from '../testing/export-checks.ts';
import { testSigningKeyPair } from '../testing/harness.ts';

const CHILD = fileURLToPath(new URL('../testing/export-child.ts', import.meta.url));
const NOW = Date.UTC(2020, 5, 4, 15);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe.each(ENGINES)('export crash safety on %s', (engine) => {
  let database: TestDatabase;
  let handle: NotificationDb;
  let dir: string;
  const keys = testSigningKeyPair();
  const realKeys = new Set<string>();

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    handle = openDatabase(database.url, { schema: database.schema });
    await runMigrations(handle);
    dir = mkdtempSync(path.join(tmpdir(), 'ns-crash-'));
    writeFileSync(path.join(dir, 'key.pem'), keys.privateKeyPem);
  });
  afterAll(async () => {
    await handle.close();
    await database.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  async function seed(count: number) {
    const rows = Array.from({ length: count }, () => {
      const keyData = new Uint8Array(randomBytes(16));
      realKeys.add(hex(keyData));
      return {
        region: '440',
        key_data: keyData,
        rolling_start_interval_number: 2651904,
        rolling_period: 144,
        transmission_risk_level: 6,
        report_type: 1,
        days_since_onset: 0,
        created_hour_ms: NOW - 3_600_000,
        embargo_until_ms: NOW - 3_600_000,
        is_fake: 0,
        export_file_id: null,
      };
    });
    await handle.db.insertInto('exposure_keys').values(rows).execute();
  }

  /** Runs the child; SIGKILLs it `jitterMs` after step `killAfterSteps` (or lets it finish). */
  function runChild(
    killAfterSteps: number | null,
    jitterMs = 0,
  ): Promise<{ steps: number; finished: boolean }> {
    return new Promise((resolve, reject) => {
      // Node itself with tsx as a loader: the tsx command would be a wrapper process, and
      // killing a wrapper leaves the real worker running.
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
        env: {
          ...process.env,
          NS_DATABASE_URL: database.url,
          ...(database.schema ? { NS_DATABASE_SCHEMA: database.schema } : {}),
          NS_BLOB_DIR: path.join(dir, 'blobs'),
          NS_KEY_PATH: path.join(dir, 'key.pem'),
          NS_MAX_KEYS: '4',
          NS_MIN_KEYS: '30',
          NS_NOW_MS: String(NOW),
          NS_STEP_PAUSE_MS: jitterMs > 0 ? '0' : '15',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let steps = 0;
      let finished = false;
      let killing = false;
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdout.on('data', (d: Buffer) => {
        for (const line of d.toString().split('\n')) {
          if (line.startsWith('step ')) steps += 1;
          if (line === 'done') finished = true;
          if (killAfterSteps !== null && steps >= killAfterSteps && !killing) {
            killing = true;
            setTimeout(() => child.kill('SIGKILL'), jitterMs);
          }
        }
      });
      child.on('error', reject);
      child.on('close', (code, signal) => {
        if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`child failed: ${stderr}`));
        else resolve({ steps, finished });
      });
    });
  }

  /** Every index entry must name a stored, correctly signed file. */
  async function checkIndex(): Promise<string[]> {
    const store = createDirectoryBlobStore(path.join(dir, 'blobs'));
    const index = await store.get('440/index.txt');
    if (!index) return [];
    const seen: string[] = [];
    for (const name of parseIndexTxt(new TextDecoder().decode(index))) {
      const zip = await store.get(name);
      expect(zip, `${name} is indexed but missing`).not.toBeNull();
      const { exportBin, exportSig } = unpackExportZip(zip!);
      verifyExportSignature(exportBin, exportSig, keys.publicKeyPem);
      seen.push(...decodeExportBin(exportBin).keys.map((k) => hex(k.keyData)));
    }
    return seen;
  }

  it('publishes every key exactly once however often the run is killed', async () => {
    // Each attempt brings new keys, so every run has work to be interrupted in: padding,
    // planning files, writing blobs, marking them published or rewriting the index.
    // [steps to wait for, then ms before SIGKILL]; with no pause between steps a delay
    // lands the kill inside a transaction, a signature or a file write.
    const kills: [number, number][] = [
      [1, 0],
      [3, 7],
      [6, 0],
      [10, 3],
      [15, 11],
      [2, 5],
      [20, 1],
    ];
    let killed = 0;
    for (const [after, jitterMs] of kills) {
      await seed(5);
      const { finished } = await runChild(after, jitterMs);
      if (!finished) killed += 1;
      const seen = await checkIndex();
      expect(new Set(seen).size).toBe(seen.length);
    }
    expect(killed).toBe(kills.length);

    const last = await runChild(null);
    expect(last.finished).toBe(true);
    const seen = await checkIndex();
    expect(new Set(seen).size).toBe(seen.length);
    for (const key of realKeys) expect(seen).toContain(key);

    const pending = await handle.db
      .selectFrom('exposure_keys')
      .select('key_data')
      .where('export_file_id', 'is', null)
      .execute();
    expect(pending).toHaveLength(0);
    const planned = await handle.db
      .selectFrom('export_files')
      .select('id')
      .where('status', '!=', 'published')
      .execute();
    expect(planned).toHaveLength(0);

    const store = createDirectoryBlobStore(path.join(dir, 'blobs'));
    const firstFile = parseIndexTxt(
      new TextDecoder().decode((await store.get('440/index.txt'))!),
    )[0];
    checkExportZip((await store.get(firstFile!))!, [keys.publicKeyPem]);
  }, 300_000);
});
