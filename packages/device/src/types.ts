/**
 * Public types of the device engine: what the app and the simulator configure it with and what
 * it reports back. The engine is what the Exposure Notification framework does inside a phone.
 */
import type { CryptoBackend } from '@cocoa/protocol';
import type { Clock } from './clock.ts';
import type { KeyTableSource } from './exposure-check.ts';
import type { Radio } from './radio/radio.ts';
import type { DeviceStorage, KeyVault } from './storage/storage.ts';
import type { SignatureVerifier } from './verify/verifier.ts';

/** The phone model's BLE calibration, from the calibration table (`CalibrationTable.lookup`). */
export interface DeviceCalibration {
  /** Calibrated TX power in dBm that the metadata advertises (the table's tx_power_correction). */
  txPowerDbm: number;
  /** Added to every RSSI this phone measures before attenuation is computed. */
  rssiCorrection: number;
  /** 0..3, carried in the metadata and in exposure windows. */
  calibrationConfidence: number;
}

/** Where the notification server and its CDN live; relative export URLs resolve against them. */
export interface DeviceServerConfig {
  /** `PUT` target for positive registrations and decoys (COCOA: `/api/v3/diagnosis`). */
  submissionUrl: string;
  /** COCOA-style `list.json` index of export files for the region. */
  listUrl: string;
  /** Base for relative `url` fields of the index; defaults to `listUrl`. */
  exportBaseUrl?: string;
  /** COCOA exposure configuration (`configuration.json` shape), fetched at every check. */
  exposureConfigurationUrl: string;
  /** COCOA risk-calculation thresholds; the production values are used when absent. */
  riskCalculationConfigurationUrl?: string;
}

/** A public key the export files may be signed with. */
export interface VerificationKey {
  /** SubjectPublicKeyInfo PEM of an ECDSA P-256 key. */
  pem: string;
  /** Must equal the file's `verification_key_id` when given. */
  keyId?: string;
  /** Must equal the file's `verification_key_version` when given. */
  version?: string;
}

/** Payload of the local notification the engine asks the app to show. */
export interface ContactNotification {
  /** The contact days that are new since the last notification, newest first. */
  newContactDays: ContactDay[];
}

/** Everything `createDevice` needs; every side effect is injected so Node tests and the
 * simulator can run many engines on one test clock. */
export interface DeviceOptions {
  clock?: Clock;
  /** Where encrypted records live. */
  storage: DeviceStorage;
  /** Holds the AES-GCM key for `storage`, kept apart from the data. */
  vault: KeyVault;
  radio: Radio;
  /** Synchronous EN primitives: `nobleCryptoBackend` in browsers, `nodeCryptoBackend` in Node. */
  cryptoBackend: CryptoBackend;
  calibration: DeviceCalibration;
  server: DeviceServerConfig;
  verificationKeys: VerificationKey[];
  /** Region code of the published keys and submissions, e.g. `"440"`. */
  region: string;
  /** Defaults to `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Signature check of export files; defaults to WebCrypto ECDSA P-256. */
  verifier?: SignatureVerifier;
  /** Shows a local notification; called only for new contact days with notifications on. */
  notify?: (notification: ContactNotification) => void;
  /** Random source in [0, 1) for scan jitter, decoy timing and backoff; defaults to Math.random. */
  random?: () => number;
  /** Sent as `platform` and `appPackageName` in submissions. */
  platform?: string;
  appPackageName?: string;
  /** Mean time between decoy submissions; 0 turns decoys off. Default 2 days. */
  decoyMeanIntervalMs?: number;
  /** Time between automatic exposure checks. Default 4 hours. */
  checkIntervalMs?: number;
  /**
   * How long scans may wait in memory to be sealed together with later ones. Default 0: every
   * scan is sealed at once, so nothing is lost if the app is killed. A simulation of many
   * phones sets an hour, which saves most of the sealing work.
   */
  sightingBatchMs?: number;
  /**
   * Keep decrypted sightings in memory between checks (default true), so a check decrypts
   * nothing. A host of many thousands of engines turns it off to hold only sealed records.
   */
  keepSightingsOpen?: boolean;
  /**
   * Gives each verified export file's key table (see `KeyTable`), so a host of many engines
   * derives every published key's RPIs once instead of once per engine. Results are the same;
   * without it the engine derives the RPIs it needs itself, as a phone does.
   */
  keyTables?: KeyTableSource;
}

/** Why the engine cannot vouch for the person's contact status right now. */
export type CannotCheckReason =
  'network' | 'server-error' | 'signature' | 'clock' | 'configuration' | 'storage';

/** What the home screen shows. */
export type DeviceState = 'working' | 'stopped' | 'cannot-check';

