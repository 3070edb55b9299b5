import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyConfusion } from '../metrics.ts';
import type { SimulationReport } from '../sim/report-types.ts';
import { writeSimulationReport } from './write.ts';

const report: SimulationReport = {
  parameters: {
    phones: 10,
    days: 2,
    seed: 1,
    adoption: 0.5,
    registrationShare: 0.6,
    configuration: 'COCOA production',
    exportPeriodHours: 12,
    checkIntervalHours: 24,
  },
  town: { households: 4, officeRooms: 1, classes: 1, shops: 1, lines: 1, appUsers: 5 },
  days: [0, 1].map((day) => ({
    day,
    date: `2026-06-0${day + 1}`,
    newInfections: 2 + day,
    positiveResults: day,
    registrations: day,
    notifications: 3 * day,
    contactDays: { ...emptyConfusion(), truePositives: day, trueNegatives: 5 - day },
  })),
  overall: {
    contactDays: { ...emptyConfusion(), truePositives: 1, trueNegatives: 9 },
    precision: 1,
    recall: 1,
    infected: 5,
    positiveResults: 1,
    numbersIssued: 1,
    registrations: { attempted: 1, succeeded: 1 },
    keysSubmitted: 2,
    keysPublished: 200,
    exportFiles: 1,
    notifications: 3,
    notificationDelayHours: { count: 1, mean: 20, median: 20, p90: 20, max: 20 },
    exportBytesPerPhone: { count: 5, mean: 4000, median: 4000, p90: 4000, max: 4000 },
    radioReadings: 1234,
  },
  requests: { list: 10, exportFile: 5, diagnosis: 1, verification: 1 },
  runtime: { wallSeconds: 1.5, peakRssMiB: 100 },
};

describe('writeSimulationReport', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cocoa-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes JSON, a self-contained HTML page with charts and a summary, leaving no temp files', () => {
    const written = writeSimulationReport(report, path.join(dir, 'out'));
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual([
      'report.html',
      'report.json',
      'summary.txt',
    ]);
    expect(JSON.parse(readFileSync(written.json, 'utf8'))).toEqual(report);

    const html = readFileSync(written.html, 'utf8');
    expect(html.match(/<svg /g)?.length).toBe(3);
    expect(html).not.toMatch(/<script|src="http|href="http/);
    expect(html).toContain('precision 100%');

    expect(written.summaryText).toContain('TP 1, FP 0, FN 0, TN 9');
    expect(written.summaryText).toContain('| 2026-06-02 |');
    expect(readFileSync(written.summary, 'utf8')).toBe(`${written.summaryText}\n`);
  });

  it('replaces an earlier report in place', () => {
    const out = path.join(dir, 'again');
    writeSimulationReport(report, out);
    writeSimulationReport({ ...report, runtime: { wallSeconds: 9, peakRssMiB: 1 } }, out);
    expect(
      JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')).runtime.wallSeconds,
    ).toBe(9);
    expect(readdirSync(out)).toHaveLength(3);
  });
});
