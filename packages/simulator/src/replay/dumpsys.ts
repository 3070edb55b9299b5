/**
 * Parser for the reduced Android `dumpsys` Exposure Notification logs: calibration flags, the
 * phone's own advertisements (RPI, interval, plaintext metadata) and its sightings (RPI, one
 * line per scan with the raw RSSI readings). Any line it does not understand is an error that
 * names the file and line, because a silently skipped scan would change every verdict.
 */
import { ReplayError } from './errors.ts';
import {
  CALIBRATION_CONFIDENCE_LIMIT,
  isWithin,
  limitRule,
  RSSI_LIMIT,
  RSSI_OFFSET_LIMIT,
  TX_POWER_LIMIT,
  type RadioLimit,
} from './radio-limits.ts';
import { parseLogTimestamp } from './timestamp.ts';

/** Calibration flags a log may carry. */
export interface DumpsysFlags {
  /** The receiver's RSSI correction (dB), added to every reading. */
  rssiOffset?: number;
  /** The TX power (dBm) this phone writes into its own metadata. */
  txCalibrationPower?: number;
  calibrationConfidence?: number;
}

/** One of the phone's own advertisements. */
export interface AdvertisementRecord {
  /** Upper-case hex of the 16-byte rollingProximityId. */
  rollingProximityId: string;
  enIntervalNumber: number;
  /** TX power (dBm) from the metadata line. */
  txPower: number;
  /** False when the log marks the metadata `fake` (reconstructed, e.g. for iPhones). */
  metadataIsReal: boolean;
}

/** One scan in which a sighted RPI was heard: its time, length and raw RSSI readings. */
export interface ScanRecord {
  timestampMs: number;
  /** Scan length in seconds; undefined when the log writes `(?s)`. */
  durationSeconds: number | undefined;
  rssi: number[];
}

/** Every scan in which one RPI was heard. */
export interface SightingRecord {
  rollingProximityId: string;
  scans: ScanRecord[];
}

/** A whole parsed log. */
export interface DumpsysLog {
  flags: DumpsysFlags;
  advertisements: AdvertisementRecord[];
  sightings: SightingRecord[];
}

const FLAG = /^(\w+)\s*=\s*(-?\d+)$/;
const ADVERTISEMENT =
  /^(\S+)\s+RPI=(\S+)\s+TEK=\S+\s+intervalNum=(\d+)\s+\([^)]*\)\s+metadata=(\S+)\s+\(ver=-?\d+,\s*txPower=(-?\d+)\)\s+encryptedMeta=\S+$/;
const SIGHTING = /^RPI=([0-9A-Fa-f]{32})\s+encryptedMetadata=[0-9A-Fa-f]{8}$/;
const SCAN = /^(\S+)\s+\((\d+|\?)s\)\s+rssi=\[([^\]]*)\]$/;
const HEX32 = /^[0-9A-Fa-f]{32}$/;

type Section = 'preamble' | 'flags' | 'advertisements' | 'sightings';

// A NUL byte or a character that was not valid UTF-8: the file is binary, not a log.
// eslint-disable-next-line no-control-regex
const NOT_TEXT = /[\u0000\ufffd]/;

/**
 * Parses one dumpsys log; `file` is only used to name the file in errors. Even a reduced log
 * (an iPhone's, without sightings) has its `Advertisement records:` heading, so a file with no
 * heading at all is refused rather than read as a phone that heard nothing.
 */
export function parseDumpsys(text: string, file: string): DumpsysLog {
  const log: DumpsysLog = { flags: {}, advertisements: [], sightings: [] };
  let section: Section = 'preamble';
  let current: SightingRecord | undefined;
  let headings = 0;

  if (text.trim() === '') {
    throw new ReplayError('REPLAY_NOT_A_PHONE_LOG', file, undefined, 'the file is empty');
  }
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    const lineNo = i + 1;
    if (NOT_TEXT.test(line)) {
      throw new ReplayError(
        'REPLAY_NOT_A_PHONE_LOG',
        file,
        lineNo,
        'binary data, not the text of a dumpsys log',
      );
    }
    if (line === '') continue;

    const header = sectionHeader(line);
    if (header) {
      section = header;
      headings++;
      continue;
    }

    // Flags sometimes appear without their `Flags:` heading, before the advertisements.
    if ((section === 'preamble' || section === 'flags') && FLAG.test(line)) {
      readFlag(log.flags, line, file, lineNo);
      continue;
    }
    if (section === 'preamble') continue; // free-text notes at the top of the file
    if (section === 'flags') throw malformed(file, lineNo, 'expected `name = number` flag');

    if (section === 'advertisements') {
      const ad = readAdvertisement(line, file, lineNo);
      if (ad) log.advertisements.push(ad);
      continue;
    }

    const sighting = SIGHTING.exec(line);
    if (sighting) {
      current = { rollingProximityId: (sighting[1] ?? '').toUpperCase(), scans: [] };
      log.sightings.push(current);
      continue;
    }
    if (!current) throw malformed(file, lineNo, 'scan line before any `RPI=` sighting line');
    current.scans.push(readScan(line, file, lineNo));
  }

  if (headings === 0) {
    throw new ReplayError(
      'REPLAY_NOT_A_PHONE_LOG',
      file,
      undefined,
      'no `Advertisement records:` or `Sighting records:` heading: not an Exposure Notification ' +
        'dumpsys log',
    );
  }
  return log;
}

