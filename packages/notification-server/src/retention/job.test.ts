import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIndexTxt } from '@cocoa/protocol';
import { ENGINES } from '../testing/databases.ts';
import { keyBody, storedKeys, submissionBody, submit } from '../testing/bodies.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';

const BOUND = 2652048; // 2020-06-04 00:00 UTC
const DAY = 86_400_000;
const AT_BOUND = BOUND * 600_000 + 14 * DAY; // now at which the minimum key end is BOUND

describe.each(ENGINES)('retention job on %s', (engine) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(engine, Date.UTC(2020, 5, 5, 12));
  });
  afterAll(() => t.close());

  async function upload(key: ReturnType<typeof keyBody>, number: string, onset = '2020-06-03') {
    t.verification.issue(number);
    const body = submissionBody([key], {
      verificationPayload: number,
      onsetOfSymptomOrTestDate: `${onset}T00:00Z`,
    });
    expect((await submit(t.server, body)).status).toBe(200);
  }

  it('keeps and exports a key ending exactly at the bound, deletes one ending before it', async () => {
    await upload(keyBody(1, BOUND - 144), '40000001'); // ends exactly at BOUND
    await upload(keyBody(2, BOUND - 145), '40000002'); // ends one interval earlier

    t.clock.nowMs = AT_BOUND;
    const first = await t.server.runRetention();
    expect(first.keys).toBe(1);
    const left = await storedKeys(t.server);
    expect(left.map((r) => Number(r.rolling_start_interval_number))).toEqual([BOUND - 144]);

    const run = await t.server.runExport();
    expect(run.files.map((f) => f.keyCount)).toEqual([1]);

    t.clock.nowMs = AT_BOUND + 600_000;
    expect((await t.server.runRetention()).keys).toBe(1);
    expect(await storedKeys(t.server)).toHaveLength(0);
  });

  it('removes export files after 14 days from the index first, then from storage', async () => {
    t.clock.nowMs = Date.UTC(2020, 6, 1, 12);
    await upload(keyBody(3, 2655936 - 144), '40000003', '2020-06-28'); // 30 June
    const [old] = (await t.server.runExport()).files;
    t.clock.nowMs += 3 * DAY;
    await upload(keyBody(4, 2655936 + 2 * 144), '40000004', '2020-06-28'); // 3 July
    const [recent] = (await t.server.runExport()).files;
    expect(await t.server.store.get(old!.blobName)).not.toBeNull();

    t.clock.nowMs = Date.UTC(2020, 6, 1, 12) + 14 * DAY + 1;
    const result = await t.server.runRetention();
    expect(result.files).toBeGreaterThan(0);
    expect(await t.server.store.get(old!.blobName)).toBeNull();
    expect(await t.server.store.get(recent!.blobName)).not.toBeNull();
    const index = parseIndexTxt(
      new TextDecoder().decode((await t.server.store.get('440/index.txt'))!),
    );
    expect(index).toEqual([recent!.blobName]);
    const submissions = await t.server.db.db.selectFrom('submissions').selectAll().execute();
    expect(submissions.length).toBeGreaterThan(0);
    expect(submissions.every((s) => Number(s.created_hour_ms) >= t.clock.nowMs - 14 * DAY)).toBe(
      true,
    );
  });
});
