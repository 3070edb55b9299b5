/** Small hand-drawn SVG charts for the HTML report: no scripts, no external resources. */

/** One data series of a line or bar chart. */
export interface Series {
  name: string;
  color: string;
  values: number[];
}

const W = 640;
const H = 240;
const PAD = { left: 48, right: 16, top: 16, bottom: 40 };

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Grouped bars per label, with a y axis and a legend. */
export function barChart(title: string, labels: string[], series: Series[]): string {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const groupW = plotW / Math.max(1, labels.length);
  const barW = (groupW * 0.8) / Math.max(1, series.length);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;

  const bars = series.flatMap((s, si) =>
    s.values.map((v, i) => {
      const x = PAD.left + i * groupW + groupW * 0.1 + si * barW;
      return `<rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${barW.toFixed(1)}" height="${(PAD.top + plotH - y(v)).toFixed(1)}" fill="${s.color}"><title>${escape(`${s.name} ${labels[i] ?? ''}: ${v}`)}</title></rect>`;
    }),
  );
  const ticks = [0, 0.5, 1].map((f) => {
    const v = Math.round(max * f);
    return `<text x="${PAD.left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11">${v}</text><line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`;
  });
  const every = Math.ceil(labels.length / 8);
  const xLabels = labels.map((l, i) =>
    i % every === 0
      ? `<text x="${PAD.left + i * groupW + groupW / 2}" y="${H - PAD.bottom + 14}" text-anchor="middle" font-size="11">${escape(l)}</text>`
      : '',
  );
  const legend = series.map(
    (s, i) =>
      `<rect x="${PAD.left + i * 150}" y="${H - 14}" width="10" height="10" fill="${s.color}"/><text x="${PAD.left + i * 150 + 14}" y="${H - 5}" font-size="11">${escape(s.name)}</text>`,
  );
  return `<figure><figcaption>${escape(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escape(title)}">${ticks.join('')}${bars.join('')}${xLabels.join('')}${legend.join('')}</svg></figure>`;
}
