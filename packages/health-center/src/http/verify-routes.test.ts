import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERIFICATION_PATH, VERIFICATION_SECRET_HEADER } from '@cocoa/protocol';
import type { HealthCenterApp } from '../app.ts';
import {
  ConsoleClient,
  TEST_CLIENT_SECRET,
  issueThroughConsole,
  smsForm,
  startTestApp,
} from '../testing/app.ts';
import type { TestApp } from '../testing/app.ts';
import { ENGINES, createTestDatabase } from '../testing/databases.ts';
import type { TestDatabaseLocation } from '../testing/databases.ts';

const DAY_MS = 86_400_000;

function verify(app: HealthCenterApp, payload: unknown, headers: Record<string, string> = {}) {
  return app.server.inject({
    method: 'POST',
    url: VERIFICATION_PATH,
    headers: {
      'content-type': 'application/json',
      [VERIFICATION_SECRET_HEADER]: TEST_CLIENT_SECRET,
      ...headers,
    },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
}

describe.each(ENGINES)('verification API on %s', (engine) => {
  let location: TestDatabaseLocation;
  let test: TestApp;
  let client: ConsoleClient;

  beforeAll(async () => {
    location = await createTestDatabase(engine);
    test = await startTestApp(location);
    client = new ConsoleClient(test.app);
    await client.signIn();
  });

  afterAll(async () => {
    await test.app.close();
    await location.dispose();
  });

  it('confirms an issued number with its case details, then never again', async () => {
    const { processingNumber } = await issueThroughConsole(
      client,
      smsForm({ reportType: '2', onsetDate: '2026-11-28' }),
    );

    const first = await verify(test.app, { processingNumber });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({
      result: 'valid',
      reportType: 2,
      testDate: '2026-11-30',
      onsetDate: '2026-11-28',
    });

    const second = await verify(test.app, { processingNumber });
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual({ result: 'invalid' });
  });

  it('omits the onset date when none was given', async () => {
    const { processingNumber } = await issueThroughConsole(client);
    expect((await verify(test.app, { processingNumber })).json()).toEqual({
      result: 'valid',
      reportType: 1,
      testDate: '2026-11-30',
    });
  });

  it('accepts a number at expiry minus one second and refuses it at expiry plus one', async () => {
    const issuedAt = test.clock.now;
    const early = await issueThroughConsole(client);
    const late = await issueThroughConsole(client);

    try {
      test.clock.now = issuedAt + DAY_MS - 1000;
      expect((await verify(test.app, { processingNumber: early.processingNumber })).json()).toEqual(
        expect.objectContaining({ result: 'valid' }),
      );
      test.clock.now = issuedAt + DAY_MS + 1000;
      expect((await verify(test.app, { processingNumber: late.processingNumber })).json()).toEqual({
        result: 'invalid',
      });
    } finally {
      test.clock.now = issuedAt;
    }
  });

  it('never accepts a revoked number', async () => {
    const { processingNumber, id } = await issueThroughConsole(client);
    const revoke = await client.post(`/console/numbers/${id}/revoke`, {});
    expect(revoke.statusCode).toBe(200);
    expect((await verify(test.app, { processingNumber })).json()).toEqual({ result: 'invalid' });
  });

  it('gives byte-identical answers for unknown, used, revoked and expired numbers', async () => {
    const used = await issueThroughConsole(client);
    await verify(test.app, { processingNumber: used.processingNumber });
    const revoked = await issueThroughConsole(client);
    await client.post(`/console/numbers/${revoked.id}/revoke`, {});
    const expired = await issueThroughConsole(client);

    const answers = [];
    for (const processingNumber of [used.processingNumber, revoked.processingNumber]) {
      answers.push(await verify(test.app, { processingNumber }));
    }
    test.clock.now += 2 * DAY_MS;
    answers.push(await verify(test.app, { processingNumber: expired.processingNumber }));
    test.clock.now -= 2 * DAY_MS;
    answers.push(await verify(test.app, { processingNumber: '00000000' }));

    for (const answer of answers) {
      expect(answer.statusCode).toBe(200);
      expect(answer.body).toBe('{"result":"invalid"}');
      expect(answer.headers['content-length']).toBe(answers[0]?.headers['content-length']);
    }
  });

  it('normalises full-width digits and separators typed on a phone', async () => {
    const { processingNumber } = await issueThroughConsole(client);
    const fullWidth = [...processingNumber]
      .map((digit) => String.fromCharCode(0xff10 + Number(digit)))
      .join('');
    const typed = `${fullWidth.slice(0, 4)}－${fullWidth.slice(4)} `;
    expect((await verify(test.app, { processingNumber: typed })).json().result).toBe('valid');
  });

  it.each([
    ['7 digits', '1234567'],
    ['9 digits', '123456789'],
    ['letters', '1234abcd'],
    ['an emoji', '1234567🙂'],
    ['a newline', '1234\n5678'],
    ['a number instead of a string', 12345678],
  ])('refuses %s with PROCESSING_NUMBER_INVALID', async (_name, processingNumber) => {
    const response = await verify(test.app, { processingNumber });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      code: 'PROCESSING_NUMBER_INVALID',
      message: expect.any(String),
    });
  });

  it.each([
    ['malformed JSON', '{"processingNumber":', {}, 400, 'MALFORMED_JSON'],
    ['a JSON array', '["12345678"]', {}, 400, 'VERIFICATION_REQUEST_INVALID'],
    ['text/plain', '12345678', { 'content-type': 'text/plain' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [
      'a url-encoded form',
      'processingNumber=12345678',
      { 'content-type': 'application/x-www-form-urlencoded' },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    ['XML', '<n/>', { 'content-type': 'application/xml' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [
      'an oversized body',
      JSON.stringify({ processingNumber: '12345678', padding: 'x'.repeat(4096) }),
      {},
      413,
      'BODY_TOO_LARGE',
    ],
    [
      'no client secret',
      '{}',
      { [VERIFICATION_SECRET_HEADER]: '' },
      401,
      'VERIFICATION_UNAUTHORIZED',
    ],
    [
      'a wrong client secret',
      '{}',
      { [VERIFICATION_SECRET_HEADER]: `${TEST_CLIENT_SECRET}x` },
      401,
      'VERIFICATION_UNAUTHORIZED',
    ],
  ])('answers %s with a clear error', async (_name, body, headers, status, code) => {
    const response = await verify(test.app, body, headers);
    expect(response.statusCode).toBe(status);
    expect(response.json().code).toBe(code);
  });

  it('counts failed verifications in the metrics', async () => {
    const failures = async () =>
      (await test.app.metrics.verificationFailures.get()).values[0]?.value ?? 0;
    const before = await failures();
    await verify(test.app, { processingNumber: '99999999' });
    expect(await failures()).toBe(before + 1);

    const metrics = await test.app.server.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/hc_verification_failures_total \d+/);
  });

  it('lets exactly one of many concurrent verifications on two servers succeed', async () => {
    const second = await startTestApp(location);
    try {
      for (let round = 0; round < 3; round += 1) {
        const { processingNumber } = await issueThroughConsole(client);
        second.clock.now = test.clock.now;
        const responses = await Promise.all(
          Array.from({ length: 10 }, (_, index) =>
            verify(index % 2 === 0 ? test.app : second.app, { processingNumber }),
          ),
        );
        const results = responses.map((response) => response.json().result);
        expect(results.filter((result) => result === 'valid')).toHaveLength(1);
        expect(results.filter((result) => result === 'invalid')).toHaveLength(9);
      }
    } finally {
      await second.app.close();
    }
  });
});

describe('verification rate limits', () => {
  let location: TestDatabaseLocation;
  let test: TestApp;

  beforeAll(async () => {
    location = await createTestDatabase('sqlite');
    test = await startTestApp(location, { VERIFY_RATE_PER_CLIENT: '3', VERIFY_RATE_GLOBAL: '100' });
  });

  afterAll(async () => {
    await test.app.close();
    await location.dispose();
  });

  it('refuses a client over its per-minute budget with 429 and counts it', async () => {
    const statuses = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      statuses.push((await verify(test.app, { processingNumber: '12345678' })).statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);

    const limited = await test.app.metrics.rateLimited.get();
    const client = limited.values.find((value) => value.labels.limit === 'verify-client');
    expect(client?.value).toBe(2);
  });
});

describe('failed-verification budget', () => {
  let location: TestDatabaseLocation;
  let test: TestApp;

  beforeAll(async () => {
    location = await createTestDatabase('sqlite');
    test = await startTestApp(location, { VERIFY_FAILURE_RATE: '3' });
  });

  afterAll(async () => {
    await test.app.close();
    await location.dispose();
  });

  it('pauses all verification once the wrong guesses of a minute are spent', async () => {
    const client = new ConsoleClient(test.app);
    await client.signIn();
    const { processingNumber } = await issueThroughConsole(client);

    for (const guess of ['00000001', '00000002', '00000003']) {
      expect((await verify(test.app, { processingNumber: guess })).json()).toEqual({
        result: 'invalid',
      });
    }
    const paused = await verify(test.app, { processingNumber });
    expect(paused.statusCode).toBe(429);
    expect(paused.json().code).toBe('RATE_LIMITED');
    expect(paused.headers['retry-after']).toBe('60');
  });
});
