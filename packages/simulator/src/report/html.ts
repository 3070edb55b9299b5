/** The simulation report as one self-contained HTML page with inline SVG charts. */
import type { SimulationReport } from '../sim/report-types.ts';
import { formatSimulationSummary } from './summary.ts';
import { barChart } from './svg.ts';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Renders the page. */
export function simulationHtml(r: SimulationReport): string {
  const labels = r.days.map((d) => d.date.slice(5));
  const charts = [
    barChart('Epidemic per day', labels, [
      { name: 'new infections', color: '#c0392b', values: r.days.map((d) => d.newInfections) },
      { name: 'positive results', color: '#e67e22', values: r.days.map((d) => d.positiveResults) },
      { name: 'registrations', color: '#2980b9', values: r.days.map((d) => d.registrations) },
    ]),
    barChart('Contact days per date against the ground truth', labels, [
      {
        name: 'true positives',
        color: '#27ae60',
        values: r.days.map((d) => d.contactDays.truePositives),
      },
      {
        name: 'false positives',
        color: '#f39c12',
        values: r.days.map((d) => d.contactDays.falsePositives),
      },
      {
        name: 'false negatives',
        color: '#8e44ad',
        values: r.days.map((d) => d.contactDays.falseNegatives),
      },
    ]),
    barChart('Notifications shown per day', labels, [
      { name: 'notifications', color: '#16a085', values: r.days.map((d) => d.notifications) },
    ]),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Simulation report</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
figure{margin:1.5rem 0}figcaption{font-weight:600;margin-bottom:.5rem}pre{background:#f6f6f6;padding:1rem;overflow:auto}</style>
</head>
<body>
<h1>Simulation report</h1>
${charts.join('\n')}
<h2>Summary</h2>
<pre>${escape(formatSimulationSummary(r))}</pre>
</body>
</html>
`;
}
