/**
 * The submission flow: decode, check every rule that can refuse the request, verify the
 * processing number with the health-center system, then store the keys. Refusals happen
 * before verification because a verified number is consumed and cannot be tried again.
 */
import { createHash } from 'node:crypto';
import {
  parseDiagnosisSubmission,
  ReportType,
  SubmissionError,
  SubmissionErrorCode,
  validateSubmission,
} from '@cocoa/protocol';
import type { NotificationDb } from '../db/connect.ts';
import { hasSubmission, storeSubmission } from '../db/keys-store.ts';
import { ServerErrorCode } from '../errors.ts';
import { VerificationUnavailableError, type Verifier } from '../verification/client.ts';

const HOUR_MS = 3_600_000;

/** What the route needs to process a submission. */
export interface SubmissionDeps {
  db: NotificationDb;
  verifier: Verifier;
  regions: readonly string[];
  now: () => number;
}

/** Result of one submission, before it becomes an HTTP answer. */
export interface SubmissionResult {
  /** `OK` or a stable error code. */
  code: string;
  message: string;
  /** Metric label: accepted, repeat, invalid, not_accepted, unavailable. */
  outcome: string;
  /** Keys stored per region. */
  stored: number;
}

/** Runs the whole flow for a JSON-parsed body; never throws for bad input. */
export async function submitDiagnosis(
  deps: SubmissionDeps,
  body: unknown,
): Promise<SubmissionResult> {
  try {
    return await submit(deps, body);
  } catch (e) {
    if (e instanceof SubmissionError) {
      return { code: e.code, message: e.message, outcome: 'invalid', stored: 0 };
    }
    if (e instanceof VerificationUnavailableError) {
      return {
        code: ServerErrorCode.VERIFICATION_UNAVAILABLE,
        message: 'the processing number cannot be checked right now; try again later',
        outcome: 'unavailable',
        stored: 0,
      };
    }
    throw e;
  }
}

async function submit(deps: SubmissionDeps, body: unknown): Promise<SubmissionResult> {
  const submission = parseDiagnosisSubmission(body);
  const regions = submission.regions.length > 0 ? submission.regions : [deps.regions[0] ?? '440'];
  const unknown = regions.find((r) => !deps.regions.includes(r));
  if (unknown !== undefined) {
    throw new SubmissionError(
      SubmissionErrorCode.REGION_INVALID,
      'regions names a region this server does not serve',
      'regions',
    );
  }

  // Only a hash is kept: enough to recognise a retry, useless for anything else.
  const idempotencyHash = createHash('sha256').update(submission.idempotencyKey).digest('hex');
  if (await hasSubmission(deps.db, idempotencyHash)) return repeat();

  const nowMs = deps.now();
  validateSubmission(submission, { nowMs, reportType: ReportType.CONFIRMED_TEST });

  const answer = await deps.verifier.verify(submission.processingNumber);
  if (answer.result !== 'valid') {
    return {
      code: ServerErrorCode.PROCESSING_NUMBER_NOT_ACCEPTED,
      message: 'the processing number is not valid, expired or already used',
      outcome: 'not_accepted',
      stored: 0,
    };
  }

  // The health center knows how the case was confirmed; the phone's report type is ignored.
  const { accepted } = validateSubmission(submission, { nowMs, reportType: answer.reportType });
  const stored = await storeSubmission(deps.db, {
    idempotencyHash,
    createdHourMs: Math.floor(nowMs / HOUR_MS) * HOUR_MS,
    regions,
    keys: accepted,
  });
  if (stored === null) return repeat();
  return { code: 'OK', message: 'keys accepted', outcome: 'accepted', stored };
}

function repeat(): SubmissionResult {
  return { code: 'OK', message: 'keys accepted', outcome: 'repeat', stored: 0 };
}
