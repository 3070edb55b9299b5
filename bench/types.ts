/** One row of the benchmark table: a measurement beside the baseline measured in the same run. */
export interface BenchRow {
  /** Which part of the system, e.g. `matching`. */
  group: string;
  /** What was measured, e.g. `24,131 real keys vs 14 days of sightings`. */
  case: string;
  /** The measured value with its unit, e.g. `812,000 keys/s`. */
  value: string;
  /** The baseline it is compared with, with its unit. */
  baseline: string;
  /** value / baseline as a plain number (higher is better unless `note` says otherwise). */
  ratio: number;
  /** Anything a reader needs to interpret the row (peak memory, limits). */
  note?: string;
}

/** A benchmark suite: runs its measurements and returns rows for the common table. */
export type BenchSuite = () => Promise<BenchRow[]>;
