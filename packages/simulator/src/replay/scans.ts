/**
 * Turns a receiving phone's sightings of the sick phone into scan instances and exposure
 * windows, as the phone's EN framework would after matching the sick phone's published key.
 * The logs hold the sick phone's RPIs in plaintext, so matching is a lookup by RPI here.
 */
import type { DumpsysLog } from './dumpsys.ts';
import type { PhoneSetup } from './setup-file.ts';

/** One scan in which the receiver heard the sick phone. */
export interface ReplayScan {
  timestampMs: number;
  /** Attenuation of every reading, dB (TX power − (RSSI + receiver correction), floored at 0). */
  attenuations: number[];
  typicalAttenuationDb: number;
  minAttenuationDb: number;
  secondsSinceLastScan: number;
}

/** A window of consecutive scans, at most 30 minutes long (protocol.md §7). */
export interface ReplayWindow {
  dateMs: number;
  reportType: 1;
  infectiousness: 2;
  calibrationConfidence: number;
  scanInstances: ReplayScan[];
}

const WINDOW_MS = 30 * 60_000;
// Readings within this gap of a scan's first one belong to the same scan (scans last ~4 s).
const SAME_SCAN_MS = 15_000;
const DEFAULT_SECONDS_SINCE_LAST_SCAN = 120;
const MAX_SECONDS_SINCE_LAST_SCAN = 300;
const DAY_MS = 86_400_000;

/** Where the sick phone's TX power came from, for the report. */
export type TxPowerSource = 'metadata' | 'log-flag' | 'setup' | 'placeholder-metadata';

/** The sick phone's TX power for one of its RPIs, and where it came from. */
export function txPowerFor(
  rpi: string,
  sick: DumpsysLog,
  sickSetup: PhoneSetup | undefined,
): { txPower: number; source: TxPowerSource } | undefined {
  const ad = sick.advertisements.find((a) => a.rollingProximityId === rpi);
  if (!ad) return undefined;
  if (ad.metadataIsReal) return { txPower: ad.txPower, source: 'metadata' };

  // Reconstructed (iPhone) records carry placeholder metadata; the setup documents the
  // calibration flag and the `tx` field as the truth for such phones, in that order.
  if (sick.flags.txCalibrationPower !== undefined) {
    return { txPower: sick.flags.txCalibrationPower, source: 'log-flag' };
  }
  if (sickSetup?.txPower !== undefined) return { txPower: sickSetup.txPower, source: 'setup' };
  return { txPower: ad.txPower, source: 'placeholder-metadata' };
}

/** Starts of every scan the receiver made (any RPI heard), sorted, merged within a scan. */
export function receiverScanStarts(receiver: DumpsysLog, timeOffsetMs: number): number[] {
  const times = receiver.sightings
    .flatMap((s) => s.scans.map((scan) => scan.timestampMs + timeOffsetMs))
    .sort((a, b) => a - b);
  const starts: number[] = [];
  for (const t of times) {
    const last = starts[starts.length - 1];
    if (last === undefined || t - last > SAME_SCAN_MS) starts.push(t);
  }
  return starts;
}

/** The receiver's scans of the sick phone, with attenuation and seconds since the last scan. */
export function scansOfSickPhone(
  receiver: DumpsysLog,
  receiverSetup: PhoneSetup | undefined,
  sick: DumpsysLog,
  sickSetup: PhoneSetup | undefined,
): ReplayScan[] {
  const offsetMs = (receiverSetup?.timeOffsetSeconds ?? 0) * 1000;
  const correction = receiver.flags.rssiOffset ?? 0;
  const starts = receiverScanStarts(receiver, offsetMs);

  // Gather the readings of every sick RPI by the receiver scan they fell in.
  const byScan = new Map<number, number[]>();
  for (const sighting of receiver.sightings) {
    const tx = txPowerFor(sighting.rollingProximityId, sick, sickSetup);
    if (!tx) continue;
    for (const scan of sighting.scans) {
      const start = scanStartOf(starts, scan.timestampMs + offsetMs);
      const list = byScan.get(start) ?? [];
      for (const rssi of scan.rssi) list.push(Math.max(0, tx.txPower - (rssi + correction)));
      byScan.set(start, list);
    }
  }

  return [...byScan.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([start, attenuations]) => {
      const index = starts.indexOf(start);
      const previous = index > 0 ? starts[index - 1] : undefined;
      const gap =
        previous === undefined
          ? DEFAULT_SECONDS_SINCE_LAST_SCAN
          : Math.min(MAX_SECONDS_SINCE_LAST_SCAN, Math.round((start - previous) / 1000));
      const mean = attenuations.reduce((s, a) => s + a, 0) / attenuations.length;
      return {
        timestampMs: start,
        attenuations,
        typicalAttenuationDb: Math.round(mean),
        minAttenuationDb: Math.min(...attenuations),
        secondsSinceLastScan: gap,
      };
    });
}

/** The latest scan start at or before `t`. */
function scanStartOf(starts: number[], t: number): number {
  let found = starts[0] ?? t;
  for (const s of starts) {
    if (s <= t) found = s;
    else break;
  }
  return found;
}

/** Groups scans into windows of at most 30 minutes, each dated by its UTC day. */
export function windowsOf(scans: ReplayScan[], calibrationConfidence: number): ReplayWindow[] {
  const windows: ReplayWindow[] = [];
  let startMs = -Infinity;
  for (const scan of scans) {
    const current = windows[windows.length - 1];
    if (!current || scan.timestampMs - startMs >= WINDOW_MS) {
      startMs = scan.timestampMs;
      windows.push({
        dateMs: Math.floor(scan.timestampMs / DAY_MS) * DAY_MS,
        reportType: 1,
        infectiousness: 2,
        calibrationConfidence,
        scanInstances: [scan],
      });
    } else {
      current.scanInstances.push(scan);
    }
  }
  return windows;
}
