/**
 * Applies every clock-dependent rule of protocol.md §5 to a parsed submission: refuses the
 * request when the onset or the key overlap is wrong, drops single bad keys and keeps the
 * rest (all-or-nothing once broke registration for anyone with a 15-day-old key), and fills
 * in the fields the server decides itself.
 */
import type { ReportType } from '../model.ts';
import { KeyDropReason, type KeyDropReason as DropReason } from './errors.ts';
import { MAX_DAYS_SINCE_ONSET } from './body.ts';
import { embargoUntilMs, checkKeyOverlap, isKeyInFuture, isKeyTooOld } from './key-rules.ts';
import { checkOnsetDate, daysSinceOnset } from './onset.ts';
import type { ParsedSubmission, ParsedSubmissionKey } from './parse.ts';
import { deriveTransmissionRisk } from './transmission-risk.ts';

/** A key ready to store: every published field decided, plus its embargo. */
export interface AcceptedKey {
  keyData: Uint8Array;
  rollingStartIntervalNumber: number;
  rollingPeriod: number;
  reportType: ReportType;
  transmissionRiskLevel: number;
  daysSinceOnsetOfSymptoms: number;
  /** Not to be published before this instant (Unix ms). */
  embargoUntilMs: number;
}

/** A key left out of an otherwise accepted submission, by its index in the body. */
export interface DroppedKey {
  index: number;
  reason: DropReason;
}

/** Outcome of validating a submission that was not refused as a whole. */
export interface SubmissionValidation {
  accepted: AcceptedKey[];
  dropped: DroppedKey[];
}

/**
 * Validates `submission` at `nowMs` with the report type from the verification answer.
 * Throws `SubmissionError` for request-level faults; returns accepted and dropped keys.
 */
export function validateSubmission(
  submission: Pick<ParsedSubmission, 'onset' | 'keys'>,
  options: { nowMs: number; reportType: ReportType },
): SubmissionValidation {
  checkOnsetDate(submission.onset, options.nowMs);
  checkKeyOverlap(submission.keys);

  const accepted: AcceptedKey[] = [];
  const dropped: DroppedKey[] = [];
  submission.keys.forEach((key, index) => {
    const reason = dropReason(key, submission, options.nowMs);
    if (reason) {
      dropped.push({ index, reason });
      return;
    }
    const days = daysSinceOnset(key.rollingStartIntervalNumber, submission.onset);
    accepted.push({
      keyData: key.keyData,
      rollingStartIntervalNumber: key.rollingStartIntervalNumber,
      rollingPeriod: key.rollingPeriod,
      reportType: options.reportType,
      transmissionRiskLevel: deriveTransmissionRisk(options.reportType, days),
      daysSinceOnsetOfSymptoms: days,
      embargoUntilMs: embargoUntilMs(key),
    });
  });
  return { accepted, dropped };
}

function dropReason(
  key: ParsedSubmissionKey,
  submission: Pick<ParsedSubmission, 'onset'>,
  nowMs: number,
): DropReason | undefined {
  if (isKeyInFuture(key, nowMs)) return KeyDropReason.IN_FUTURE;
  const days = daysSinceOnset(key.rollingStartIntervalNumber, submission.onset);
  if (Math.abs(days) > MAX_DAYS_SINCE_ONSET) return KeyDropReason.ONSET_OUT_OF_RANGE;
  if (isKeyTooOld(key, nowMs)) return KeyDropReason.TOO_OLD;
  return undefined;
}
