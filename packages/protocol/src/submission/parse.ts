/**
 * Strict decoding of a submission body into typed values. Everything a phone can get wrong
 * in shape (types, base64, ranges, duplicates, counts) is refused here with a stable code;
 * rules that depend on the clock live in `validate.ts`.
 */
import { normalizeProcessingNumber } from '../processing-number.ts';
import { MAX_KEYS_PER_SUBMISSION } from './body.ts';
import { SubmissionError, SubmissionErrorCode as E } from './errors.ts';
import { parseOnsetDate, type OnsetDate } from './onset.ts';
import { decodeKeyData, keyDataHex } from './key-data.ts';

/** A daily key after decoding, before any clock-dependent rule. */
export interface ParsedSubmissionKey {
  keyData: Uint8Array;
  rollingStartIntervalNumber: number;
  rollingPeriod: number;
}

/** A submission body after decoding. */
export interface ParsedSubmission {
  hasSymptom: boolean;
  onset: OnsetDate;
  keys: ParsedSubmissionKey[];
  regions: string[];
  platform: string;
  appPackageName: string;
  /** Canonical 8 digits; a secret that only the verification call may see. */
  processingNumber: string;
  idempotencyKey: string;
}

const REGION_PATTERN = /^[0-9A-Za-z-]{1,16}$/;
const IDEMPOTENCY_PATTERN = /^[0-9A-Za-z_-]{8,128}$/;
const MAX_TEXT = 256;
const MAX_REGIONS = 8;
const MAX_INTERVAL = 0xffffffff;

/** Decodes a submission body (already JSON-parsed) or throws a `SubmissionError`. */
export function parseDiagnosisSubmission(body: unknown): ParsedSubmission {
  const o = record(body, '$');

  const hasSymptom = o.hasSymptom;
  if (typeof hasSymptom !== 'boolean') throw field('hasSymptom', 'must be a boolean');

  const onset = parseOnsetDate(o.onsetOfSymptomOrTestDate);
  const keys = parseKeys(o.keys);
  const regions = parseRegions(o.regions);
  const platform = text(o.platform, 'platform');
  const appPackageName = text(o.appPackageName, 'appPackageName');
  if (
    o.deviceVerificationPayload !== undefined &&
    typeof o.deviceVerificationPayload !== 'string'
  ) {
    throw field('deviceVerificationPayload', 'must be a string when present');
  }
  if (o.padding !== undefined && typeof o.padding !== 'string') {
    throw field('padding', 'must be a string when present');
  }

  let processingNumber: string;
  try {
    processingNumber = normalizeProcessingNumber(o.verificationPayload);
  } catch {
    throw new SubmissionError(
      E.PROCESSING_NUMBER_INVALID,
      'verificationPayload must be an 8-digit processing number',
      'verificationPayload',
    );
  }

  const idempotencyKey = o.idempotency_key;
  if (typeof idempotencyKey !== 'string' || !IDEMPOTENCY_PATTERN.test(idempotencyKey)) {
    throw new SubmissionError(
      E.IDEMPOTENCY_KEY_INVALID,
      'idempotency_key must be 8..128 characters of [0-9A-Za-z_-]',
      'idempotency_key',
    );
  }

  return {
    hasSymptom,
    onset,
    keys,
    regions,
    platform,
    appPackageName,
    processingNumber,
    idempotencyKey,
  };
}

function parseKeys(value: unknown): ParsedSubmissionKey[] {
  if (!Array.isArray(value)) throw field('keys', 'must be an array');
  if (value.length > MAX_KEYS_PER_SUBMISSION) {
    throw new SubmissionError(
      E.TOO_MANY_KEYS,
      `keys holds ${value.length} entries; at most ${MAX_KEYS_PER_SUBMISSION} are allowed`,
      'keys',
    );
  }

  const seen = new Set<string>();
  return value.map((item: unknown, i) => {
    const path = `keys[${i}]`;
    const k = record(item, path);
    const keyData = decodeKeyData(k.keyData, `${path}.keyData`);

    const start = k.rollingStartNumber;
    if (!Number.isSafeInteger(start) || (start as number) < 0 || (start as number) > MAX_INTERVAL) {
      throw new SubmissionError(
        E.ROLLING_START_INVALID,
        `${path}.rollingStartNumber must be an integer in 0..${MAX_INTERVAL}`,
        `${path}.rollingStartNumber`,
      );
    }
    const period = k.rollingPeriod;
    if (!Number.isInteger(period) || (period as number) < 1 || (period as number) > 144) {
      throw new SubmissionError(
        E.ROLLING_PERIOD_INVALID,
        `${path}.rollingPeriod must be an integer in 1..144`,
        `${path}.rollingPeriod`,
      );
    }
    for (const name of ['reportType', 'transmissionRisk', 'daysSinceOnsetOfSymptoms']) {
      if (k[name] !== undefined && k[name] !== null && !Number.isInteger(k[name])) {
        throw field(`${path}.${name}`, 'must be an integer when present');
      }
    }

    const hex = keyDataHex(keyData);
    if (seen.has(hex)) {
      throw new SubmissionError(E.DUPLICATE_KEY, `${path} repeats an earlier key`, path);
    }
    seen.add(hex);
    return {
      keyData,
      rollingStartIntervalNumber: start as number,
      rollingPeriod: period as number,
    };
  });
}

function parseRegions(value: unknown): string[] {
  if (!Array.isArray(value) || value.length > MAX_REGIONS) {
    throw field('regions', `must be an array of at most ${MAX_REGIONS} region codes`);
  }
  return value.map((r: unknown, i) => {
    if (typeof r !== 'string' || !REGION_PATTERN.test(r)) {
      throw new SubmissionError(
        E.REGION_INVALID,
        `regions[${i}] must be 1..16 letters, digits or '-'`,
        `regions[${i}]`,
      );
    }
    return r;
  });
}

function record(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw field(path, 'must be a JSON object');
  }
  return value as Record<string, unknown>;
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length > MAX_TEXT) {
    throw field(path, `must be a string of at most ${MAX_TEXT} characters`);
  }
  return value;
}

function field(path: string, expectation: string): SubmissionError {
  return new SubmissionError(E.FIELD_INVALID, `${path} ${expectation}`, path);
}
