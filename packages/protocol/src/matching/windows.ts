import { utcDayStartMs } from '../time.ts';
import type { Infectiousness, ReportType } from '../model.ts';
import type { SightingIndex } from './sighting-index.ts';
import type { ExposureWindow, ScanInstance } from './types.ts';

/** An exposure window spans at most this long (protocol.md §7). */
export const MAX_WINDOW_MS = 30 * 60_000;

/** One matched reading of a key, after its metadata was decrypted and accepted. */
export interface MatchedReading {
  scan: number;
  attenuationDb: number;
  calibrationConfidence: number;
}

/** What every window of one key carries. */
export interface WindowLabels {
  reportType: ReportType;
  infectiousness: Infectiousness;
}

/**
 * Turns one key's matched readings into exposure windows: readings of one scan form a scan
 * instance; instances in consecutive scans of the phone form a window of at most 30 minutes.
 * "Consecutive" is over the scans the phone recorded anything in, which is all it knows of.
 */
export function buildExposureWindows(
  readings: MatchedReading[],
  index: SightingIndex,
  labels: WindowLabels,
): ExposureWindow[] {
  const byScan = new Map<number, MatchedReading[]>();
  for (const r of readings) {
    const list = byScan.get(r.scan);
    if (list) list.push(r);
    else byScan.set(r.scan, [r]);
  }
  const scans = [...byScan.keys()].sort((a, b) => a - b);

  const windows: ExposureWindow[] = [];
  let current: ExposureWindow | undefined;
  let firstScan = -1;
  let lastScan = -1;
  for (const scan of scans) {
    const group = byScan.get(scan)!;
    const startMs = index.scanStartMs[scan]!;
    const joins =
      current !== undefined &&
      scan === lastScan + 1 &&
      startMs - index.scanStartMs[firstScan]! < MAX_WINDOW_MS;
    if (!joins) {
      current = {
        dateMs: utcDayStartMs(startMs),
        reportType: labels.reportType,
        infectiousness: labels.infectiousness,
        calibrationConfidence: group[0]!.calibrationConfidence,
        scanInstances: [],
      };
      windows.push(current);
      firstScan = scan;
    }
    current!.scanInstances.push(scanInstance(group, index.scanSeconds[scan]!));
    lastScan = scan;
  }
  return windows;
}

function scanInstance(readings: MatchedReading[], secondsSinceLastScan: number): ScanInstance {
  let sum = 0;
  let min = Infinity;
  for (const r of readings) {
    sum += r.attenuationDb;
    min = Math.min(min, r.attenuationDb);
  }
  return {
    typicalAttenuationDb: Math.round(sum / readings.length),
    minAttenuationDb: min,
    secondsSinceLastScan,
  };
}
