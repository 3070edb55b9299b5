import { describe, expect, it } from 'vitest';
import { createManualClock } from './clock.ts';
import { toBase64 } from './records.ts';
import { createSimulatedMedium } from './radio/simulated.ts';
import { createFakeBackend } from './testing/fake-backend.ts';
import { testPhone } from './testing/phones.ts';

// Nothing the engine hands back to the app (results, status, contact days) may carry a daily
// key, a processing number or anything that identifies the person.
describe('what the engine reveals to its caller', () => {
  it('never echoes key data or the processing number in results or status', async () => {
    const clock = createManualClock(Date.UTC(2026, 11, 1, 3, 2, 0));
    const backend = createFakeBackend(clock);
    const phone = testPhone(clock, createSimulatedMedium(), backend, { x: 0, y: 0 }, {}, 1);
    await phone.engine.start();
    await phone.engine.setRecording(true);
    await clock.advance(60 * 60_000);

    const outputs: unknown[] = [];
    for (const status of [406, 400, 200]) {
      backend.submissionStatuses.push(status);
      outputs.push(
        await phone.engine.register({
          consent: true,
          processingNumber: '24681357',
          hasSymptom: false,
          onsetOrTestDate: '2026-12-01T10:00:00+09:00',
        }),
      );
    }
    outputs.push(phone.engine.status(), await phone.engine.checkExposure());
    const text = JSON.stringify(outputs);

    const secrets = [
      '24681357',
      ...backend.submissions.flatMap((s) => s.keys.map((k) => k.keyData)),
      ...[...phone.storage.records.values()].map((v) => toBase64(v).slice(0, 16)),
    ];
    expect(secrets.length).toBeGreaterThan(2);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
