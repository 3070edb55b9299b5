import type { DailySummary } from './daily-summaries.ts';

/**
 * When a day counts as a contact day. Each threshold can be switched off with null; a day
 * with no thresholds at all counts when anything was scored on it.
 */
export interface ContactDayRule {
  /** The day's scoreSum must reach this. */
  minScoreSum?: number | null;
  /** Σ secondsSinceLastScan over the day's windows must reach this. */
  minTotalSeconds?: number | null;
}

/**
 * COCOA's production rule: scoreSum ≥ 1350 and at least 900 s. The duration half was added
 * because 840 s very close scored 2100 and notified people below the 15-minute criterion.
 */
export const COCOA_DEFAULT_CONTACT_DAY_RULE: Readonly<ContactDayRule> = {
  minScoreSum: 1350,
  minTotalSeconds: 900,
};

/** Whether a daily summary passes every threshold of the rule that is switched on. */
export function isContactDay(summary: DailySummary, rule: ContactDayRule): boolean {
  if (summary.windowCount === 0) return false;
  if (rule.minScoreSum != null && summary.daySummary.scoreSum < rule.minScoreSum) return false;
  if (rule.minTotalSeconds != null && summary.secondsSinceLastScanSum < rule.minTotalSeconds) {
    return false;
  }
  return true;
}
