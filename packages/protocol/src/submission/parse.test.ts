import { describe, expect, it } from 'vitest';
import { SubmissionError } from './errors.ts';
import { parseDiagnosisSubmission } from './parse.ts';
import { keyBody, submissionBody } from './test-fixtures.ts';

function codeOf(body: unknown): string {
  try {
    parseDiagnosisSubmission(body);
  } catch (e) {
    expect(e).toBeInstanceOf(SubmissionError);
    return (e as SubmissionError).code;
  }
  return 'OK';
}

const good = submissionBody([keyBody(1, 2650176)]);
const withKey = (k: Record<string, unknown>) =>
  submissionBody([{ ...keyBody(1, 2650176), ...k } as never]);

describe('parseDiagnosisSubmission', () => {
  it('decodes a valid body', () => {
    const parsed = parseDiagnosisSubmission(good);
    expect(parsed.keys).toHaveLength(1);
    expect(parsed.keys[0]?.keyData).toEqual(new Uint8Array(16).fill(1));
    expect(parsed.keys[0]?.rollingStartIntervalNumber).toBe(2650176);
    expect(parsed.processingNumber).toBe('12345678');
    expect(parsed.regions).toEqual(['440']);
  });

  it('accepts an empty key list', () => {
    expect(parseDiagnosisSubmission(submissionBody([])).keys).toEqual([]);
  });

  it('normalises full-width digits in the processing number', () => {
    const parsed = parseDiagnosisSubmission({ ...good, verificationPayload: '１２３４５６７８' });
    expect(parsed.processingNumber).toBe('12345678');
  });

  it.each([
    ['a string body', 'hello', 'SUBMISSION_FIELD_INVALID'],
    ['null', null, 'SUBMISSION_FIELD_INVALID'],
    ['an array', [good], 'SUBMISSION_FIELD_INVALID'],
    ['hasSymptom as string', { ...good, hasSymptom: 'yes' }, 'SUBMISSION_FIELD_INVALID'],
    ['keys not an array', { ...good, keys: {} }, 'SUBMISSION_FIELD_INVALID'],
    [
      'key data of 15 bytes',
      withKey({ keyData: 'AAAAAAAAAAAAAAAAAAAA' }),
      'SUBMISSION_KEY_DATA_INVALID',
    ],
    [
      'key data of 17 bytes',
      withKey({ keyData: 'AAAAAAAAAAAAAAAAAAAAAAA=' }),
      'SUBMISSION_KEY_DATA_INVALID',
    ],
    [
      'key data not base64',
      withKey({ keyData: '!!!!!!!!!!!!!!!!!!!!!!==' }),
      'SUBMISSION_KEY_DATA_INVALID',
    ],
    ['key data as number', withKey({ keyData: 42 }), 'SUBMISSION_KEY_DATA_INVALID'],
    ['negative period', withKey({ rollingPeriod: -1 }), 'SUBMISSION_ROLLING_PERIOD_INVALID'],
    ['zero period', withKey({ rollingPeriod: 0 }), 'SUBMISSION_ROLLING_PERIOD_INVALID'],
    ['period 145', withKey({ rollingPeriod: 145 }), 'SUBMISSION_ROLLING_PERIOD_INVALID'],
    ['fractional period', withKey({ rollingPeriod: 1.5 }), 'SUBMISSION_ROLLING_PERIOD_INVALID'],
    ['huge start', withKey({ rollingStartNumber: 1e300 }), 'SUBMISSION_ROLLING_START_INVALID'],
    ['negative start', withKey({ rollingStartNumber: -5 }), 'SUBMISSION_ROLLING_START_INVALID'],
    [
      'start as string',
      withKey({ rollingStartNumber: '2650176' }),
      'SUBMISSION_ROLLING_START_INVALID',
    ],
    ['report type as string', withKey({ reportType: 'x' }), 'SUBMISSION_FIELD_INVALID'],
    [
      'duplicate keys',
      submissionBody([keyBody(1, 2650176), keyBody(1, 2650320)]),
      'SUBMISSION_DUPLICATE_KEY',
    ],
    [
      '31 keys',
      submissionBody(Array.from({ length: 31 }, (_, i) => keyBody(i + 1, 2650176 + 144 * i))),
      'SUBMISSION_TOO_MANY_KEYS',
    ],
    ['region with a slash', { ...good, regions: ['44/0'] }, 'SUBMISSION_REGION_INVALID'],
    ['regions not an array', { ...good, regions: '440' }, 'SUBMISSION_FIELD_INVALID'],
    [
      'onset without offset',
      { ...good, onsetOfSymptomOrTestDate: '2020-06-01T00:00:00' },
      'SUBMISSION_ONSET_INVALID',
    ],
    [
      'onset on 30 February',
      { ...good, onsetOfSymptomOrTestDate: '2020-02-30T00:00Z' },
      'SUBMISSION_ONSET_INVALID',
    ],
    [
      'processing number of 7 digits',
      { ...good, verificationPayload: '1234567' },
      'SUBMISSION_PROCESSING_NUMBER_INVALID',
    ],
    [
      'processing number missing',
      { ...good, verificationPayload: undefined },
      'SUBMISSION_PROCESSING_NUMBER_INVALID',
    ],
    [
      'idempotency key too short',
      { ...good, idempotency_key: 'abc' },
      'SUBMISSION_IDEMPOTENCY_KEY_INVALID',
    ],
    ['padding as number', { ...good, padding: 5 }, 'SUBMISSION_FIELD_INVALID'],
  ])('refuses %s', (_name, body, code) => {
    expect(codeOf(body)).toBe(code);
  });

  it('never echoes the processing number in an error message', () => {
    try {
      parseDiagnosisSubmission({ ...good, verificationPayload: '9876543' });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).not.toContain('9876543');
    }
  });
});
