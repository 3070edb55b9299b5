/**
 * Simulation scale: run time and peak memory for towns of growing size, and the cost per
 * radio reading relative to the smallest town (a ratio near 1 means cost grows linearly with
 * encounters). Sizes and days come from `SIM_BENCH_PHONES` (default `100,200,400`) and
 * `SIM_BENCH_DAYS` (default 1); the full `1000,10000,100000` × 14 days takes hours.
 */
import { runSimulation } from '../packages/simulator/src/index.ts';
import type { BenchRow, BenchSuite } from './types.ts';

const sizes = (process.env.SIM_BENCH_PHONES ?? '100,200,400').split(',').map(Number);
const days = Number(process.env.SIM_BENCH_DAYS ?? '1');

/** Runs one simulation per town size and reports its cost per radio reading. */
export const run: BenchSuite = async () => {
  const rows: BenchRow[] = [];
  let baselinePerReading: number | undefined;
  for (const phones of sizes) {
    const report = await runSimulation({ phones, days, seed: 1 });
    const perReadingUs =
      (report.runtime.wallSeconds * 1e6) / Math.max(1, report.overall.radioReadings);
    baselinePerReading ??= perReadingUs;
    rows.push({
      group: 'simulation',
      case: `${phones} phones (${report.town.appUsers} engines) × ${days} days`,
      value: `${perReadingUs.toFixed(1)} µs/reading`,
      baseline: `${baselinePerReading.toFixed(1)} µs/reading`,
      // Lower is better: the smallest town's cost per reading over this town's.
      ratio: baselinePerReading / perReadingUs,
      note: `${report.runtime.wallSeconds} s, peak RSS ${report.runtime.peakRssMb} MB, ${report.overall.radioReadings} readings`,
    });
  }
  return rows;
};
