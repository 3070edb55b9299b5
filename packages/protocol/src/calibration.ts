import { ProtocolError } from './errors.ts';

/**
 * Per-model Bluetooth calibration (protocol.md §7): how much a phone's measured RSSI must be
 * corrected and what TX power it should advertise, from Google's published calibration table.
 */

/** Calibration confidence levels of the EN metadata: how the values for a phone were found. */
export const CalibrationConfidence = { LOWEST: 0, LOW: 1, MEDIUM: 2, HIGH: 3 } as const;

/** One row of the calibration table. */
export interface CalibrationEntry {
  manufacturer: string;
  device: string;
  model: string;
  rssiCorrection: number;
  txPowerCorrection: number;
  calibrationConfidence: number;
}

/** The calibration applied to one phone; `fallback` says it was not measured for that model. */
export interface Calibration {
  rssiCorrection: number;
  txPowerCorrection: number;
  calibrationConfidence: number;
  fallback: boolean;
}

/** How a phone identifies itself (Android's Build.MANUFACTURER, DEVICE and MODEL). */
export interface PhoneIdentity {
  manufacturer?: string;
  device?: string;
  model?: string;
}

const HEADER = [
  'oem',
  'device',
  'model',
  'rssi_correction',
  'tx_power_correction',
  'calibration_confidence',
];

/** Attenuation of one reading in dB: TX power − (RSSI + receiver correction), floored at 0. */
export function attenuationDb(txPower: number, rssi: number, rssiCorrection: number): number {
  return Math.max(0, txPower - (rssi + rssiCorrection));
}

/** Parses the calibration CSV; any malformed line is refused with its line number and column. */
export function parseCalibrationCsv(text: string): CalibrationTable {
  if (typeof text !== 'string') {
    throw new ProtocolError('CALIBRATION_CSV_INVALID', 'calibration CSV: expected text');
  }
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((c) => c.trim());
  if (header.join(',') !== HEADER.join(',')) {
    throw new ProtocolError(
      'CALIBRATION_CSV_HEADER_INVALID',
      `calibration CSV: expected header ${HEADER.join(',')}`,
    );
  }

  const entries: CalibrationEntry[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    entries.push(parseRow(line, i + 1));
  }
  if (entries.length === 0) {
    throw new ProtocolError('CALIBRATION_CSV_EMPTY', 'calibration CSV: no rows');
  }
  return new CalibrationTable(entries);
}

function parseRow(line: string, lineNumber: number): CalibrationEntry {
  const cells = line.split(',').map((c) => c.trim());
  if (cells.length !== HEADER.length) {
    throw new ProtocolError(
      'CALIBRATION_CSV_ROW_INVALID',
      `calibration CSV line ${lineNumber}: expected ${HEADER.length} columns, got ${cells.length}`,
    );
  }
  const [manufacturer = '', device = '', model = ''] = cells;
  return {
    manufacturer,
    device,
    model,
    rssiCorrection: integerCell(cells, 3, lineNumber, -128, 127),
    txPowerCorrection: integerCell(cells, 4, lineNumber, -128, 127),
    calibrationConfidence: integerCell(cells, 5, lineNumber, 0, 3),
  };
}

function integerCell(
  cells: string[],
  index: number,
  lineNumber: number,
  min: number,
  max: number,
): number {
  const cell = cells[index] ?? '';
  const value = /^-?\d+$/.test(cell) ? Number(cell) : NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ProtocolError(
      'CALIBRATION_CSV_VALUE_INVALID',
      `calibration CSV line ${lineNumber}, column ${HEADER[index]}: expected an integer ${min}..${max}`,
    );
  }
  return value;
}

const norm = (s: string | undefined) => (s ?? '').trim().toLowerCase();

/**
 * Calibration rows indexed for lookup by (device, model), then model, then device.
 *
 * Fallback for a phone the table does not list, following the meaning of the EN confidence
 * levels: a known manufacturer gets the median of that manufacturer's rows with confidence
 * LOW; an unknown manufacturer gets the median of the whole table with confidence LOWEST.
 * Medians keep one odd model from skewing the default.
 */
export class CalibrationTable {
  /** Every row, in file order. */
  readonly entries: readonly CalibrationEntry[];
  private readonly byDeviceModel = new Map<string, CalibrationEntry>();
  private readonly byModel = new Map<string, CalibrationEntry>();
  private readonly byDevice = new Map<string, CalibrationEntry>();
  private readonly byManufacturer = new Map<string, CalibrationEntry[]>();

  constructor(entries: CalibrationEntry[]) {
    this.entries = entries;
    for (const e of entries) {
      const key = `${norm(e.device)}\u0000${norm(e.model)}`;
      if (!this.byDeviceModel.has(key)) this.byDeviceModel.set(key, e);
      if (!this.byModel.has(norm(e.model))) this.byModel.set(norm(e.model), e);
      if (!this.byDevice.has(norm(e.device))) this.byDevice.set(norm(e.device), e);
      const list = this.byManufacturer.get(norm(e.manufacturer)) ?? [];
      list.push(e);
      this.byManufacturer.set(norm(e.manufacturer), list);
    }
  }

  /** The calibration for a phone, or the documented fallback when its model is not listed. */
  lookup(phone: PhoneIdentity): Calibration {
    const device = norm(phone.device);
    const model = norm(phone.model);
    const found =
      this.byDeviceModel.get(`${device}\u0000${model}`) ??
      (model ? this.byModel.get(model) : undefined) ??
      (device ? this.byDevice.get(device) : undefined);
    if (found) {
      const { rssiCorrection, txPowerCorrection, calibrationConfidence } = found;
      return { rssiCorrection, txPowerCorrection, calibrationConfidence, fallback: false };
    }

    const sameMaker = this.byManufacturer.get(norm(phone.manufacturer));
    if (sameMaker) return medianOf(sameMaker, CalibrationConfidence.LOW);
    return medianOf(this.entries, CalibrationConfidence.LOWEST);
  }
}

function medianOf(rows: readonly CalibrationEntry[], confidence: number): Calibration {
  return {
    rssiCorrection: median(rows.map((r) => r.rssiCorrection)),
    txPowerCorrection: median(rows.map((r) => r.txPowerCorrection)),
    calibrationConfidence: confidence,
    fallback: true,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[mid] ?? 0;
  return Math.round(((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2);
}
