import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExposureWindow, ScanInstance } from '../matching/types.ts';
import { Infectiousness, ReportType } from '../model.ts';
import { sharedDataPath } from '../node/shared-data.ts';
import { COCOA_DEFAULT_CONTACT_DAY_RULE, isContactDay } from './contact-day.ts';
import {
  attenuationBucket,
  COCOA_DEFAULT_DAILY_SUMMARIES_CONFIG as cocoa,
  dailySummaries,
  windowScore,
} from './daily-summaries.ts';

const DAY = Date.UTC(2021, 6, 17);
const scans = (seconds: number[], typical: number): ScanInstance[] =>
  seconds.map((s) => ({
    typicalAttenuationDb: typical,
    minAttenuationDb: typical - 2,
    secondsSinceLastScan: s,
  }));
const window = (
  scanInstances: ScanInstance[],
  patch: Partial<ExposureWindow> = {},
): ExposureWindow => ({
  dateMs: DAY,
  reportType: ReportType.CONFIRMED_TEST,
  infectiousness: Infectiousness.HIGH,
  calibrationConfidence: 3,
  scanInstances,
  ...patch,
});

describe('COCOA contact-day rule', () => {
  it('does not make 840 s in the NEAR bucket a contact day, though it scores 2100', () => {
    const [day] = dailySummaries([window(scans([300, 300, 240], 55))], cocoa, { nowMs: DAY });
    expect(day!.daySummary.scoreSum).toBe(2100);
    expect(day!.secondsSinceLastScanSum).toBe(840);
    expect(isContactDay(day!, COCOA_DEFAULT_CONTACT_DAY_RULE)).toBe(false);
    expect(isContactDay(day!, { minScoreSum: 1350, minTotalSeconds: null })).toBe(true);
  });

  it('makes 900 s in the NEAR bucket a contact day', () => {
    const [day] = dailySummaries([window(scans([300, 300, 300], 55))], cocoa, { nowMs: DAY });
    expect(day!.daySummary.scoreSum).toBe(2250);
    expect(isContactDay(day!, COCOA_DEFAULT_CONTACT_DAY_RULE)).toBe(true);
  });

  it("counts seconds over all of a day's windows together", () => {
    const windows = [window(scans([300, 300], 70)), window(scans([300], 40))];
    const [day] = dailySummaries(windows, cocoa, { nowMs: DAY });
    expect(day!.secondsSinceLastScanSum).toBe(900);
    expect(day!.daySummary.scoreSum).toBeCloseTo(6 + 300);
    expect(isContactDay(day!, COCOA_DEFAULT_CONTACT_DAY_RULE)).toBe(false);
    expect(isContactDay(day!, { minScoreSum: null, minTotalSeconds: 900 })).toBe(true);
    expect(isContactDay(day!, {})).toBe(true);
  });
});

