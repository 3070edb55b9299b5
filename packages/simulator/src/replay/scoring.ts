/**
 * The scoring configurations the replay compares, and how one receiver's windows are scored
 * under one of them with the protocol's own daily-summary pipeline.
 */
import {
  COCOA_DEFAULT_CONTACT_DAY_RULE,
  COCOA_DEFAULT_DAILY_SUMMARIES_CONFIG,
  dailySummaries,
  isContactDay,
  type ContactDayRule,
  type DailySummariesConfig,
} from '@cocoa/protocol';
import type { ReplayWindow } from './scans.ts';

/** A named pair of daily-summary weights and contact-day rule. */
export interface ScoringConfig {
  name: string;
  summaries: DailySummariesConfig;
  rule: ContactDayRule;
}

/** What one configuration made of one receiver's windows. */
export interface Score {
  /** Σ over the day of bucket-weighted seconds. */
  weightedDurationSeconds: number;
  scoreSum: number;
  /** Σ secondsSinceLastScan of the scored windows. */
  totalSeconds: number;
  contactDay: boolean;
}

/** COCOA's production configuration, as the app downloaded it. */
export const COCOA_PRODUCTION: ScoringConfig = {
  name: 'COCOA production',
  summaries: COCOA_DEFAULT_DAILY_SUMMARIES_CONFIG,
  rule: COCOA_DEFAULT_CONTACT_DAY_RULE,
};

/**
 * The scenario's own thresholds (the test designers' three attenuation cut-offs) with full
 * weight below the second, half weight up to the third and none beyond, and a day counting at
 * 15 weighted minutes — the criterion the scenarios were built around.
 */
export function scenarioConfig(thresholds: readonly number[]): ScoringConfig | undefined {
  const [t0, t1, t2] = thresholds;
  if (t0 === undefined || t1 === undefined || t2 === undefined || !(t0 < t1 && t1 < t2)) {
    return undefined;
  }
  return {
    name: `scenario thresholds [${t0}, ${t1}, ${t2}]`,
    summaries: {
      ...COCOA_DEFAULT_DAILY_SUMMARIES_CONFIG,
      attenuationBucketThresholdDb: [t0, t1, t2],
      attenuationBucketWeights: [1, 1, 0.5, 0],
    },
    rule: { minScoreSum: 900, minTotalSeconds: null },
  };
}

/** Scores a receiver's windows; runs last under an hour, so there is at most one day. */
export function scoreWindows(windows: ReplayWindow[], config: ScoringConfig): Score {
  const days = dailySummaries(windows, config.summaries, { nowMs: lastScanMs(windows) });
  let best: Score = { weightedDurationSeconds: 0, scoreSum: 0, totalSeconds: 0, contactDay: false };
  for (const day of days) {
    const score: Score = {
      weightedDurationSeconds: day.daySummary.weightedDurationSum,
      scoreSum: day.daySummary.scoreSum,
      totalSeconds: day.secondsSinceLastScanSum,
      contactDay: isContactDay(day, config.rule),
    };
    if (score.contactDay || score.scoreSum > best.scoreSum) best = score;
  }
  return best;
}

function lastScanMs(windows: ReplayWindow[]): number {
  let last = 0;
  for (const w of windows) for (const s of w.scanInstances) last = Math.max(last, s.timestampMs);
  return last;
}
