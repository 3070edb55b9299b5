/**
 * Builders for submission bodies used by tests on both sides of the contract.
 */
import type { DiagnosisSubmissionBody, SubmissionKeyBody } from './body.ts';
import { encodeKeyData } from './key-data.ts';

/** A key body whose 16 bytes are all `fill` (distinct fills give distinct keys). */
export function keyBody(fill: number, start: number, period = 144): SubmissionKeyBody {
  return {
    keyData: encodeKeyData(new Uint8Array(16).fill(fill)),
    rollingStartNumber: start,
    rollingPeriod: period,
    reportType: 1,
    transmissionRisk: 0,
    daysSinceOnsetOfSymptoms: 0,
  };
}

/** A complete, valid submission body with the given keys and onset. */
export function submissionBody(
  keys: SubmissionKeyBody[],
  overrides: Partial<DiagnosisSubmissionBody> = {},
): DiagnosisSubmissionBody {
  return {
    hasSymptom: true,
    onsetOfSymptomOrTestDate: '2020-06-01T10:00:00.000+09:00',
    keys,
    regions: ['440'],
    platform: 'android',
    appPackageName: 'jp.go.mhlw.covid19radar',
    deviceVerificationPayload: 'unused',
    verificationPayload: '12345678',
    idempotency_key: '3f1c2d4e-5b6a-4789-8abc-def012345678',
    padding: 'cGFkZGluZw==',
    ...overrides,
  };
}
