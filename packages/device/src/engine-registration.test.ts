import { describe, expect, it } from 'vitest';
import { createManualClock } from './clock.ts';
import { SUBMISSION_TARGET_CHARS } from './registration.ts';
import { createSimulatedMedium } from './radio/simulated.ts';
import { createFakeBackend } from './testing/fake-backend.ts';
import { testPhone } from './testing/phones.ts';
import type { RegistrationProgress } from './types.ts';

const START = Date.UTC(2026, 11, 1, 3, 2, 0);
const INPUT = {
  consent: true,
  processingNumber: '8765-4321',
  hasSymptom: true,
  onsetOrTestDate: '2026-11-29T00:00:00+09:00',
};

async function recordingPhone(overrides = {}) {
  const clock = createManualClock(START);
  const backend = createFakeBackend(clock);
  const phone = testPhone(
    clock,
    createSimulatedMedium(),
    backend,
    { x: 0, y: 0 },
    {},
    1,
    overrides,
  );
  await phone.engine.start();
  await phone.engine.setRecording(true);
  await clock.advance(3 * 24 * 60 * 60_000);
  return { clock, backend, phone };
}

/** Advances the clock in small steps until `work` settles (its timers start asynchronously). */
async function drive<T>(clock: ReturnType<typeof createManualClock>, work: Promise<T>): Promise<T> {
  let done = false;
  void work.finally(() => {
    done = true;
  });
  while (!done) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    await clock.advance(1_000);
  }
  return work;
}

const puts = (backend: ReturnType<typeof createFakeBackend>) =>
  backend.requests.filter((r) => r.method === 'PUT');

describe('positive registration', () => {
  it('sends the keys of the past days with padding, an idempotency key and no identifiers', async () => {
    const { backend, phone } = await recordingPhone();
    expect(await phone.engine.register(INPUT)).toEqual({ outcome: 'success', keysSent: 4 });

    const body = backend.submissions[0]!;
    expect(Object.keys(body).sort()).toEqual(
      [
        'appPackageName',
        'hasSymptom',
        'idempotency_key',
        'keys',
        'onsetOfSymptomOrTestDate',
        'padding',
        'platform',
        'regions',
        'verificationPayload',
      ].sort(),
    );
    expect(body).toMatchObject({
      hasSymptom: true,
      onsetOfSymptomOrTestDate: INPUT.onsetOrTestDate,
      regions: ['440'],
      verificationPayload: '87654321',
    });
    expect(body.idempotency_key).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.padding!.length).toBeGreaterThanOrEqual(1024);
    expect(puts(backend)[0]!.body!.length).toBe(SUBMISSION_TARGET_CHARS);
  });

  it.each([
    ['consent missing', { ...INPUT, consent: false }, { outcome: 'consent-missing' }],
    [
      'a number that is not 8 digits',
      { ...INPUT, processingNumber: '1234' },
      { outcome: 'number-invalid' },
    ],
    [
      'an onset date without offset',
      { ...INPUT, onsetOrTestDate: '2026-11-29' },
      { outcome: 'data-problem', code: 'ONSET_DATE_INVALID' },
    ],
  ])('refuses %s without sending anything', async (_name, input, expected) => {
    const { backend, phone } = await recordingPhone();
    expect(await phone.engine.register(input)).toEqual(expected);
    expect(puts(backend)).toEqual([]);
  });

  it.each([
    [406, { outcome: 'number-invalid' }],
    [400, { outcome: 'data-problem', code: 'E400' }],
  ])('maps %i from the server', async (status, expected) => {
    const { backend, phone } = await recordingPhone();
    backend.submissionStatuses.push(status);
    expect(await phone.engine.register(INPUT)).toEqual(expected);
    expect(puts(backend)).toHaveLength(1);
  });

  it('retries 503 and 429 with growing delays and the same idempotency key', async () => {
    const { backend, phone, clock } = await recordingPhone();
    backend.submissionStatuses.push(503, 429);
    const progress: RegistrationProgress[] = [];
    const result = await drive(
      clock,
      phone.engine.register(INPUT, (p) => progress.push(p)),
    );

    expect(result).toMatchObject({ outcome: 'success' });
    const sent = puts(backend);
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((r) => JSON.parse(r.body!).idempotency_key)).size).toBe(1);
    const delays = progress.filter((p) => p.state === 'retrying').map((p) => p.delayMs!);
    expect(delays).toHaveLength(2);
    expect(delays[1]!).toBeGreaterThan(delays[0]! * 0.6);
  });

  it('reports unreachable after the last retry, and when offline', async () => {
    const { backend, phone, clock } = await recordingPhone();
    backend.submissionStatuses.push(503, 503, 503, 503);
    expect(await drive(clock, phone.engine.register(INPUT))).toEqual({
      outcome: 'unreachable',
      attempts: 4,
      lastStatus: 503,
    });

    backend.offline = true;
    expect(await drive(clock, phone.engine.register(INPUT))).toEqual({
      outcome: 'unreachable',
      attempts: 4,
    });
  });
});

describe('decoys', () => {
  it('look like a real submission on the wire but carry X-Chaff', async () => {
    const { backend, phone } = await recordingPhone();
    await phone.engine.sendDecoy();
    await phone.engine.register(INPUT);
    const [decoy, real] = puts(backend);
    expect(decoy!.headers['x-chaff']).toBe('1');
    expect(real!.headers['x-chaff']).toBeUndefined();
    expect(decoy!.body!.length).toBe(real!.body!.length);
    expect(decoy!.url).toBe(real!.url);
    expect(backend.submissions).toHaveLength(1);
  });

  it('go out at random times on their own', async () => {
    const { backend, clock } = await recordingPhone({ decoyMeanIntervalMs: 60 * 60_000 });
    const before = puts(backend).length;
    await clock.advance(24 * 60 * 60_000);
    const decoys = puts(backend).slice(before);
    expect(decoys.length).toBeGreaterThan(5);
    expect(decoys.every((r) => r.headers['x-chaff'] === '1')).toBe(true);
    expect(backend.submissions).toEqual([]);
  });
});
