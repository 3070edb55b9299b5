/**
 * The service-to-service contract between the notification server (client) and the
 * health-center system (server): "was this processing number issued to a confirmed case?".
 *
 * Request: `POST /api/v1/verify`, `Content-Type: application/json`, the client's secret in the
 * `x-verification-secret` header, body `{ "processingNumber": "12345678" }`.
 * Answer (HTTP 200 either way, so the status reveals nothing):
 *   `{ "result": "valid", "reportType": 1, "testDate": "2026-11-30", "onsetDate": "2026-11-28" }`
 *   `{ "result": "invalid" }` — one uniform answer for unknown, expired, used or revoked numbers.
 * A valid answer consumes the number: asking again answers `invalid`.
 * Errors: 400 `PROCESSING_NUMBER_INVALID` / `VERIFICATION_REQUEST_INVALID`, 401
 * `VERIFICATION_UNAUTHORIZED`, 413, 415, 429 `RATE_LIMITED`, each with body `{ code, message }`.
 */
import { ProtocolError } from './errors.ts';
import { ReportType } from './model.ts';
import { normalizeProcessingNumber } from './processing-number.ts';

/** Path of the verification endpoint on the health-center system. */
export const VERIFICATION_PATH = '/api/v1/verify';

/** Header (lower case) that carries the calling service's shared secret. */
export const VERIFICATION_SECRET_HEADER = 'x-verification-secret';

/** Error code for a request body that is not `{ processingNumber: string }`. */
export const VERIFICATION_REQUEST_INVALID = 'VERIFICATION_REQUEST_INVALID';

/** Error code for an answer that does not follow this contract. */
export const VERIFICATION_RESPONSE_INVALID = 'VERIFICATION_RESPONSE_INVALID';

/** Error code the server returns when the secret header is missing or wrong. */
export const VERIFICATION_UNAUTHORIZED = 'VERIFICATION_UNAUTHORIZED';

/** Report types a health center can confirm; self reports never reach this API. */
export type VerifiedReportType =
  typeof ReportType.CONFIRMED_TEST | typeof ReportType.CONFIRMED_CLINICAL_DIAGNOSIS;

/** Body the notification server sends. */
export interface VerificationRequest {
  /** Canonical 8 ASCII digits (the parser normalises what the phone sent). */
  processingNumber: string;
}

/** Answer for a number that was live and has now been consumed. */
export interface VerificationValid {
  result: 'valid';
  /** How the case was confirmed; becomes the report type of the published keys. */
  reportType: VerifiedReportType;
  /** Calendar date of the test, `YYYY-MM-DD`, in the health center's local calendar. */
  testDate: string;
  /** Calendar date symptoms began, `YYYY-MM-DD`, when the health center knows it. */
  onsetDate?: string;
}

/** The single answer for every number that cannot be used, whatever the reason. */
export interface VerificationInvalid {
  result: 'invalid';
}

/** Everything the verification endpoint answers with HTTP 200. */
export type VerificationResponse = VerificationValid | VerificationInvalid;

/** Body of every non-200 answer. */
export interface VerificationErrorBody {
  code: string;
  message: string;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Checks a decoded JSON request body and returns it with the number normalised; throws
 * `ProtocolError` (`VERIFICATION_REQUEST_INVALID` or `PROCESSING_NUMBER_INVALID`).
 */
export function parseVerificationRequest(json: unknown): VerificationRequest {
  if (!isRecord(json) || !('processingNumber' in json)) {
    throw new ProtocolError(
      VERIFICATION_REQUEST_INVALID,
      'body must be a JSON object with a processingNumber string',
    );
  }
  return { processingNumber: normalizeProcessingNumber(json.processingNumber) };
}

/**
 * Checks a decoded JSON answer of the verification endpoint; throws `ProtocolError`
 * `VERIFICATION_RESPONSE_INVALID` naming the field that is wrong.
 */
export function parseVerificationResponse(json: unknown): VerificationResponse {
  if (!isRecord(json)) {
    throw responseError('answer must be a JSON object');
  }
  if (json.result === 'invalid') {
    return { result: 'invalid' };
  }
  if (json.result !== 'valid') {
    throw responseError('result must be "valid" or "invalid"');
  }

  const { reportType, testDate, onsetDate } = json;
  if (
    reportType !== ReportType.CONFIRMED_TEST &&
    reportType !== ReportType.CONFIRMED_CLINICAL_DIAGNOSIS
  ) {
    throw responseError('reportType must be 1 (confirmed test) or 2 (clinical diagnosis)');
  }
  if (!isCalendarDate(testDate)) {
    throw responseError('testDate must be a YYYY-MM-DD calendar date');
  }
  if (onsetDate !== undefined && onsetDate !== null && !isCalendarDate(onsetDate)) {
    throw responseError('onsetDate must be a YYYY-MM-DD calendar date when present');
  }

  const valid: VerificationValid = { result: 'valid', reportType, testDate };
  if (typeof onsetDate === 'string') valid.onsetDate = onsetDate;
  return valid;
}

/** Checks the `{ code, message }` body of a non-200 answer; null when it has another shape. */
export function parseVerificationError(json: unknown): VerificationErrorBody | null {
  if (!isRecord(json) || typeof json.code !== 'string' || typeof json.message !== 'string') {
    return null;
  }
  return { code: json.code, message: json.message };
}

/** True for a `YYYY-MM-DD` string naming a day that exists in the Gregorian calendar. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;

  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function responseError(message: string): ProtocolError {
  return new ProtocolError(VERIFICATION_RESPONSE_INVALID, message);
}
