/**
 * Processing numbers: the 8-digit one-time codes a health center sends to a positive case.
 * People type them on phones, often with full-width digits from a Japanese keyboard or with
 * separators copied from an SMS, so every side normalises the same way before comparing.
 */
import { ProtocolError } from './errors.ts';

/** Number of digits in a processing number. */
export const PROCESSING_NUMBER_LENGTH = 8;

/** Exactly eight ASCII digits, after normalisation. */
export const PROCESSING_NUMBER_PATTERN = /^[0-9]{8}$/;

/** Stable error code for any input that is not a processing number after normalisation. */
export const PROCESSING_NUMBER_INVALID = 'PROCESSING_NUMBER_INVALID';

// Longer input cannot become eight digits after removing separators in any sensible way;
// refusing it early keeps NFKC from running on megabytes of attacker-chosen text.
const MAX_INPUT_LENGTH = 64;

// After NFKC, full-width space (U+3000) and no-break space are U+0020 and full-width
// hyphen-minus is '-'. The dashes below survive NFKC, and Japanese keyboards offer them
// (the long vowel mark 'ー' is often typed where a hyphen was meant).
const SEPARATORS = /[ \-\u2010-\u2015\u2212\u30fc]/g;

/**
 * Turns what a person typed into the canonical 8 ASCII digits, or throws a `ProtocolError`
 * with code `PROCESSING_NUMBER_INVALID` whose message never echoes the input.
 */
export function normalizeProcessingNumber(input: unknown): string {
  if (typeof input !== 'string') {
    throw invalid('processingNumber must be a string');
  }
  if (input.length > MAX_INPUT_LENGTH) {
    throw invalid('processingNumber is far too long');
  }

  const digits = input.normalize('NFKC').replace(SEPARATORS, '');
  if (!PROCESSING_NUMBER_PATTERN.test(digits)) {
    throw invalid(`processingNumber must be exactly ${PROCESSING_NUMBER_LENGTH} digits`);
  }
  return digits;
}

/** True when the input normalises to a valid processing number. */
export function isProcessingNumber(input: unknown): boolean {
  try {
    normalizeProcessingNumber(input);
    return true;
  } catch {
    return false;
  }
}

function invalid(message: string): ProtocolError {
  return new ProtocolError(PROCESSING_NUMBER_INVALID, message);
}
