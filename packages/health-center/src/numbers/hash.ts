/**
 * Keyed hashing of processing numbers. Only HMACs are stored: with 10^8 possible numbers a
 * plain hash would be reversed in seconds, while an HMAC is useless without the server secret.
 */
import { createHmac, randomInt } from 'node:crypto';
import type { NumberHashKey } from '../config.ts';

/** HMAC-SHA256 of the canonical digits under one key, hex. */
export function hashProcessingNumber(key: NumberHashKey, digits: string): string {
  return createHmac('sha256', key.secret).update(digits, 'utf8').digest('hex');
}

/**
 * The hash of the digits under every configured key; a number issued before a key rotation
 * still matches through the key it was stored with.
 */
export function candidateHashes(keys: readonly NumberHashKey[], digits: string): string[] {
  return keys.map((key) => hashProcessingNumber(key, digits));
}

/** Eight uniformly random digits from the operating system's CSPRNG (leading zeros kept). */
export function generateProcessingNumber(): string {
  return randomInt(0, 100_000_000).toString().padStart(8, '0');
}