/** The section a heading line opens, if it is one. */
function sectionHeader(line: string): Section | undefined {
  if (line === 'Flags:') return 'flags';
  if (line === 'Advertisement records:') return 'advertisements';
  if (line === 'Sighting records:') return 'sightings';
  return undefined;
}

/** The known flags: their field in `DumpsysFlags` and the values a phone can give them. */
const KNOWN_FLAGS = new Map<string, { field: keyof DumpsysFlags; limit: RadioLimit }>([
  ['rssi_offset', { field: 'rssiOffset', limit: RSSI_OFFSET_LIMIT }],
  ['tx_calibration_power', { field: 'txCalibrationPower', limit: TX_POWER_LIMIT }],
  [
    'calibration_confidence',
    { field: 'calibrationConfidence', limit: CALIBRATION_CONFIDENCE_LIMIT },
  ],
]);

/**
 * Stores a known flag, refusing a value no phone can have; unknown flag names are kept out, not
 * refused (newer logs add some).
 */
function readFlag(flags: DumpsysFlags, line: string, file: string, lineNo: number): void {
  const [, name = '', value] = FLAG.exec(line) ?? [];
  const known = KNOWN_FLAGS.get(name);
  if (!known) return;

  const n = Number(value);
  if (!isWithin(n, known.limit)) throw malformed(file, lineNo, limitRule(name, known.limit));
  flags[known.field] = n;
}

/** One advertisement line; placeholder lines with `RPI=fake` carry no RPI and are skipped. */
function readAdvertisement(
  line: string,
  file: string,
  lineNo: number,
): AdvertisementRecord | undefined {
  const m = ADVERTISEMENT.exec(line);
  if (!m) throw malformed(file, lineNo, 'expected an advertisement record');
  const [, stamp = '', rpi = '', interval, metadata, txPower = ''] = m;
  if (parseLogTimestamp(stamp) === undefined) {
    throw malformed(file, lineNo, 'unreadable or impossible advertisement timestamp');
  }
  if (rpi === 'fake') return undefined;
  if (!HEX32.test(rpi)) throw malformed(file, lineNo, 'RPI is not 32 hex digits');
  if (!isWithin(Number(txPower), TX_POWER_LIMIT)) {
    throw malformed(file, lineNo, limitRule('metadata txPower', TX_POWER_LIMIT));
  }
  return {
    rollingProximityId: rpi.toUpperCase(),
    enIntervalNumber: Number(interval),
    txPower: Number(txPower),
    metadataIsReal: metadata !== 'fake',
  };
}

/** One scan line: `<timestamp> (<n>s) rssi=[r1, r2, …]`. */
function readScan(line: string, file: string, lineNo: number): ScanRecord {
  const m = SCAN.exec(line);
  if (!m) throw malformed(file, lineNo, 'expected `<time> (<n>s) rssi=[…]` scan line');
  const [, stamp = '', seconds, list = ''] = m;

  const timestampMs = parseLogTimestamp(stamp);
  if (timestampMs === undefined) {
    throw malformed(file, lineNo, 'unreadable or impossible scan timestamp');
  }

  const rssi = list.split(',').map((s) => Number(s.trim()));
  if (rssi.some((r) => !isWithin(r, RSSI_LIMIT)) || list.trim() === '') {
    throw malformed(file, lineNo, limitRule('every RSSI reading', RSSI_LIMIT));
  }
  return { timestampMs, durationSeconds: seconds === '?' ? undefined : Number(seconds), rssi };
}

function malformed(file: string, line: number, what: string): ReplayError {
  return new ReplayError('REPLAY_MALFORMED_LINE', file, line, what);
}
