/**
 * Tunes a scoring configuration on replay cases and checks it honestly: each scenario in turn
 * is held out, the configuration is tuned on the others, and only the held-out scenario's
 * verdicts are counted. Comparing that with the in-sample score shows how much tuning
 * over-fits these few runs.
 */
import {
  COCOA_DEFAULT_DAILY_SUMMARIES_CONFIG,
  dailySummaries,
  isContactDay,
  type DailySummariesConfig,
  type DailySummary,
} from '@cocoa/protocol';
import { addOutcome, emptyConfusion, f1, type Confusion } from '../metrics.ts';
import type { ReceiverCase } from './cases.ts';
import type { ScoringConfig } from './scoring.ts';

/** Tuned configuration per held-out scenario, and the verdicts it gave there. */
export interface HeldOutResult {
  /** Held-out scenario → the configuration tuned without it. */
  configs: Map<string, ScoringConfig>;
  /** Case → contact-day verdict of the configuration tuned without its scenario. */
  verdicts: Map<ReceiverCase, boolean>;
  confusion: Confusion;
}

/** The candidate grid: where "near" ends, whether a half-weight "medium" band follows, and
 * how many weighted seconds make a contact day. Small on purpose — a big grid over-fits more. */
export function candidateConfigs(): ScoringConfig[] {
  const configs: ScoringConfig[] = [];
  for (let near = 40; near <= 80; near += 2) {
    for (const band of [0, 6, 10]) {
      // One weights object per (near, band) lets `verdictOf` reuse the daily summaries.
      const summaries: DailySummariesConfig = {
        ...COCOA_DEFAULT_DAILY_SUMMARIES_CONFIG,
        attenuationBucketThresholdDb: [near - 1, near, near + Math.max(1, band)],
        attenuationBucketWeights: [1, 1, band ? 0.5 : 0, 0],
      };
      const bandText = band ? `, half weight to ${near + band} dB` : '';
      for (let minScore = 150; minScore <= 2700; minScore += 150) {
        configs.push({
          name: `tuned: near ≤ ${near} dB${bandText}, day ≥ ${minScore / 60} weighted min`,
          summaries,
          rule: { minScoreSum: minScore, minTotalSeconds: null },
        });
      }
    }
  }
  return configs;
}

const summaryCache = new WeakMap<DailySummariesConfig, WeakMap<ReceiverCase, DailySummary[]>>();

/** Contact-day verdict of a configuration for a case, reusing summaries across rules. */
export function verdictOf(c: ReceiverCase, config: ScoringConfig): boolean {
  let byCase = summaryCache.get(config.summaries);
  if (!byCase) {
    byCase = new WeakMap();
    summaryCache.set(config.summaries, byCase);
  }
  let days = byCase.get(c);
  if (!days) {
    days = dailySummaries(c.windows, config.summaries, { nowMs: lastScanMs(c) });
    byCase.set(c, days);
  }
  return days.some((day) => isContactDay(day, config.rule));
}

function lastScanMs(c: ReceiverCase): number {
  let last = 0;
  for (const w of c.windows) for (const s of w.scanInstances) last = Math.max(last, s.timestampMs);
  return last;
}

/** Confusion of a configuration's verdicts against the geometric truth over some cases. */
export function confusionOf(cases: ReceiverCase[], config: ScoringConfig): Confusion {
  const table = emptyConfusion();
  for (const c of cases) addOutcome(table, verdictOf(c, config), c.closeContact);
  return table;
}

/** The candidate with the best F1 on `cases` (the first one on ties, so results are stable). */
export function tune(cases: ReceiverCase[], candidates = candidateConfigs()): ScoringConfig {
  let best = candidates[0];
  let bestF1 = -1;
  for (const config of candidates) {
    const score = f1(confusionOf(cases, config));
    if (score > bestF1) [best, bestF1] = [config, score];
  }
  if (!best) throw new RangeError('tune: no candidate configurations');
  return best;
}

/**
 * Leave-one-scenario-out tuning over the evaluable cases. A scenario with no other scenario
 * beside it gets no configuration and no verdicts.
 */
export function tuneHeldOut(cases: ReceiverCase[]): HeldOutResult {
  const candidates = candidateConfigs();
  const scenarios = [...new Set(cases.map((c) => c.scenario))];
  const configs = new Map<string, ScoringConfig>();
  const verdicts = new Map<ReceiverCase, boolean>();
  const confusion = emptyConfusion();

  for (const scenario of scenarios) {
    const training = cases.filter((c) => c.scenario !== scenario);
    // Nothing else to tune on: tuning on the scenario itself would not be holding it out.
    if (training.length === 0) continue;
    const config = tune(training, candidates);
    configs.set(scenario, config);
    for (const c of cases.filter((x) => x.scenario === scenario)) {
      const verdict = verdictOf(c, config);
      verdicts.set(c, verdict);
      addOutcome(confusion, verdict, c.closeContact);
    }
  }
  return { configs, verdicts, confusion };
}
