import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../testing/databases.ts';
import { keyBody, storedKeys, submissionBody, submit } from '../testing/bodies.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';

const JUNE_4_15H = Date.UTC(2020, 5, 4, 15);

describe.each(ENGINES)('PUT /api/v3/diagnosis on %s', (engine) => {
  let t: TestServer;
  let next = 10_000_000;
  const number = () => {
    next += 1;
    const n = String(next).padStart(8, '0');
    t.verification.issue(n);
    return n;
  };

  beforeAll(async () => {
    t = await startTestServer(engine, JUNE_4_15H);
  });
  afterAll(() => t.close());

  const clean = () => t.server.db.db.deleteFrom('exposure_keys').execute();

  it('stores 14 consecutive daily keys, truncated arrival hour, never transmission risk 0', async () => {
    await clean();
    t.clock.nowMs = JUNE_4_15H + 17 * 60_000;
    const keys = Array.from({ length: 14 }, (_, i) => keyBody(i + 1, 2650176 + 144 * i));
    const res = await submit(t.server, submissionBody(keys, { verificationPayload: number() }));
    expect(res.status).toBe(200);
    expect(res.body.code).toBe('OK');

    const rows = await storedKeys(t.server);
    expect(rows).toHaveLength(14);
    expect(new Set(rows.map((r) => Number(r.created_hour_ms)))).toEqual(new Set([JUNE_4_15H]));
    expect(rows.every((r) => r.transmission_risk_level >= 1)).toBe(true);
    const last = rows.find((r) => Number(r.rolling_start_interval_number) === 2652048);
    expect(Number(last?.embargo_until_ms)).toBe(Date.UTC(2020, 5, 5, 2));
    t.clock.nowMs = JUNE_4_15H;
  });

  it.each([
    [
      'same start, periods 104 and 142',
      [keyBody(1, 2652048 - 144, 104), keyBody(2, 2652048 - 144, 142)],
      200,
      2,
    ],
    ['2656850 beside 2656800', [keyBody(1, 2651904), keyBody(2, 2651954)], 400, 0],
    [
      "yesterday's key and today's 60-interval key",
      [keyBody(1, 2651904), keyBody(2, 2652048, 60)],
      200,
      2,
    ],
    ['an empty key list', [], 200, 0],
  ])('%s', async (_name, keys, status, stored) => {
    await clean();
    const res = await submit(t.server, submissionBody(keys, { verificationPayload: number() }));
    expect(res.status).toBe(status);
    expect(await storedKeys(t.server)).toHaveLength(stored);
  });

  it('takes the report type from the verification answer', async () => {
    await clean();
    t.verification.issue('55555555', 2);
    const body = submissionBody([{ ...keyBody(1, 2651904), reportType: 3 }], {
      verificationPayload: '55555555',
    });
    expect((await submit(t.server, body)).status).toBe(200);
    expect((await storedKeys(t.server))[0]?.report_type).toBe(2);
  });

  it('stores nothing twice when the same body is sent twice with one idempotency key', async () => {
    await clean();
    const body = submissionBody([keyBody(7, 2651904)], { verificationPayload: number() });
    const first = await submit(t.server, body);
    const second = await submit(t.server, body);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await storedKeys(t.server)).toHaveLength(1);
    const submissions = await t.server.db.db.selectFrom('submissions').selectAll().execute();
    expect(submissions.some((s) => s.idempotency_hash.includes(body.idempotency_key))).toBe(false);
  });

  it('lets exactly one of two concurrent bodies with one processing number succeed', async () => {
    await clean();
    const n = number();
    t.verification.delayMs = 50;
    const results = await Promise.all([
      submit(t.server, submissionBody([keyBody(21, 2651904)], { verificationPayload: n })),
      submit(t.server, submissionBody([keyBody(22, 2651904)], { verificationPayload: n })),
    ]);
    t.verification.delayMs = 0;
    expect(results.map((r) => r.status).sort()).toEqual([200, 406]);
    expect(await storedKeys(t.server)).toHaveLength(1);
  });

  it('answers 406 for a number that was never issued', async () => {
    const res = await submit(
      t.server,
      submissionBody([keyBody(1, 2651904)], { verificationPayload: '99999999' }),
    );
    expect(res.status).toBe(406);
    expect(res.body.code).toBe('PROCESSING_NUMBER_NOT_ACCEPTED');
  });

  it('answers 503 with Retry-After and stores nothing when verification is unreachable', async () => {
    await clean();
    t.verification.failing = true;
    const res = await submit(
      t.server,
      submissionBody([keyBody(1, 2651904)], { verificationPayload: number() }),
    );
    t.verification.failing = false;
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.body.code).toBe('VERIFICATION_UNAVAILABLE');
    expect(await storedKeys(t.server)).toHaveLength(0);
  });

  it('refuses a request before verification, so a bad body does not consume the number', async () => {
    const n = number();
    const bad = submissionBody([keyBody(1, 2651904)], {
      verificationPayload: n,
      onsetOfSymptomOrTestDate: '2020-06-07T00:00+09:00',
    });
    expect((await submit(t.server, bad)).body.code).toBe('SUBMISSION_ONSET_IN_FUTURE');
    expect(t.verification.asked).not.toContain(n);
    const good = submissionBody([keyBody(1, 2651904)], { verificationPayload: n });
    expect((await submit(t.server, good)).status).toBe(200);
  });

  it('answers 503 with Retry-After in maintenance and stores nothing', async () => {
    await clean();
    t.server.setMaintenance(true);
    const res = await submit(
      t.server,
      submissionBody([keyBody(1, 2651904)], { verificationPayload: number() }),
    );
    t.server.setMaintenance(false);
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('MAINTENANCE');
    expect(res.headers['retry-after']).toBe('600');
    expect(await storedKeys(t.server)).toHaveLength(0);
  });

  it('pads every answer, success or failure, to the same size', async () => {
    const answers = await Promise.all([
      submit(t.server, submissionBody([], { verificationPayload: number() })),
      submit(t.server, 'not json'),
      submit(t.server, submissionBody([], { verificationPayload: '99999998' })),
    ]);
    expect(new Set(answers.map((a) => a.length)).size).toBe(1);
  });

  it('drops the key older than 14 days and stores the rest', async () => {
    await clean();
    const keys = [
      keyBody(40, 2649744),
      ...Array.from({ length: 14 }, (_, i) => keyBody(41 + i, 2650176 + 144 * i)),
    ];
    const res = await submit(
      t.server,
      submissionBody(keys, {
        verificationPayload: number(),
        onsetOfSymptomOrTestDate: '2020-05-28T00:00+09:00',
      }),
    );
    expect(res.status).toBe(200);
    expect(await storedKeys(t.server)).toHaveLength(14);
  });
});

