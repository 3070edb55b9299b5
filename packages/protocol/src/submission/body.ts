/**
 * The JSON body a phone sends to `PUT /api/v3/diagnosis` (protocol.md §5), in COCOA's last
 * shape. Phones build it with these types; the notification server parses it with
 * `parseDiagnosisSubmission`.
 */

/** One daily key as it travels in a submission body. */
export interface SubmissionKeyBody {
  /** Standard base64 of exactly 16 bytes. */
  keyData: string;
  rollingStartNumber: number;
  /** 1..144; the current day's key may be shorter than 144. */
  rollingPeriod: number;
  /** Ignored by the server: the report type comes from the verification answer. */
  reportType?: number;
  /** Ignored by the server: it derives its own, never 0. */
  transmissionRisk?: number;
  /** Ignored by the server: it computes days since onset from the onset date. */
  daysSinceOnsetOfSymptoms?: number;
}

/** The whole submission body, field names exactly as COCOA sent them. */
export interface DiagnosisSubmissionBody {
  hasSymptom: boolean;
  /** RFC 3339 with the person's UTC offset, e.g. `2021-12-19T19:02:00.000+09:00`. */
  onsetOfSymptomOrTestDate: string;
  keys: SubmissionKeyBody[];
  /** Region codes, e.g. `["440"]` (Japan's mobile country code). */
  regions: string[];
  platform: string;
  appPackageName: string;
  deviceVerificationPayload?: string;
  /** The processing number the health center sent; forwarded only to verification. */
  verificationPayload: string;
  /** A fresh UUID per submission attempt; a retry reuses it. */
  idempotency_key: string;
  /** Random base64 so every body has about the same size. */
  padding?: string;
}

/** Largest body the server reads, in bytes. */
export const MAX_SUBMISSION_BODY_BYTES = 64 * 1024;

/** Most keys one submission may carry (an empty list is valid). */
export const MAX_KEYS_PER_SUBMISSION = 30;

/** Most keys that may share one start interval. */
export const MAX_KEYS_PER_START_INTERVAL = 3;

/** A still-valid key is published only this long after it stops being valid. */
export const EMBARGO_MS = 2 * 60 * 60 * 1000;

/** Onset dates further back than this many days are refused. */
export const MAX_ONSET_AGE_DAYS = 28;

/** Days since onset outside ±this are dropped (Android stops scoring a file with them). */
export const MAX_DAYS_SINCE_ONSET = 14;

/** Header that marks a decoy request: answered like a real one, nothing stored. */
export const CHAFF_HEADER = 'x-chaff';

/** Response body of a submission, success or failure; padding hides which. */
export interface SubmissionResponseBody {
  /** `OK` on success, otherwise a stable error code. */
  code: string;
  message: string;
  /** Keys stored by this request (0 for decoys and repeats). */
  insertedKeys?: number;
  padding: string;
}
