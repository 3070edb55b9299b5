/**
 * Simulation scale: run time and peak memory for towns of growing size, and the cost per
 * radio reading relative to the smallest town (a ratio near 1 means cost grows linearly with
 * encounters). Each town runs as its own `cocoa simulate` process, so its peak memory is its
 * own. Sizes and days come from `SIM_BENCH_PHONES` (default `100,200,400`) and
 * `SIM_BENCH_DAYS` (default 1).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SimulationReport } from '../packages/simulator/src/index.ts';
import type { BenchRow, BenchSuite } from './types.ts';

const sizes = (process.env.SIM_BENCH_PHONES ?? '100,200,400').split(',').map(Number);
const days = Number(process.env.SIM_BENCH_DAYS ?? '1');
const cli = fileURLToPath(new URL('../packages/cli/bin/cocoa.js', import.meta.url));

/** Runs one simulation per town size and reports its cost per radio reading. */
export const run: BenchSuite = async () => {
  const rows: BenchRow[] = [];
  let baselinePerReading: number | undefined;
  for (const phones of sizes) {
    const report = await simulate(phones);
    const perReadingUs =
      (report.runtime.wallSeconds * 1e6) / Math.max(1, report.overall.radioReadings);
    baselinePerReading ??= perReadingUs;
    const o = report.overall;
    rows.push({
      group: 'simulation',
      case: `${phones} phones (${report.town.appUsers} engines) × ${days} days`,
      value: `${perReadingUs.toFixed(1)} µs/reading`,
      baseline: `${baselinePerReading.toFixed(1)} µs/reading`,
      // Lower is better: the smallest town's cost per reading over this town's.
      ratio: baselinePerReading / perReadingUs,
      note:
        `${report.runtime.wallSeconds} s, peak RSS ${report.runtime.peakRssMiB} MiB, ` +
        `${o.radioReadings} readings, ${o.notifications} notifications`,
    });
  }
  return rows;
};

async function simulate(phones: number): Promise<SimulationReport> {
  const out = mkdtempSync(path.join(tmpdir(), 'cocoa-sim-bench-'));
  try {
    const args = ['simulate', `--phones=${phones}`, `--days=${days}`, '--seed=1', `--out=${out}`];
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [cli, ...args], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      child.on('error', reject);
      child.on('exit', resolve);
    });
    if (code !== 0) throw new Error(`cocoa simulate --phones=${phones} exited with ${code}`);
    return JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as SimulationReport;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
