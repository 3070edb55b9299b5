import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseCocoaList, parseIndexTxt } from '@cocoa/protocol';
import { ENGINES } from '../testing/databases.ts';
import { keyBody, storedKeys, submissionBody, submit } from '../testing/bodies.ts';
import { checkExportZip } from '../testing/export-checks.ts';
import { startTestServer, testSigningKeyPair, type TestServer } from '../testing/harness.ts';
import { runExportJob } from './job.ts';

const JUNE_4_15H = Date.UTC(2020, 5, 4, 15);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe.each(ENGINES)('export job on %s', (engine) => {
  let t: TestServer;
  let n = 20_000_000;
  beforeAll(async () => {
    t = await startTestServer(engine, JUNE_4_15H, { export: { maxKeysPerFile: 3 } });
  });
  afterAll(() => t.close());
  afterEach(async () => {
    await t.server.db.db.deleteFrom('exposure_keys').execute();
    await t.server.db.db.deleteFrom('export_files').execute();
  });

  async function upload(keys: ReturnType<typeof keyBody>[]) {
    n += 1;
    const number = String(n);
    t.verification.issue(number);
    const res = await submit(t.server, submissionBody(keys, { verificationPayload: number }));
    expect(res.status).toBe(200);
  }

  async function published(names: string[]) {
    return Promise.all(
      names.map(async (name) => {
        const zip = await t.server.store.get(name);
        if (!zip) throw new Error(`missing ${name}`);
        return checkExportZip(zip, [t.publicKeyPem]);
      }),
    );
  }

  it('serves empty indexes before anything is published, so phones can tell it from an error', async () => {
    const list = await t.server.app.inject({ method: 'GET', url: '/exports/440/list.json' });
    expect(list.statusCode).toBe(200);
    expect(parseCocoaList(list.body)).toEqual([]);
    const index = await t.server.app.inject({ method: 'GET', url: '/exports/440/index.txt' });
    expect(index.statusCode).toBe(200);
    expect(parseIndexTxt(index.body)).toEqual([]);
  });

  it.each([
    [7, [3, 3, 1]],
    [6, [3, 3]],
  ])(
    'splits %i keys into files of %j, each sorted, with distinct end timestamps',
    async (count, sizes) => {
      const keys = Array.from({ length: count }, (_, i) =>
        keyBody(1000 + i * 7919, 2651904 - 144 * (i % 10)),
      );
      await upload(keys.slice(0, 5));
      await upload(keys.slice(5));

      const run = await t.server.runExport();
      const batches = await published(run.files.map((f) => f.blobName));
      expect(batches.map((b) => b.keys.length)).toEqual(sizes);

      const all = batches.flatMap((b) => b.keys.map((k) => hex(k.keyData)));
      expect(all).toEqual([...all].sort());
      expect(new Set(all).size).toBe(count);
      expect(new Set(batches.map((b) => b.endTimestamp)).size).toBe(batches.length);
      expect(
        batches.every((b) => b.batchNum === 1 && b.batchSize === 1 && b.region === '440'),
      ).toBe(true);
      expect(batches.flatMap((b) => b.keys).every((k) => (k.transmissionRiskLevel ?? 0) > 0)).toBe(
        true,
      );

      expect((await t.server.runExport()).files).toEqual([]);
    },
  );

  it('publishes a still-valid key only after its end plus two hours', async () => {
    const keys = Array.from({ length: 14 }, (_, i) => keyBody(500 + i, 2650176 + 144 * i));
    await upload(keys);

    const first = await t.server.runExport();
    expect(first.files.reduce((s, f) => s + f.keyCount, 0)).toBe(13);

    t.clock.nowMs = Date.UTC(2020, 5, 5, 1, 59);
    expect((await t.server.runExport()).files).toEqual([]);

    t.clock.nowMs = Date.UTC(2020, 5, 5, 2);
    const late = await t.server.runExport();
    const [batch] = await published(late.files.map((f) => f.blobName));
    expect(batch?.keys.map((k) => k.rollingStartIntervalNumber)).toEqual([2652048]);
    t.clock.nowMs = JUNE_4_15H;
  });

  it('indexes every published file in list.json and index.txt, oldest first', async () => {
    await upload([keyBody(1, 2651904)]);
    const a = await t.server.runExport();
    t.clock.nowMs += 3600_000;
    await upload([keyBody(2, 2651904)]);
    const b = await t.server.runExport();
    t.clock.nowMs = JUNE_4_15H;

    const names = [...a.files, ...b.files].map((f) => f.blobName);
    const list = parseCocoaList(
      new TextDecoder().decode((await t.server.store.get('440/list.json')) ?? new Uint8Array()),
    );
    expect(list.map((e) => e.url)).toEqual(
      names.map((name) => `https://cdn.example/exports/${name}`),
    );
    expect(list.every((e) => e.region === '440')).toBe(true);
    expect(list[1]!.created).toBeGreaterThan(list[0]!.created);
    const index = parseIndexTxt(
      new TextDecoder().decode((await t.server.store.get('440/index.txt')) ?? new Uint8Array()),
    );
    expect(index).toEqual(names);
  });

  it('serves published files with Cache-Control and ETag, and 304 on revalidation', async () => {
    await upload([keyBody(3, 2651904)]);
    const [file] = (await t.server.runExport()).files;
    const url = `/exports/${file!.blobName}`;
    const res = await t.server.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.headers['content-type']).toBe('application/zip');
    checkExportZip(new Uint8Array(res.rawPayload), [t.publicKeyPem]);

    const again = await t.server.app.inject({
      method: 'GET',
      url,
      headers: { 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    const list = await t.server.app.inject({ method: 'GET', url: '/exports/440/list.json' });
    expect(list.headers['cache-control']).toBe('public, max-age=300');
    for (const bad of ['/exports/440/999.zip', '/exports/../secret', '/exports/440/%2e%2e%2fx']) {
      expect((await t.server.app.inject({ method: 'GET', url: bad })).statusCode).toBe(404);
    }
  });

  it('pads a thin window with stored fake keys that copy real fields and are not valid', async () => {
    await upload([keyBody(4, 2651904), keyBody(5, 2651760)]);
    const run = await runExportJob({
      db: t.server.db,
      store: t.server.store,
      regions: ['440'],
      periodSeconds: 3600,
      maxKeysPerFile: 3,
      minKeysPerFile: 8,
      signingKeys: t.server.config.export.signingKeys,
      publicBaseUrl: 'https://cdn.example/exports',
      now: () => t.clock.nowMs,
    });
    const batches = await published(run.files.map((f) => f.blobName));
    expect(batches.map((b) => b.keys.length)).toEqual([3, 3, 2]);

    const rows = await storedKeys(t.server);
    expect(rows.filter((r) => r.is_fake === 1)).toHaveLength(6);
    const starts = new Set(batches.flatMap((b) => b.keys.map((k) => k.rollingStartIntervalNumber)));
    expect([...starts].every((s) => s === 2651904 || s === 2651760)).toBe(true);
    const nowInterval = Math.floor(t.clock.nowMs / 600_000);
    const allKeys = batches.flatMap((b) => b.keys);
    expect(
      allKeys.every((k) => k.rollingStartIntervalNumber + k.rollingPeriod <= nowInterval),
    ).toBe(true);
  });

  it('signs with every configured key for rotation', async () => {
    const second = testSigningKeyPair();
    await upload([keyBody(6, 2651904)]);
    const run = await runExportJob({
      db: t.server.db,
      store: t.server.store,
      regions: ['440'],
      periodSeconds: 3600,
      maxKeysPerFile: 3,
      minKeysPerFile: 0,
      signingKeys: [
        ...t.server.config.export.signingKeys,
        { privateKeyPem: second.privateKeyPem, keyId: '440', keyVersion: 'v2' },
      ],
      publicBaseUrl: 'https://cdn.example/exports',
      now: () => t.clock.nowMs,
    });
    const zip = await t.server.store.get(run.files[0]!.blobName);
    const batch = checkExportZip(zip!, [t.publicKeyPem, second.publicKeyPem]);
    expect(batch.signatureInfos.map((s) => s.verificationKeyVersion)).toEqual(['v1', 'v2']);
  });
});
