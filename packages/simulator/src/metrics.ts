/**
 * Confusion counts and the rates derived from them, shared by the log replay and the
 * simulation: a prediction (notified / contact day) against a ground truth.
 */

/** Counts of a binary prediction against the truth. */
export interface Confusion {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
}

/** An empty confusion table. */
export function emptyConfusion(): Confusion {
  return { truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0 };
}

/** Adds one prediction to a table (in place) and returns it. */
export function addOutcome(table: Confusion, predicted: boolean, actual: boolean): Confusion {
  if (predicted && actual) table.truePositives++;
  else if (predicted) table.falsePositives++;
  else if (actual) table.falseNegatives++;
  else table.trueNegatives++;
  return table;
}

/** Sum of two tables. */
export function mergeConfusion(a: Confusion, b: Confusion): Confusion {
  return {
    truePositives: a.truePositives + b.truePositives,
    falsePositives: a.falsePositives + b.falsePositives,
    falseNegatives: a.falseNegatives + b.falseNegatives,
    trueNegatives: a.trueNegatives + b.trueNegatives,
  };
}

/** TP / (TP + FP), or null when nothing was predicted positive. */
export function precision(t: Confusion): number | null {
  const d = t.truePositives + t.falsePositives;
  return d === 0 ? null : t.truePositives / d;
}

/** TP / (TP + FN), or null when nothing was actually positive. */
export function recall(t: Confusion): number | null {
  const d = t.truePositives + t.falseNegatives;
  return d === 0 ? null : t.truePositives / d;
}

/** Share of predictions that match the truth, or null for an empty table. */
export function accuracy(t: Confusion): number | null {
  const n = t.truePositives + t.falsePositives + t.falseNegatives + t.trueNegatives;
  return n === 0 ? null : (t.truePositives + t.trueNegatives) / n;
}

/** Harmonic mean of precision and recall (0 when either is 0 or undefined). */
export function f1(t: Confusion): number {
  const p = precision(t) ?? 0;
  const r = recall(t) ?? 0;
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** A rate as a percentage string, `–` when undefined. */
export function percent(rate: number | null): string {
  return rate === null ? '–' : `${(rate * 100).toFixed(0)}%`;
}