/** A snapshot of the engine for the home screen; never claims "working" without grounds. */
export interface DeviceStatus {
  state: DeviceState;
  /** Set when `state` is `cannot-check`. */
  reason?: CannotCheckReason;
  recording: boolean;
  notifications: boolean;
  /** Last successful exposure check (ms), or null before the first one. */
  lastCheckMs: number | null;
  /** Last attempted check (ms), successful or not. */
  lastAttemptMs: number | null;
  /** Phone clock minus the server's `Date` header, in ms, from the last check. */
  clockSkewMs: number | null;
  /** True when the clock differs from the server's by more than 2 hours. */
  clockSkewWarning: boolean;
  /** First day the engine ran (ms), for "days of use". */
  firstUseMs: number | null;
  /** Set when some local records could not be read; `repairStorage` removes just those. */
  storageProblem: StorageProblem | null;
}

/** Local records that failed to decrypt or decode. */
export interface StorageProblem {
  code: 'STORAGE_CORRUPTED';
  /** How many records are unreadable. */
  unreadableRecords: number;
}

/** One UTC day on which a contact with a positive person was confirmed. */
export interface ContactDay {
  /** UTC midnight in ms, the day the exposure windows carry. */
  dateMs: number;
  /** `YYYY-MM-DD` of the UTC day. */
  utcDate: string;
  /** Distinct published keys (people, at most) that contributed that day. */
  count: number;
  /** Highest score sum seen for the day. */
  scoreSum: number;
  /** Highest Σ secondsSinceLastScan seen for the day. */
  totalSeconds: number;
  /** When the day was first recorded as a contact day (ms). */
  firstSeenMs: number;
}

/** What a positive person enters on the registration screen. */
export interface RegistrationInput {
  /** Explicit consent to share the daily keys; nothing is sent without it. */
  consent: boolean;
  /** As typed; normalised the same way as the health-center system does. */
  processingNumber: string;
  hasSymptom: boolean;
  /** Onset date (or test date without symptoms) in RFC 3339 with the local offset. */
  onsetOrTestDate: string;
}

/** How a registration ended. */
export type RegistrationResult =
  | { outcome: 'success'; keysSent: number }
  | { outcome: 'consent-missing' }
  /** Not 8 digits locally, or refused by the server with 406. */
  | { outcome: 'number-invalid' }
  /** The server answered 400; `code` is its stable error code when it sent one. */
  | { outcome: 'data-problem'; code?: string }
  /** Network failure or 5xx/429 after every retry. */
  | { outcome: 'unreachable'; attempts: number; lastStatus?: number };

/** Progress report while a registration is retried after 503/429 or a network error. */
export interface RegistrationProgress {
  state: 'sending' | 'retrying';
  attempt: number;
  /** Wait before the next attempt, when retrying. */
  delayMs?: number;
}

/** Summary of one exposure check. */
export interface ExposureCheckResult {
  /** False when the check could not be completed; see `reason`. */
  ok: boolean;
  reason?: CannotCheckReason;
  /** Export files downloaded, verified and matched. */
  filesProcessed: number;
  /** Contact days that appeared for the first time in this check. */
  newContactDays: ContactDay[];
}

/** The engine a phone (app or simulated) runs. */
export interface DeviceEngine {
  /** Loads state, starts advertising/scanning when recording is on, runs a check, schedules more. */
  start(): Promise<void>;
  /** Stops every timer and the radio; stored data stays. */
  stop(): Promise<void>;
  /** Turns recording on or off; off means nothing is advertised or stored. */
  setRecording(on: boolean): Promise<void>;
  /** Turns contact notifications on or off. */
  setNotifications(on: boolean): Promise<void>;
  /** Current status snapshot. */
  status(): DeviceStatus;
  /** Downloads new export files and scores them now. */
  checkExposure(): Promise<ExposureCheckResult>;
  /** Contact days of the past 14 days, newest first. */
  contactDays(): Promise<ContactDay[]>;
  /** Submits the past 14 days of daily keys as a positive registration. */
  register(
    input: RegistrationInput,
    onProgress?: (progress: RegistrationProgress) => void,
  ): Promise<RegistrationResult>;
  /** Sends one decoy submission (header `X-Chaff`) shaped like a real one. */
  sendDecoy(): Promise<void>;
  /** Erases every key, sighting, contact day and setting, and the storage key, irrecoverably. */
  deleteAllData(): Promise<void>;
  /** Removes only the records that cannot be read, keeping everything else. */
  repairStorage(): Promise<void>;
  /** Calls `listener` after every status change; returns the unsubscribe function. */
  onChange(listener: (status: DeviceStatus) => void): () => void;
}
