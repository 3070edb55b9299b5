/**
 * Positive registration and decoys (protocol.md §5, §8). A real submission and a decoy are
 * built by the same code to the same size, so an observer of the network cannot tell them
 * apart; only the `X-Chaff` header (inside TLS) tells the server to store nothing.
 */
import {
  CHAFF_HEADER,
  normalizeProcessingNumber,
  type DiagnosisSubmissionBody,
  type TemporaryExposureKey,
} from '@cocoa/protocol';
import type { Clock } from './clock.ts';
import { toBase64 } from './records.ts';
import type { RegistrationInput, RegistrationProgress, RegistrationResult } from './types.ts';

/** Every body is padded to this many characters (real and decoy alike). */
export const SUBMISSION_TARGET_CHARS = 4096;

/** Attempts before a registration reports "unreachable". */
export const MAX_SUBMISSION_ATTEMPTS = 4;

/** First retry delay; each further retry doubles it (with jitter). */
export const FIRST_RETRY_DELAY_MS = 2000;

const MIN_PADDING_CHARS = 1024;
const RETRYABLE = new Set([429, 500, 502, 503, 504]);
const RFC3339_WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** What submitting needs from the engine. */
export interface SubmissionContext {
  fetch: typeof fetch;
  clock: Clock;
  random: () => number;
  randomBytes: (n: number) => Uint8Array;
  submissionUrl: string;
  region: string;
  platform: string;
  appPackageName: string;
}

/** Builds a padded body; `keys` are real for a registration and random for a decoy. */
export function buildSubmissionBody(
  ctx: SubmissionContext,
  fields: { processingNumber: string; hasSymptom: boolean; onset: string },
  keys: readonly TemporaryExposureKey[],
): DiagnosisSubmissionBody {
  const body: DiagnosisSubmissionBody = {
    hasSymptom: fields.hasSymptom,
    onsetOfSymptomOrTestDate: fields.onset,
    keys: keys.map((k) => ({
      keyData: toBase64(k.keyData),
      rollingStartNumber: k.rollingStartIntervalNumber,
      rollingPeriod: k.rollingPeriod,
    })),
    regions: [ctx.region],
    platform: ctx.platform,
    appPackageName: ctx.appPackageName,
    verificationPayload: fields.processingNumber,
    idempotency_key: globalThis.crypto.randomUUID(),
    padding: '',
  };
  const bare = JSON.stringify(body).length;
  const chars = Math.max(MIN_PADDING_CHARS, SUBMISSION_TARGET_CHARS - bare);
  // base64 of n bytes is 4·ceil(n/3) characters; trimmed to the exact length wanted.
  body.padding = toBase64(ctx.randomBytes(Math.ceil((chars * 3) / 4))).slice(0, chars);
  return body;
}

/** Validates the person's input and sends the keys, retrying on overload. */
export async function submitRegistration(
  ctx: SubmissionContext,
  input: RegistrationInput,
  keys: () => Promise<TemporaryExposureKey[]>,
  onProgress?: (progress: RegistrationProgress) => void,
): Promise<RegistrationResult> {
  if (input.consent !== true) return { outcome: 'consent-missing' };

  let processingNumber: string;
  try {
    processingNumber = normalizeProcessingNumber(input.processingNumber);
  } catch {
    return { outcome: 'number-invalid' };
  }
  if (
    typeof input.onsetOrTestDate !== 'string' ||
    !RFC3339_WITH_OFFSET.test(input.onsetOrTestDate) ||
    Number.isNaN(Date.parse(input.onsetOrTestDate))
  ) {
    return { outcome: 'data-problem', code: 'ONSET_DATE_INVALID' };
  }

  const body = buildSubmissionBody(
    ctx,
    { processingNumber, hasSymptom: input.hasSymptom === true, onset: input.onsetOrTestDate },
    await keys(),
  );
  return sendWithRetries(ctx, body, false, onProgress, body.keys.length);
}

/** Sends a decoy: random keys and number, same size and endpoint, `X-Chaff` set. */
export async function sendDecoySubmission(ctx: SubmissionContext, keyCount: number): Promise<void> {
  const keys: TemporaryExposureKey[] = [];
  const start = Math.floor(ctx.clock.now() / 600_000 / 144) * 144;
  for (let i = 0; i < keyCount; i++) {
    keys.push({
      keyData: ctx.randomBytes(16),
      rollingStartIntervalNumber: start - 144 * (keyCount - 1 - i),
      rollingPeriod: 144,
    });
  }
  const number = String(Math.floor(ctx.random() * 1e8)).padStart(8, '0');
  const onset = new Date(ctx.clock.now()).toISOString();
  const body = buildSubmissionBody(
    ctx,
    { processingNumber: number, hasSymptom: ctx.random() < 0.5, onset },
    keys,
  );
  await sendWithRetries(ctx, body, true, undefined, keys.length);
}

async function sendWithRetries(
  ctx: SubmissionContext,
  body: DiagnosisSubmissionBody,
  chaff: boolean,
  onProgress: ((progress: RegistrationProgress) => void) | undefined,
  keysSent: number,
): Promise<RegistrationResult> {
  const text = JSON.stringify(body);
  let lastStatus: number | undefined;
  for (let attempt = 1; attempt <= MAX_SUBMISSION_ATTEMPTS; attempt++) {
    onProgress?.({ state: 'sending', attempt });
    const response = await put(ctx, text, chaff);
    lastStatus = response?.status;

    if (response && (response.status === 200 || response.status === 204)) {
      return { outcome: 'success', keysSent };
    }
    if (response?.status === 406) return { outcome: 'number-invalid' };
    if (response && !RETRYABLE.has(response.status)) {
      return { outcome: 'data-problem', code: response.code ?? `HTTP_${response.status}` };
    }
    if (attempt === MAX_SUBMISSION_ATTEMPTS) break;

    // Exponential backoff with jitter, so phones that failed together do not retry together.
    const delayMs = FIRST_RETRY_DELAY_MS * 2 ** (attempt - 1) * (0.5 + ctx.random());
    onProgress?.({ state: 'retrying', attempt, delayMs });
    await new Promise<void>((resolve) => {
      ctx.clock.setTimeout(resolve, delayMs);
    });
  }
  return lastStatus === undefined
    ? { outcome: 'unreachable', attempts: MAX_SUBMISSION_ATTEMPTS }
    : { outcome: 'unreachable', attempts: MAX_SUBMISSION_ATTEMPTS, lastStatus };
}

async function put(
  ctx: SubmissionContext,
  text: string,
  chaff: boolean,
): Promise<{ status: number; code?: string } | null> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (chaff) headers[CHAFF_HEADER] = '1';
  try {
    const response = await ctx.fetch(ctx.submissionUrl, { method: 'PUT', headers, body: text });
    let code: string | undefined;
    try {
      const parsed = (await response.json()) as { code?: unknown };
      if (typeof parsed.code === 'string') code = parsed.code;
    } catch {
      // Bodies are optional (204) and may not be JSON; the status decides.
    }
    return code === undefined ? { status: response.status } : { status: response.status, code };
  } catch {
    return null;
  }
}
