import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatSimulationSummary } from '../report/summary.ts';
import type { SimulationProgress } from './options.ts';
import { SimulationOptionError, resolveOptions } from './options.ts';
import type { SimulationReport } from './report-types.ts';
import { SimulationInterruptedError, runSimulation } from './run.ts';

// A small town tuned so cases register early: every app user with a positive result
// registers, and exports and checks run twice as often as by default.
const SMALL = {
  phones: 50,
  days: 3,
  seed: 3,
  adoption: 0.9,
  registrationShare: 1,
  initialInfectedShare: 0.08,
  exportPeriodHours: 6,
  checkIntervalHours: 12,
};

describe('a small simulation through the real servers', () => {
  let report: SimulationReport;
  const progress: SimulationProgress[] = [];

  beforeAll(async () => {
    report = await runSimulation(SMALL, { onProgress: (p) => progress.push(p) });
  }, 900_000);

  it('issues numbers through the console, and phones register keys the server verifies', () => {
    const o = report.overall;
    expect(o.positiveResults).toBeGreaterThan(0);
    expect(o.numbersIssued).toBe(o.positiveResults);
    expect(o.registrations.succeeded).toBeGreaterThan(0);
    expect(report.requests.diagnosis).toBeGreaterThanOrEqual(o.registrations.succeeded);
    expect(report.requests.verification).toBeGreaterThanOrEqual(o.registrations.succeeded);
    expect(report.requests.staffConsole).toBeGreaterThan(o.numbersIssued);
    expect(o.keysSubmitted).toBeGreaterThan(0);
  });

  it('publishes export files that every phone downloads and checks', () => {
    const o = report.overall;
    expect(o.exportFiles).toBeGreaterThan(0);
    expect(o.keysPublished).toBeGreaterThanOrEqual(o.keysSubmitted);
    expect(report.requests.exportFile).toBeGreaterThanOrEqual(report.town.appUsers);
    expect(report.requests.list).toBeGreaterThan(report.town.appUsers);
    expect(o.exportBytesPerPhone.count).toBe(report.town.appUsers);
    expect(o.exportBytesPerPhone.mean).toBeGreaterThan(0);
  });

  it('notifies phones of contact days, most of them real close contacts', () => {
    const o = report.overall;
    expect(o.notifications).toBeGreaterThan(0);
    expect(o.contactDays.truePositives).toBeGreaterThan(0);
    expect(o.recall).toBeGreaterThan(0.5);
    expect(o.notificationDelayHours.count).toBeGreaterThan(0);
    expect(o.notificationDelayHours.median).toBeGreaterThan(0);
    expect(o.radioReadings).toBeGreaterThan(10_000);
  });

  it('reports every day and every app user-day once', () => {
    expect(report.days.map((d) => d.date)).toEqual(['2026-06-01', '2026-06-02', '2026-06-03']);
    for (const d of report.days) {
      const c = d.contactDays;
      expect(c.truePositives + c.falsePositives + c.falseNegatives + c.trueNegatives).toBe(
        report.town.appUsers,
      );
    }
    expect(report.days.reduce((s, d) => s + d.notifications, 0)).toBe(report.overall.notifications);
    // Results due before the start are counted on the first day, when they arrive.
    expect(report.days.reduce((s, d) => s + d.positiveResults, 0)).toBe(
      report.overall.positiveResults,
    );
    expect(progress.at(-1)?.step).toBe(3 * 288 - 12);
  });
});

describe('a town too small for the app', () => {
  it('says why its summary has no figures instead of printing dashes alone', async () => {
    const report = await runSimulation({ phones: 2, days: 1, seed: 1 });
    expect(report.town.appUsers).toBeLessThan(2);
    const summary = formatSimulationSummary(report);
    expect(summary).toMatch(/Only [01] of 2 people have the app, so no phone can hear another/);
    expect(summary).toContain('A dash (–) means there was nothing to compute it from.');
  });
});

describe('results due before the start', () => {
  it('are counted on the first day, when the health center receives them', async () => {
    // With this seed three of the town's first cases had their result before the first step.
    const report = await runSimulation({
      phones: 40,
      days: 1,
      seed: 18,
      adoption: 0.9,
      initialInfectedShare: 0.2,
    });
    expect(report.overall.positiveResults).toBeGreaterThanOrEqual(3);
    expect(report.days[0]?.positiveResults).toBe(report.overall.positiveResults);
  });
});

describe('an interrupted simulation', () => {
  it("stops between steps and removes the servers' temporary files", async () => {
    const temp = mkdtempSync(path.join(tmpdir(), 'cocoa-sim-abort-'));
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    try {
      const controller = new AbortController();
      const seen: number[] = [];
      let during: string[] = [];
      const run = runSimulation(
        { phones: 30, days: 2, seed: 5 },
        {
          signal: controller.signal,
          onProgress: (p) => {
            seen.push(p.step);
            if (p.step !== 36) return;
            during = readdirSync(temp);
            controller.abort();
          },
        },
      );
      await expect(run).rejects.toThrow(SimulationInterruptedError);
      await expect(run).rejects.toMatchObject({ code: 'SIMULATION_INTERRUPTED' });
      expect(seen.at(-1)).toBe(36);
      expect(during).toEqual([expect.stringMatching(/^cocoa-sim-/)]);
      expect(readdirSync(temp)).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
      rmSync(temp, { recursive: true, force: true });
    }
  });

  it('stops while the phones start, before the first step', async () => {
    const temp = mkdtempSync(path.join(tmpdir(), 'cocoa-sim-abort-'));
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    try {
      const controller = new AbortController();
      const started: [number, number][] = [];
      const steps: number[] = [];
      // About half of 2,400 people use the app: more than one batch of phones to start.
      const run = runSimulation(
        { phones: 2_400, days: 1, seed: 5 },
        {
          signal: controller.signal,
          onStarting: (done, phones) => {
            started.push([done, phones]);
            controller.abort();
          },
          onProgress: (p) => steps.push(p.step),
        },
      );
      await expect(run).rejects.toThrow(/stopped at step 0 of 288/);
      expect(started).toHaveLength(1);
      const [[done, phones] = [0, 0]] = started;
      expect(done).toBeLessThan(phones);
      expect(steps).toEqual([]);
      expect(readdirSync(temp)).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
      rmSync(temp, { recursive: true, force: true });
    }
  });
});

describe('simulation options', () => {
  it.each([
    [{ phones: 1 }, 'phones'],
    [{ days: 0 }, 'days'],
    [{ adoption: 0 }, 'adoption'],
    [{ exportPeriodHours: 5 }, 'export period'],
    // Draws hash the seed as 32 bits: 2^32 would silently repeat seed 0.
    [{ seed: 4_294_967_296 }, 'seed must be an integer from 0 to 4294967295'],
    [{ seed: -1 }, 'seed'],
    [{ seed: 1.5 }, 'seed'],
  ])('refuses %j with a typed error', (options, what) => {
    expect(() => resolveOptions(options)).toThrow(SimulationOptionError);
    expect(() => resolveOptions(options)).toThrow(what);
  });

  it('accepts every 32-bit seed', () => {
    expect(resolveOptions({ seed: 0 }).seed).toBe(0);
    expect(resolveOptions({ seed: 4_294_967_295 }).seed).toBe(4_294_967_295);
  });

  it('defaults to 1,000 phones for 14 days with seed 1', () => {
    expect(resolveOptions({})).toMatchObject({ phones: 1000, days: 14, seed: 1 });
  });
});
