import { Infectiousness, ReportType } from '../model.ts';
import type { ExposureWindow } from '../matching/types.ts';
import { DAY_MS, utcDayStartMs } from '../time.ts';

/** The report types of positive cases; windows of any other type are never scored. */
export const POSITIVE_REPORT_TYPES = [
  ReportType.CONFIRMED_TEST,
  ReportType.CONFIRMED_CLINICAL_DIAGNOSIS,
  ReportType.SELF_REPORT,
  ReportType.RECURSIVE,
] as const;

/** One of the four report types that count. */
export type PositiveReportType = (typeof POSITIVE_REPORT_TYPES)[number];

/** How exposure windows are weighted into daily summaries (protocol.md §7). */
export interface DailySummariesConfig {
  /** Three strictly increasing thresholds splitting IMMEDIATE ≤ t0 < NEAR ≤ t1 < MEDIUM ≤ t2 < OTHER. */
  attenuationBucketThresholdDb: readonly [number, number, number];
  /** Weights of IMMEDIATE, NEAR, MEDIUM and OTHER, 0..2.5. */
  attenuationBucketWeights: readonly [number, number, number, number];
  /** Weight per positive report type, 0..2.5. */
  reportTypeWeights: Readonly<Record<PositiveReportType, number>>;
  /** Weight per infectiousness, 0..2.5; NONE windows are never scored. */
  infectiousnessWeights: Readonly<{ standard: number; high: number }>;
  /** Windows more days ago than this are dropped; 0 keeps every day. */
  daysSinceExposureThreshold: number;
  /** Windows scoring below this are skipped. */
  minimumWindowScore: number;
}

/** COCOA's production values: thresholds [46, 60, 65] dB, weights 1.0/2.5/1.3/0.01. */
export const COCOA_DEFAULT_DAILY_SUMMARIES_CONFIG: DailySummariesConfig = {
  attenuationBucketThresholdDb: [46, 60, 65],
  attenuationBucketWeights: [1.0, 2.5, 1.3, 0.01],
  reportTypeWeights: { 1: 1.0, 2: 1.0, 3: 1.0, 4: 1.0 },
  infectiousnessWeights: { standard: 1.0, high: 1.0 },
  daysSinceExposureThreshold: 0,
  minimumWindowScore: 0,
};

/** Score totals of a day, for one report type or for all of them. */
export interface ExposureSummaryData {
  maximumScore: number;
  scoreSum: number;
  weightedDurationSum: number;
}

/** Everything scored on one UTC day. */
export interface DailySummary {
  /** UTC midnight, Unix milliseconds. */
  dateMs: number;
  daySummary: ExposureSummaryData;
  summariesByReportType: Record<PositiveReportType, ExposureSummaryData>;
  /** Σ secondsSinceLastScan over the day's scored windows (COCOA's duration rule reads it). */
  secondsSinceLastScanSum: number;
  /** Number of windows scored into this day. */
  windowCount: number;
}

/** Optional inputs of `dailySummaries`. */
export interface DailySummariesOptions {
  /** "Now" for `daysSinceExposureThreshold`, Unix milliseconds; defaults to the clock. */
  nowMs?: number;
}

/** Index 0..3 of the attenuation bucket a typical attenuation falls into. */
export function attenuationBucket(
  typicalAttenuationDb: number,
  thresholds: readonly [number, number, number],
): 0 | 1 | 2 | 3 {
  if (typicalAttenuationDb <= thresholds[0]) return 0;
  if (typicalAttenuationDb <= thresholds[1]) return 1;
  if (typicalAttenuationDb <= thresholds[2]) return 2;
  return 3;
}

/** Σ over buckets of (seconds of the scans in the bucket) × bucket weight. */
export function weightedDuration(window: ExposureWindow, config: DailySummariesConfig): number {
  const seconds = [0, 0, 0, 0];
  for (const scan of window.scanInstances) {
    const bucket = attenuationBucket(
      scan.typicalAttenuationDb,
      config.attenuationBucketThresholdDb,
    );
    seconds[bucket]! += scan.secondsSinceLastScan;
  }
  return seconds.reduce((sum, s, i) => sum + s * config.attenuationBucketWeights[i]!, 0);
}

/** Weighted duration × report-type weight × infectiousness weight; undefined if never scored. */
export function windowScore(
  window: ExposureWindow,
  config: DailySummariesConfig,
): number | undefined {
  const typeWeight = isPositive(window.reportType)
    ? config.reportTypeWeights[window.reportType]
    : undefined;
  const infectiousnessWeight =
    window.infectiousness === Infectiousness.HIGH
      ? config.infectiousnessWeights.high
      : window.infectiousness === Infectiousness.STANDARD
        ? config.infectiousnessWeights.standard
        : undefined;
  if (typeWeight === undefined || infectiousnessWeight === undefined) return undefined;
  return weightedDuration(window, config) * typeWeight * infectiousnessWeight;
}

/** Groups scored windows by UTC day into daily summaries, oldest day first. */
export function dailySummaries(
  windows: Iterable<ExposureWindow>,
  config: DailySummariesConfig,
  options: DailySummariesOptions = {},
): DailySummary[] {
  const today = utcDayStartMs(options.nowMs ?? Date.now());
  const days = new Map<number, DailySummary>();

  for (const window of windows) {
    if (config.daysSinceExposureThreshold > 0) {
      const daysAgo = Math.floor((today - window.dateMs) / DAY_MS);
      if (daysAgo > config.daysSinceExposureThreshold) continue;
    }
    const score = windowScore(window, config);
    if (score === undefined || score < config.minimumWindowScore) continue;
    const type = window.reportType as PositiveReportType;
    const duration = weightedDuration(window, config);

    const day = days.get(window.dateMs) ?? emptyDay(window.dateMs);
    days.set(window.dateMs, day);
    addTo(day.daySummary, score, duration);
    addTo(day.summariesByReportType[type], score, duration);
    for (const scan of window.scanInstances)
      day.secondsSinceLastScanSum += scan.secondsSinceLastScan;
    day.windowCount += 1;
  }
  return [...days.values()].sort((a, b) => a.dateMs - b.dateMs);
}

function isPositive(type: ReportType): type is PositiveReportType {
  return (POSITIVE_REPORT_TYPES as readonly number[]).includes(type);
}

function addTo(summary: ExposureSummaryData, score: number, duration: number): void {
  summary.scoreSum += score;
  summary.weightedDurationSum += duration;
  summary.maximumScore = Math.max(summary.maximumScore, score);
}

function emptyDay(dateMs: number): DailySummary {
  const empty = (): ExposureSummaryData => ({
    maximumScore: 0,
    scoreSum: 0,
    weightedDurationSum: 0,
  });
  return {
    dateMs,
    daySummary: empty(),
    summariesByReportType: { 1: empty(), 2: empty(), 3: empty(), 4: empty() },
    secondsSinceLastScanSum: 0,
    windowCount: 0,
  };
}
