/**
 * Runs every benchmark suite in this folder one after another and prints one Markdown table.
 * Each row is a ratio against a baseline measured in the same run, so the numbers stay
 * meaningful on a shared, noisy machine. Usage: `npm run bench [-- suite-name ...]`.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { BenchRow, BenchSuite } from './types.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);

const files = (await readdir(here))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

const rows: BenchRow[] = [];
for (const file of files) {
  process.stderr.write(`running ${file}…\n`);
  const suite = (await import(`./${file}`)) as { run: BenchSuite };
  rows.push(...(await suite.run()));
}

const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
console.log(line(['group', 'case', 'value', 'baseline', 'ratio', 'note']));
console.log(line(['---', '---', '---:', '---:', '---:', '---']));
for (const r of rows) {
  console.log(line([r.group, r.case, r.value, r.baseline, r.ratio.toFixed(2), r.note ?? '']));
}
