/**
 * Key data in submission bodies: standard base64 of exactly 16 bytes. Decoding is strict
 * (no whitespace, no URL alphabet) so one key has exactly one spelling and duplicates show.
 */
import { SubmissionError, SubmissionErrorCode } from './errors.ts';

/** Length in bytes of a daily key. */
export const KEY_DATA_BYTES = 16;

// 16 bytes are 22 significant base64 characters; the last one carries only 2 bits, so it
// must be one of the characters whose low 4 bits are zero for the spelling to be canonical.
const KEY_BASE64 = /^[A-Za-z0-9+/]{21}[AQgw]==$/;

/** Decodes a submission's `keyData`, or throws `SUBMISSION_KEY_DATA_INVALID` naming `path`. */
export function decodeKeyData(value: unknown, path: string): Uint8Array {
  if (typeof value !== 'string' || !KEY_BASE64.test(value)) {
    throw new SubmissionError(
      SubmissionErrorCode.KEY_DATA_INVALID,
      `${path} must be standard base64 of exactly ${KEY_DATA_BYTES} bytes`,
      path,
    );
  }
  const binary = atob(value);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Encodes key bytes the way a submission body carries them. */
export function encodeKeyData(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Lower-case hex of key bytes, for comparisons and sorting (never for logs). */
export function keyDataHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}
