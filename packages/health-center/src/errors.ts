/**
 * The health-center system's error registry: every failure a client can see has a stable
 * `code`, an HTTP status and a message that never contains a number, address or secret.
 */

/** Every code the service answers with, and its HTTP status. */
export const ERROR_STATUS = {
  PROCESSING_NUMBER_INVALID: 400,
  VERIFICATION_REQUEST_INVALID: 400,
  MALFORMED_JSON: 400,
  BAD_REQUEST: 400,
  PHONE_NUMBER_INVALID: 400,
  EMAIL_ADDRESS_INVALID: 400,
  DATE_INVALID: 400,
  REPORT_TYPE_INVALID: 400,
  CHANNEL_INVALID: 400,
  VERIFICATION_UNAUTHORIZED: 401,
  SIGN_IN_FAILED: 401,
  SIGN_IN_REQUIRED: 401,
  CSRF_INVALID: 403,
  NOT_FOUND: 404,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  NUMBER_SPACE_EXHAUSTED: 503,
  INTERNAL: 500,
} as const;

/** A stable error code of this service. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/** An error a request handler raises on purpose; the error handler turns it into a response. */
export class HealthCenterError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'HealthCenterError';
    this.code = code;
    this.statusCode = ERROR_STATUS[code];
  }
}