describe('dailySummaries', () => {
  it.each([
    [46, 0],
    [47, 1],
    [60, 1],
    [61, 2],
    [65, 2],
    [66, 3],
  ])('puts typical attenuation %i dB into bucket %i', (db, bucket) => {
    expect(attenuationBucket(db, cocoa.attenuationBucketThresholdDb)).toBe(bucket);
  });

  it('weights each bucket, then report type and infectiousness', () => {
    const config = {
      ...cocoa,
      reportTypeWeights: { 1: 1, 2: 2, 3: 0.5, 4: 1 },
      infectiousnessWeights: { standard: 0.5, high: 1 },
    };
    const w = window(
      [...scans([100], 40), ...scans([100], 50), ...scans([100], 62), ...scans([100], 90)],
      {
        reportType: ReportType.CONFIRMED_CLINICAL_DIAGNOSIS,
        infectiousness: Infectiousness.STANDARD,
      },
    );
    expect(windowScore(w, config)).toBeCloseTo((100 + 250 + 130 + 1) * 2 * 0.5);
  });

  it('sums per report type, keeps the maximum, and totals the day over all types', () => {
    const windows = [
      window(scans([300], 40)),
      window(scans([300, 300], 40)),
      window(scans([300], 40), { reportType: ReportType.SELF_REPORT }),
      window(scans([300], 40), { dateMs: DAY + 86_400_000 }),
    ];
    const [first, second] = dailySummaries(windows, cocoa, { nowMs: DAY });
    expect(first!.summariesByReportType[1]).toEqual({
      maximumScore: 600,
      scoreSum: 900,
      weightedDurationSum: 900,
    });
    expect(first!.summariesByReportType[3]).toEqual({
      maximumScore: 300,
      scoreSum: 300,
      weightedDurationSum: 300,
    });
    expect(first!.summariesByReportType[2].scoreSum).toBe(0);
    expect(first!.daySummary).toEqual({
      maximumScore: 600,
      scoreSum: 1200,
      weightedDurationSum: 1200,
    });
    expect(first!.windowCount).toBe(3);
    expect(second!.dateMs).toBe(DAY + 86_400_000);
  });

  it('drops revoked, unknown and non-infectious windows, low scores and old days', () => {
    const windows = [
      window(scans([300], 40), { reportType: ReportType.REVOKED }),
      window(scans([300], 40), { reportType: ReportType.UNKNOWN }),
      window(scans([300], 40), { infectiousness: Infectiousness.NONE }),
      window(scans([10], 90)),
      window(scans([300], 40), { dateMs: DAY - 5 * 86_400_000 }),
    ];
    const config = { ...cocoa, minimumWindowScore: 1, daysSinceExposureThreshold: 4 };
    expect(dailySummaries(windows, config, { nowMs: DAY + 3_600_000 })).toEqual([]);
    const all = dailySummaries(windows, cocoa, { nowMs: DAY });
    expect(all.map((d) => d.windowCount)).toEqual([1, 1]);
  });
});

describe('the shared exposure windows', () => {
  interface RawWindow {
    CalibrationConfidence: number;
    DateMillisSinceEpoch: number;
    Infectiousness: number;
    ReportType: number;
    ScanInstances: {
      MinAttenuationDb: number;
      SecondsSinceLastScan: number;
      TypicalAttenuationDb: number;
    }[];
  }
  const raw = JSON.parse(
    readFileSync(sharedDataPath('en-windows', 'exposure_windows.json'), 'utf8'),
  ) as RawWindow[];
  const windows: ExposureWindow[] = raw.map((w) => ({
    dateMs: w.DateMillisSinceEpoch,
    reportType: w.ReportType as ReportType,
    infectiousness: w.Infectiousness as Infectiousness,
    calibrationConfidence: w.CalibrationConfidence,
    scanInstances: w.ScanInstances.map((s) => ({
      typicalAttenuationDb: s.TypicalAttenuationDb,
      minAttenuationDb: s.MinAttenuationDb,
      secondsSinceLastScan: s.SecondsSinceLastScan,
    })),
  }));

  it('all 345 score without error into consistent daily summaries', () => {
    expect(windows).toHaveLength(345);
    const days = dailySummaries(windows, cocoa, { nowMs: Date.UTC(2021, 7, 1) });
    const scores = windows.map((w) => windowScore(w, cocoa) ?? 0);
    const total = days.reduce((sum, d) => sum + d.daySummary.scoreSum, 0);
    expect(days.length).toBeGreaterThan(0);
    expect(total).toBeCloseTo(
      scores.reduce((a, b) => a + b, 0),
      6,
    );
    expect(days.reduce((n, d) => n + d.windowCount, 0)).toBe(345);
    for (const day of days) {
      expect(Number.isFinite(day.daySummary.scoreSum)).toBe(true);
      expect(typeof isContactDay(day, COCOA_DEFAULT_CONTACT_DAY_RULE)).toBe('boolean');
    }
  });
});
