/**
 * The server's error registry: every answer that is not a success carries one of these
 * stable codes in `{ code, message }`, with the HTTP status the COCOA app understood.
 */
import { SubmissionErrorCode } from '@cocoa/protocol';

/** Codes the server adds to the submission contract's own. */
export const ServerErrorCode = {
  PROCESSING_NUMBER_NOT_ACCEPTED: 'PROCESSING_NUMBER_NOT_ACCEPTED',
  VERIFICATION_UNAVAILABLE: 'VERIFICATION_UNAVAILABLE',
  MAINTENANCE: 'MAINTENANCE',
  RATE_LIMITED: 'RATE_LIMITED',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  NOT_FOUND: 'NOT_FOUND',
  INTERNAL: 'INTERNAL',
} as const;

const STATUS: Record<string, number> = {
  [SubmissionErrorCode.BODY_TOO_LARGE]: 413,
  [SubmissionErrorCode.PROCESSING_NUMBER_INVALID]: 406,
  [ServerErrorCode.PROCESSING_NUMBER_NOT_ACCEPTED]: 406,
  [ServerErrorCode.VERIFICATION_UNAVAILABLE]: 503,
  [ServerErrorCode.MAINTENANCE]: 503,
  [ServerErrorCode.RATE_LIMITED]: 429,
  [ServerErrorCode.UNSUPPORTED_MEDIA_TYPE]: 415,
  [ServerErrorCode.NOT_FOUND]: 404,
  [ServerErrorCode.INTERNAL]: 500,
};

/** HTTP status for a code; every submission-contract code not listed above is a 400. */
export function statusOf(code: string): number {
  return STATUS[code] ?? 400;
}

/** Seconds a phone should wait before retrying after a 503. */
export const RETRY_AFTER_SECONDS = 600;
