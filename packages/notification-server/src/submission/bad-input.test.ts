import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../testing/databases.ts';
import { keyBody, storedKeys, submissionBody, submit } from '../testing/bodies.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';

const NOW = Date.UTC(2020, 5, 4, 15);

describe.each(ENGINES)('bad submissions on %s', (engine) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(engine, NOW);
    t.verification.issue('12345678');
  });
  afterAll(() => t.close());

  const good = () => submissionBody([keyBody(1, 2651904)]);
  const withKey = (patch: Record<string, unknown>) =>
    submissionBody([{ ...keyBody(1, 2651904), ...patch } as never]);

  it.each([
    ['non-JSON', 'this is not json', 400, 'SUBMISSION_BODY_NOT_JSON'],
    ['a JSON number', '42', 400, 'SUBMISSION_FIELD_INVALID'],
    ['wrong types', { ...good(), hasSymptom: 'yes' }, 400, 'SUBMISSION_FIELD_INVALID'],
    [
      'base64 that is not 16 bytes',
      withKey({ keyData: 'AAAA' }),
      400,
      'SUBMISSION_KEY_DATA_INVALID',
    ],
    [
      'a huge number',
      withKey({ rollingStartNumber: 1e308 }),
      400,
      'SUBMISSION_ROLLING_START_INVALID',
    ],
    [
      'a negative period',
      withKey({ rollingPeriod: -144 }),
      400,
      'SUBMISSION_ROLLING_PERIOD_INVALID',
    ],
    [
      'duplicate keys',
      submissionBody([keyBody(1, 2651760), keyBody(1, 2651904)]),
      400,
      'SUBMISSION_DUPLICATE_KEY',
    ],
    ['an unknown region', { ...good(), regions: ['999'] }, 400, 'SUBMISSION_REGION_INVALID'],
    [
      'a body over 64 KB',
      { ...good(), padding: 'A'.repeat(70_000) },
      413,
      'SUBMISSION_BODY_TOO_LARGE',
    ],
  ])('%s gets %i %s and stores nothing', async (_name, body, status, code) => {
    const res = await submit(t.server, body);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect(await storedKeys(t.server)).toHaveLength(0);
  });

  it('never answers 5xx to random bodies', async () => {
    const key = fc.record({
      keyData: fc.oneof(fc.string(), fc.base64String(), fc.constant('AAAAAAAAAAAAAAAAAAAAAA==')),
      rollingStartNumber: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(2651904)),
      rollingPeriod: fc.oneof(fc.integer({ min: -200, max: 300 }), fc.constant(null)),
    });
    const body = fc.oneof(
      fc.anything(),
      fc.record(
        {
          hasSymptom: fc.oneof(fc.boolean(), fc.anything()),
          onsetOfSymptomOrTestDate: fc.oneof(
            fc.string(),
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          ),
          keys: fc.oneof(fc.array(key, { maxLength: 35 }), fc.anything()),
          regions: fc.oneof(fc.constant(['440']), fc.array(fc.string())),
          platform: fc.string(),
          appPackageName: fc.string(),
          verificationPayload: fc.oneof(fc.stringMatching(/^[0-9]{8}$/), fc.string()),
          idempotency_key: fc.oneof(fc.uuid(), fc.string()),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await submit(t.server, b === undefined ? '' : (JSON.stringify(b) ?? ''));
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });
});
