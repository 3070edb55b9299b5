/**
 * Fits log-distance path loss with Gaussian shadowing, RSSI(d) = R1m − 10·n·log10(d) + X with
 * X ~ N(0, σ), to the line-of-sight distance sweep (two Raspberry Pis sending real EN
 * advertisements at 0.5–4 m, files `ContactTracingData_<cm>cm_Device_<X>.csv`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readCsvRecords } from './csv.ts';

/** Result of the fit. */
export interface PathLossFit {
  rssiAt1mDbm: number;
  exponent: number;
  sigmaDb: number;
  rowsUsed: number;
  rowsDropped: number;
}

/** One usable reading: distance in metres and RSSI in dBm. */
export interface DistanceReading {
  distanceM: number;
  rssi: number;
}

const FILE = /^ContactTracingData_(\d+)cm_Device_\w+\.csv$/;

/** Reads the sweep, dropping rows that are not the sender's own EN advertisement or whose
 * RSSI is nonsense (a few rows carry values such as −4294967234 from a logging fault). */
export function readDistanceSweep(dir: string): { readings: DistanceReading[]; dropped: number } {
  const readings: DistanceReading[] = [];
  let dropped = 0;
  for (const name of readdirSync(dir).sort()) {
    const m = FILE.exec(name);
    if (!m) continue;
    const distanceM = Number(m[1]) / 100;
    const rows = readCsvRecords(readFileSync(path.join(dir, name), 'utf8'));
    const sender = mostCommon(rows.map((r) => r.RPI ?? ''));
    for (const row of rows) {
      const rssi = Number(row.RSSI);
      const ok =
        row.UUID === 'fd6f' &&
        row.RPI === sender &&
        Number.isInteger(rssi) &&
        rssi >= -127 &&
        rssi <= 20;
      if (ok) readings.push({ distanceM, rssi });
      else dropped++;
    }
  }
  return { readings, dropped };
}

/** Least-squares fit of RSSI against log10(distance). */
export function fitLogDistance(readings: DistanceReading[]): Omit<PathLossFit, 'rowsDropped'> {
  const n = readings.length;
  if (n < 2) throw new RangeError('fitLogDistance: need at least two readings');
  const xs = readings.map((r) => Math.log10(r.distanceM));
  const meanX = xs.reduce((s, x) => s + x, 0) / n;
  const meanY = readings.reduce((s, r) => s + r.rssi, 0) / n;

  let sxy = 0;
  let sxx = 0;
  readings.forEach((r, i) => {
    const dx = (xs[i] ?? 0) - meanX;
    sxy += dx * (r.rssi - meanY);
    sxx += dx * dx;
  });
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;

  const residual = readings.reduce((s, r, i) => {
    const e = r.rssi - (intercept + slope * (xs[i] ?? 0));
    return s + e * e;
  }, 0);
  return {
    rssiAt1mDbm: intercept,
    exponent: -slope / 10,
    sigmaDb: Math.sqrt(residual / (n - 2)),
    rowsUsed: n,
  };
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = '';
  let bestCount = 0;
  for (const [v, c] of counts) {
    if (c > bestCount) [best, bestCount] = [v, c];
  }
  return best;
}
