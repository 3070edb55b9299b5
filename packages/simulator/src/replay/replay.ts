/**
 * Replays real phone logs through our risk pipeline and compares three configurations —
 * COCOA's production values, the scenario's own thresholds, and one tuned on the logs with
 * each scenario held out — with the geometric ground truth and the real EN app's verdicts.
 */
import { addOutcome, emptyConfusion, type Confusion } from '../metrics.ts';
import { buildCases, type FailedRun, type ReceiverCase } from './cases.ts';
import { loadLogFolder, type LoadProgress } from './loader.ts';
import {
  COCOA_PRODUCTION,
  scenarioConfig,
  scoreWindows,
  type Score,
  type ScoringConfig,
} from './scoring.ts';
import { confusionOf, tune, tuneHeldOut } from './tune.ts';

/** Options of `replayLogs`. */
export interface ReplayOptions {
  /** Replaces COCOA's production values as the main configuration (e.g. from `--config`). */
  config?: ScoringConfig;
  /** Told as runs are read, which is most of a replay's time. */
  onProgress?: LoadProgress;
}

/** One receiver's row: the case with every configuration's score. */
export interface ReplayRow {
  case: ReceiverCase;
  cocoa: Score;
  scenario: Score | undefined;
  /**
   * Verdict of the configuration tuned with this row's scenario held out; undefined when no
   * other scenario was replayed beside it.
   */
  tunedHeldOut: boolean | undefined;
}

/** Everything the replay found. */
export interface ReplayResults {
  folder: string;
  rows: ReplayRow[];
  /** Receivers whose logs hold no sightings (reduced iPhone logs): listed, not scored. */
  notEvaluable: ReceiverCase[];
  failures: FailedRun[];
  mainConfig: ScoringConfig;
  confusion: {
    cocoa: Confusion;
    scenario: Confusion;
    /** Over the rows with a held-out verdict only (none when a single scenario was replayed). */
    tunedHeldOut: Confusion;
    tunedInSample: Confusion;
    /** The real EN apps' own verdicts ("high" = notified) against the same truth. */
    realApp: Confusion;
  };
  /** Configuration tuned on every scenario (in-sample), for comparison. */
  tunedInSample: ScoringConfig;
  /** Configuration tuned per held-out scenario. */
  tunedPerScenario: Map<string, ScoringConfig>;
}

/** Loads every run under `folder` and replays it; broken runs are reported, not fatal. */
export function replayLogs(folder: string, options: ReplayOptions = {}): ReplayResults {
  const { cases, failures } = buildCases(loadLogFolder(folder, options.onProgress));
  const evaluable = cases.filter((c) => c.evaluable);
  const mainConfig = options.config ?? COCOA_PRODUCTION;
  const heldOut = tuneHeldOut(evaluable);
  const inSample = tune(evaluable);

  const realApp = emptyConfusion();
  const cocoa = emptyConfusion();
  const scenario = emptyConfusion();
  const rows = evaluable.map((c) => {
    const scenarioCfg = scenarioConfig(c.scenarioThresholds);
    const row: ReplayRow = {
      case: c,
      cocoa: scoreWindows(c.windows, mainConfig),
      scenario: scenarioCfg ? scoreWindows(c.windows, scenarioCfg) : undefined,
      tunedHeldOut: heldOut.verdicts.get(c),
    };
    addOutcome(cocoa, row.cocoa.contactDay, c.closeContact);
    addOutcome(scenario, row.scenario?.contactDay ?? false, c.closeContact);
    addOutcome(realApp, c.reportedLevel === 'high', c.closeContact);
    return row;
  });

  return {
    folder,
    rows,
    notEvaluable: cases.filter((c) => !c.evaluable),
    failures,
    mainConfig,
    confusion: {
      cocoa,
      scenario,
      tunedHeldOut: heldOut.confusion,
      tunedInSample: confusionOf(evaluable, inSample),
      realApp,
    },
    tunedInSample: inSample,
    tunedPerScenario: heldOut.configs,
  };
}