describe.each(ENGINES)('decoy submissions on %s', (engine) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(engine, JUNE_4_15H);
  });
  afterAll(() => t.close());

  it('answers a decoy like a real one: same status, same size, similar delay, nothing stored', async () => {
    t.verification.delayMs = 150;
    const realMs: number[] = [];
    let real = { status: 0, length: 0 };
    for (let i = 0; i < 4; i++) {
      const n = `3000000${i}`;
      t.verification.issue(n);
      const started = performance.now();
      real = await submit(
        t.server,
        submissionBody([keyBody(60 + i, 2651904)], { verificationPayload: n }),
      );
      realMs.push(performance.now() - started);
    }
    await t.server.db.db.deleteFrom('exposure_keys').execute();

    const started = performance.now();
    const chaff = await submit(
      t.server,
      submissionBody([keyBody(70, 2651904)], { verificationPayload: '30000009' }),
      { 'x-chaff': '1' },
    );
    const chaffMs = performance.now() - started;

    expect(chaff.status).toBe(real.status);
    expect(chaff.length).toBe(real.length);
    // The delay is drawn from the real durations (±10%); generous slack for a busy machine.
    expect(chaffMs).toBeGreaterThan(Math.min(...realMs) * 0.6);
    expect(await storedKeys(t.server)).toHaveLength(0);
    expect(t.verification.asked).not.toContain('30000009');
  });
});

describe('the decoy wait', () => {
  it('can be replaced, and is asked for about as long as a real submission', async () => {
    const waits: number[] = [];
    const t = await startTestServer(
      'sqlite',
      JUNE_4_15H,
      {},
      {
        decoyWait: async (ms) => {
          waits.push(ms);
        },
      },
    );
    try {
      const chaff = await submit(
        t.server,
        submissionBody([keyBody(71, 2651904)], { verificationPayload: '30000010' }),
        { 'x-chaff': '1' },
      );
      expect(chaff.status).toBe(200);
      // Before any real submission the wait is the default 150 ms, ±10 %.
      expect(waits).toHaveLength(1);
      expect(waits[0]).toBeGreaterThanOrEqual(135);
      expect(waits[0]).toBeLessThanOrEqual(165);
      expect(await storedKeys(t.server)).toHaveLength(0);
    } finally {
      await t.close();
    }
  });
});
