/**
 * Test helper: submission bodies and requests against an in-process server.
 */
import {
  encodeKeyData,
  type DiagnosisSubmissionBody,
  type SubmissionKeyBody,
} from '@cocoa/protocol';
import type { NotificationServer } from '../app.ts';

let counter = 0;

/** A key body whose 16 bytes are derived from `seed` (distinct seeds, distinct keys). */
export function keyBody(seed: number, start: number, period = 144): SubmissionKeyBody {
  const bytes = new Uint8Array(16);
  new DataView(bytes.buffer).setUint32(0, seed);
  bytes[15] = 0xa5;
  return {
    keyData: encodeKeyData(bytes),
    rollingStartNumber: start,
    rollingPeriod: period,
    reportType: 1,
    transmissionRisk: 0,
    daysSinceOnsetOfSymptoms: 0,
  };
}

/** A valid body with a fresh idempotency key. */
export function submissionBody(
  keys: SubmissionKeyBody[],
  overrides: Partial<DiagnosisSubmissionBody> = {},
): DiagnosisSubmissionBody {
  counter += 1;
  return {
    hasSymptom: true,
    onsetOfSymptomOrTestDate: '2020-06-01T10:00:00.000+09:00',
    keys,
    regions: ['440'],
    platform: 'android',
    appPackageName: 'jp.go.mhlw.covid19radar',
    verificationPayload: '12345678',
    idempotency_key: `idem-${process.pid}-${counter}-${Math.random().toString(36).slice(2)}`,
    padding: 'cGFkZGluZw==',
    ...overrides,
  };
}

/** Sends a submission in-process; returns status, parsed body and raw length. */
export async function submit(
  server: NotificationServer,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const response = await server.app.inject({
    method: 'PUT',
    url: '/api/v3/diagnosis',
    headers: { 'content-type': 'application/json', ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.statusCode,
    body: response.json<{ code: string; message: string; padding: string }>(),
    length: response.rawPayload.length,
    headers: response.headers,
  };
}

/** Every stored key row of a server, real and fake. */
export async function storedKeys(server: NotificationServer) {
  return server.db.db.selectFrom('exposure_keys').selectAll().orderBy('key_data').execute();
}
