/**
 * The replay's findings as Markdown tables: the overall comparison, agreement with the real
 * EN apps, one line per scenario, one table per run, and what could not be replayed.
 */
import { markdownTable } from '../table.ts';
import {
  addOutcome,
  emptyConfusion,
  percent,
  precision,
  recall,
  type Confusion,
} from '../metrics.ts';
import { failedRunLabel } from './cases.ts';
import type { ReplayResults, ReplayRow } from './replay.ts';

const COUNTS = ['TP', 'FP', 'FN', 'TN', 'precision', 'recall'];

function confusionCells(t: Confusion): string[] {
  return [
    String(t.truePositives),
    String(t.falsePositives),
    String(t.falseNegatives),
    String(t.trueNegatives),
    percent(precision(t)),
    percent(recall(t)),
  ];
}

const yes = (b: boolean) => (b ? 'yes' : 'no');

/** All tables of a replay, separated by headings. */
export function formatReplayTables(results: ReplayResults): string {
  return [
    overall(results),
    agreement(results.rows),
    perScenario(results),
    ...perRun(results.rows),
    problems(results),
  ].join('\n\n');
}

function overall(r: ReplayResults): string {
  const rows: [string, Confusion][] = [
    ['real EN apps ("high" = notified)', r.confusion.realApp],
    [r.mainConfig.name, r.confusion.cocoa],
    ['scenario thresholds, 15 weighted min', r.confusion.scenario],
    [
      `tuned on all scenarios (in-sample): ${r.tunedInSample.name.replace(/^tuned: /, '')}`,
      r.confusion.tunedInSample,
    ],
  ];
  const heldOut = r.rows.some((x) => x.tunedHeldOut !== undefined);
  rows.push([
    heldOut
      ? 'tuned with the scenario held out'
      : 'tuned with the scenario held out: needs a second scenario to tune on',
    r.confusion.tunedHeldOut,
  ]);
  return [
    `### Verdicts against the geometric truth (${r.rows.length} receiving phones)`,
    '',
    markdownTable(
      ['configuration', ...COUNTS],
      rows.map(([name, t]) => [
        name,
        ...(total(t) > 0 ? confusionCells(t) : COUNTS.map(() => '–')),
      ]),
      [1, 2, 3, 4, 5, 6],
    ),
  ].join('\n');
}

function agreement(rows: ReplayRow[]): string {
  const levels = ['high', 'low', 'none'] as const;
  const count = (contactDay: boolean, level: string) =>
    String(
      rows.filter((x) => x.cocoa.contactDay === contactDay && x.case.reportedLevel === level)
        .length,
    );
  const agree = rows.filter((x) => x.cocoa.contactDay === (x.case.reportedLevel === 'high')).length;
  return [
    `### Our verdict beside the real EN app's level (agree on ${agree} of ${rows.length})`,
    '',
    markdownTable(
      ['our contact day', ...levels.map((l) => `app: ${l}`)],
      [true, false].map((b) => [yes(b), ...levels.map((l) => count(b, l))]),
      [1, 2, 3],
    ),
  ].join('\n');
}

function perScenario(r: ReplayResults): string {
  const scenarios = [...new Set(r.rows.map((x) => x.case.scenario))];
  const body = scenarios.map((s) => {
    const rows = r.rows.filter((x) => x.case.scenario === s);
    const ours = emptyConfusion();
    const app = emptyConfusion();
    const tuned = emptyConfusion();
    for (const x of rows) {
      addOutcome(ours, x.cocoa.contactDay, x.case.closeContact);
      addOutcome(app, x.case.reportedLevel === 'high', x.case.closeContact);
      if (x.tunedHeldOut !== undefined) addOutcome(tuned, x.tunedHeldOut, x.case.closeContact);
    }
    const fmt = (t: Confusion) =>
      total(t) === 0
        ? '–'
        : `${t.truePositives}/${t.falsePositives}/${t.falseNegatives}/${t.trueNegatives}`;
    return [
      s,
      String(rows.length),
      String(rows.filter((x) => x.case.closeContact).length),
      fmt(app),
      fmt(ours),
      fmt(tuned),
      r.tunedPerScenario.get(s)?.name.replace(/^tuned: /, '') ?? '–',
    ];
  });
  return [
    '### Per scenario (TP/FP/FN/TN)',
    '',
    markdownTable(
      [
        'scenario',
        'phones',
        'close contacts',
        'real app',
        'COCOA',
        'tuned (held out)',
        'tuned on the other scenarios',
      ],
      body,
      [1, 2],
    ),
  ].join('\n');
}

function perRun(rows: ReplayRow[]): string[] {
  const runs = [...new Set(rows.map((x) => `${x.case.scenario}/${x.case.run}`))];
  return runs.map((key) => {
    const runRows = rows.filter((x) => `${x.case.scenario}/${x.case.run}` === key);
    const body = runRows.map((x) => [
      x.case.phone,
      x.case.agent,
      x.case.phoneSituation,
      x.case.closestFeet === undefined ? '–' : x.case.closestFeet.toFixed(1),
      String(x.case.minutesWithin6ft),
      yes(x.case.closeContact),
      x.case.reportedLevel,
      (x.cocoa.weightedDurationSeconds / 60).toFixed(1),
      yes(x.cocoa.contactDay),
      x.scenario ? yes(x.scenario.contactDay) : '–',
      x.tunedHeldOut === undefined ? '–' : yes(x.tunedHeldOut),
    ]);
    const source = runRows[0]?.case.sickTxPowerSource ?? 'unknown';
    return [
      `#### ${key} (sick phone's TX power from: ${source})`,
      '',
      markdownTable(
        [
          'phone',
          'agent',
          'carriage',
          'closest ft',
          'min ≤ 6 ft',
          'close contact',
          'real app',
          'weighted min',
          'COCOA',
          'scenario cfg',
          'tuned',
        ],
        body,
        [3, 4, 7],
      ),
    ].join('\n');
  });
}

function problems(r: ReplayResults): string {
  const lines = ['### Not replayed'];
  const skipped = r.notEvaluable
    .filter((c) => !c.error)
    .map((c) => `${c.scenario}/${c.run} phone ${c.phone}`);
  lines.push(
    '',
    skipped.length === 0
      ? 'Every receiving phone had sightings.'
      : `No sightings in the log (reduced iPhone logs), so no verdict: ${skipped.join(', ')}.`,
  );
  for (const c of r.notEvaluable) {
    if (c.error)
      lines.push(
        '',
        `- ${c.scenario}/${c.run} phone ${c.phone}: ${c.error.code} ${c.error.message}`,
      );
  }
  for (const f of r.failures)
    lines.push('', `- ${failedRunLabel(f)}: ${f.error.code} ${f.error.message}`);
  return lines.join('\n');
}

function total(t: Confusion): number {
  return t.truePositives + t.falsePositives + t.falseNegatives + t.trueNegatives;
}
