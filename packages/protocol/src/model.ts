/**
 * Core value types of the Exposure Notification protocol, shared by every package.
 * Byte strings are Uint8Array; interval numbers are ENIntervalNumber (10-minute units).
 */

/** How a positive case was confirmed; numbers are the export file's `report_type` enum. */
export const ReportType = {
  UNKNOWN: 0,
  CONFIRMED_TEST: 1,
  CONFIRMED_CLINICAL_DIAGNOSIS: 2,
  SELF_REPORT: 3,
  RECURSIVE: 4,
  REVOKED: 5,
} as const;
export type ReportType = (typeof ReportType)[keyof typeof ReportType];

/** A daily key (TEK) with the fields an export file or a submission carries. */
export interface TemporaryExposureKey {
  /** 16 random bytes. */
  keyData: Uint8Array;
  rollingStartIntervalNumber: number;
  /** 1..144 intervals; 144 is a whole UTC day. */
  rollingPeriod: number;
  /** Deprecated v1 field, 0..8; never 0 in anything we publish. */
  transmissionRiskLevel?: number;
  reportType?: ReportType;
  /** -14..+14 when known. */
  daysSinceOnsetOfSymptoms?: number;
}

/** Infectiousness a DiagnosisKeysDataMapping assigns to a key. */
export const Infectiousness = { NONE: 0, STANDARD: 1, HIGH: 2 } as const;
export type Infectiousness = (typeof Infectiousness)[keyof typeof Infectiousness];
