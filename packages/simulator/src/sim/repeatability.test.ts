import { beforeAll, describe, expect, it } from 'vitest';
import type { SimulationReport } from './report-types.ts';
import { runSimulation } from './run.ts';

// A town small enough to run three times, with enough app users, infections, exports and
// checks that numbers are issued, keys registered and published, and phones notified.
const OPTIONS = {
  phones: 40,
  days: 2,
  seed: 5,
  adoption: 0.9,
  registrationShare: 1,
  initialInfectedShare: 0.15,
  exportPeriodHours: 6,
  checkIntervalHours: 12,
};

// Export files are deflated zips of random key bytes: every phone's daily keys and the
// server's padding keys come from the system's random source, not from the seed, and so does
// the ECDSA signature (a fresh signing key and a random nonce; DER makes it 70 to 72 bytes).
// Built 20,000 times, the smallest file the server writes (200 keys, padding included) was
// 3,948 to 3,989 bytes, a spread of about 1%; larger files spread less.
const EXPORT_BYTES_TOLERANCE = 0.015;

/** The report without what the seed cannot repeat: run time, memory and export sizes. */
function seededPart(report: SimulationReport) {
  const { exportBytesPerPhone, ...overall } = report.overall;
  return {
    ...report,
    overall: { ...overall, exportBytesPerPhone: { count: exportBytesPerPhone.count } },
    runtime: undefined,
  };
}

describe('a whole simulation run under one seed', () => {
  let first: SimulationReport;
  let second: SimulationReport;
  let otherSeed: SimulationReport;

  beforeAll(async () => {
    first = await runSimulation(OPTIONS);
    second = await runSimulation(OPTIONS);
    otherSeed = await runSimulation({ ...OPTIONS, seed: OPTIONS.seed + 1 });
  }, 600_000);

  it('goes through registration, publication and notification', () => {
    const o = first.overall;
    expect(o.registrations.succeeded).toBeGreaterThan(0);
    expect(o.keysSubmitted).toBeGreaterThan(0);
    expect(o.exportFiles).toBeGreaterThan(0);
    expect(o.notifications).toBeGreaterThan(0);
    expect(o.contactDays.truePositives + o.contactDays.falsePositives).toBeGreaterThan(0);
  });

  it('repeats the town, days, contact days, keys, notifications and requests exactly', () => {
    expect(seededPart(second)).toEqual(seededPart(first));
  });

  it('repeats the export bytes each phone downloaded up to the random key and signature bytes', () => {
    const a = first.overall.exportBytesPerPhone;
    const b = second.overall.exportBytesPerPhone;
    expect(b.count).toBe(a.count);
    for (const field of ['mean', 'median', 'p90', 'max'] as const) {
      const x = a[field] ?? 0;
      const y = b[field] ?? 0;
      expect(x).toBeGreaterThan(0);
      expect(Math.abs(y - x)).toBeLessThanOrEqual(x * EXPORT_BYTES_TOLERANCE);
    }
  });

  it('differs for another seed', () => {
    expect(otherSeed.parameters.seed).not.toBe(first.parameters.seed);
    expect(otherSeed.overall.radioReadings).not.toBe(first.overall.radioReadings);
    expect(seededPart(otherSeed).days).not.toEqual(seededPart(first).days);
  });
});
