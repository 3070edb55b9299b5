/** The terminal summary of a simulation report. */
import { percent } from '../metrics.ts';
import { markdownTable } from '../table.ts';
import type { SimulationReport } from '../sim/report-types.ts';

const n = (x: number | null) => (x === null ? '–' : String(x));

/** A short text summary with the per-day table, for the terminal and `summary.txt`. */
export function formatSimulationSummary(r: SimulationReport): string {
  const o = r.overall;
  const c = o.contactDays;
  const p = r.parameters;
  const lines = [
    `Simulated ${p.phones} phones (${r.town.appUsers} with the app) for ${p.days} ${p.days === 1 ? 'day' : 'days'}, seed ${p.seed}, configuration: ${p.configuration}.`,
    `Infected ${o.infected}; positive results ${o.positiveResults}; numbers issued ${o.numbersIssued}; registrations ${o.registrations.succeeded} of ${o.registrations.attempted}.`,
    `Keys submitted ${o.keysSubmitted}; keys published ${o.keysPublished} (with padding) in ${o.exportFiles} export files; notifications ${o.notifications}.`,
    `Contact days vs truth: TP ${c.truePositives}, FP ${c.falsePositives}, FN ${c.falseNegatives}, TN ${c.trueNegatives}; precision ${percent(o.precision)}, recall ${percent(o.recall)}.`,
    `Positive result → notification: median ${n(o.notificationDelayHours.median)} h, p90 ${n(o.notificationDelayHours.p90)} h (${o.notificationDelayHours.count} notifications of people who met a registered positive).`,
    `Export bytes downloaded per phone: mean ${n(o.exportBytesPerPhone.mean)}, max ${n(o.exportBytesPerPhone.max)}.`,
    `Requests: ${Object.entries(r.requests)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    `Run time ${r.runtime.wallSeconds} s, peak RSS ${r.runtime.peakRssMiB} MiB.`,
    ...caveats(r),
    '',
    markdownTable(
      [
        'date',
        'new infections',
        'positives',
        'registrations',
        'notifications',
        'TP',
        'FP',
        'FN',
        'TN',
      ],
      r.days.map((d) => [
        d.date,
        String(d.newInfections),
        String(d.positiveResults),
        String(d.registrations),
        String(d.notifications),
        String(d.contactDays.truePositives),
        String(d.contactDays.falsePositives),
        String(d.contactDays.falseNegatives),
        String(d.contactDays.trueNegatives),
      ]),
      [1, 2, 3, 4, 5, 6, 7, 8],
    ),
  ];
  return lines.join('\n');
}

/** Says why figures are missing, where the reason is not plain from the numbers. */
function caveats(r: SimulationReport): string[] {
  const notes: string[] = [];
  if (r.town.appUsers < 2) {
    notes.push(
      `Only ${r.town.appUsers} of ${r.parameters.phones} people have the app, so no phone can ` +
        'hear another and nobody can be notified; a town of 100 phones or more gives figures.',
    );
  }
  if (r.overall.precision === null || r.overall.recall === null) {
    notes.push('A dash (–) means there was nothing to compute it from.');
  }
  return notes;
}
