import type { Infectiousness, ReportType } from '../model.ts';

/** One reading a phone recorded while scanning: an RPI and AEM heard at some signal strength. */
export interface Sighting {
  rollingProximityId: Uint8Array;
  associatedEncryptedMetadata: Uint8Array;
  /** When the reading was taken, Unix milliseconds. */
  timestampMs: number;
  /** Received signal strength in dBm, as measured (before the receiver's correction). */
  rssi: number;
  /** Readings taken in the same scan share this id; without it scans are told apart by time. */
  scanId?: number;
}

/** The readings of one diagnosis key in one scan (a few seconds, about every 5 minutes). */
export interface ScanInstance {
  /** Rounded mean attenuation of the readings, dB. */
  typicalAttenuationDb: number;
  /** Lowest attenuation of the readings, dB. */
  minAttenuationDb: number;
  /** Seconds since the phone's previous scan: 120 when unknown, at most 300. */
  secondsSinceLastScan: number;
}

/** Consecutive scan instances of one diagnosis key, spanning at most 30 minutes. */
export interface ExposureWindow {
  /** UTC midnight of the day the window began, Unix milliseconds. */
  dateMs: number;
  reportType: ReportType;
  infectiousness: Infectiousness;
  /** Calibration confidence the sender advertised in its metadata (0 for v1.0 senders). */
  calibrationConfidence: number;
  scanInstances: ScanInstance[];
}
