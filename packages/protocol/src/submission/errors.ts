/**
 * Stable error codes of the submission contract. The server sends them to phones in
 * `{ code, message }`; phones may branch on them. Messages never echo key data or the
 * processing number.
 */
import { ProtocolError } from '../errors.ts';

/** Every code a submission can be refused with, and the HTTP status the server answers. */
export const SubmissionErrorCode = {
  BODY_NOT_JSON: 'SUBMISSION_BODY_NOT_JSON',
  BODY_TOO_LARGE: 'SUBMISSION_BODY_TOO_LARGE',
  FIELD_INVALID: 'SUBMISSION_FIELD_INVALID',
  KEY_DATA_INVALID: 'SUBMISSION_KEY_DATA_INVALID',
  ROLLING_START_INVALID: 'SUBMISSION_ROLLING_START_INVALID',
  ROLLING_PERIOD_INVALID: 'SUBMISSION_ROLLING_PERIOD_INVALID',
  TOO_MANY_KEYS: 'SUBMISSION_TOO_MANY_KEYS',
  DUPLICATE_KEY: 'SUBMISSION_DUPLICATE_KEY',
  KEYS_OVERLAP: 'SUBMISSION_KEYS_OVERLAP',
  REGION_INVALID: 'SUBMISSION_REGION_INVALID',
  ONSET_INVALID: 'SUBMISSION_ONSET_INVALID',
  ONSET_IN_FUTURE: 'SUBMISSION_ONSET_IN_FUTURE',
  ONSET_TOO_OLD: 'SUBMISSION_ONSET_TOO_OLD',
  PROCESSING_NUMBER_INVALID: 'SUBMISSION_PROCESSING_NUMBER_INVALID',
  IDEMPOTENCY_KEY_INVALID: 'SUBMISSION_IDEMPOTENCY_KEY_INVALID',
} as const;
export type SubmissionErrorCode = (typeof SubmissionErrorCode)[keyof typeof SubmissionErrorCode];

/** A submission refused as a whole; `field` names the offending JSON path when there is one. */
export class SubmissionError extends ProtocolError {
  readonly field: string | undefined;

  constructor(code: SubmissionErrorCode, message: string, field?: string) {
    super(code, message);
    this.name = 'SubmissionError';
    this.field = field;
  }
}

/** Why a single key was dropped while the rest of the submission was kept. */
export const KeyDropReason = {
  TOO_OLD: 'KEY_TOO_OLD',
  IN_FUTURE: 'KEY_IN_FUTURE',
  ONSET_OUT_OF_RANGE: 'KEY_DAYS_SINCE_ONSET_OUT_OF_RANGE',
} as const;
export type KeyDropReason = (typeof KeyDropReason)[keyof typeof KeyDropReason];
