/**
 * Writes a simulation report as `report.json`, `report.html` and `summary.txt`. Each file is
 * written to a temporary name and renamed into place, so a run killed while writing leaves
 * either the previous report or none — never half a file.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SimulationReport } from '../sim/report-types.ts';
import { simulationHtml } from './html.ts';
import { formatSimulationSummary } from './summary.ts';

/** Paths of the written files and the summary text. */
export interface WrittenReport {
  json: string;
  html: string;
  summary: string;
  summaryText: string;
}

/** Writes the three files into `dir` (created if needed). */
export function writeSimulationReport(report: SimulationReport, dir: string): WrittenReport {
  mkdirSync(dir, { recursive: true });
  const summaryText = formatSimulationSummary(report);
  const files = {
    json: path.join(dir, 'report.json'),
    html: path.join(dir, 'report.html'),
    summary: path.join(dir, 'summary.txt'),
  };
  writeAtomically(files.json, `${JSON.stringify(report, null, 2)}\n`);
  writeAtomically(files.html, simulationHtml(report));
  writeAtomically(files.summary, `${summaryText}\n`);
  return { ...files, summaryText };
}

/** Writes `text` to `file` through a temporary file in the same folder and a rename. */
export function writeAtomically(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}
