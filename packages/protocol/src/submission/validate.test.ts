import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReportType } from '../model.ts';
import { embargoUntilMs, isKeyStillValid, minimumKeyEndInterval } from './key-rules.ts';
import { parseDiagnosisSubmission } from './parse.ts';
import { keyBody, submissionBody } from './test-fixtures.ts';
import { deriveTransmissionRisk } from './transmission-risk.ts';
import { validateSubmission } from './validate.ts';
import type { DiagnosisSubmissionBody } from './body.ts';

const CONFIRMED = { reportType: ReportType.CONFIRMED_TEST } as const;

function validate(body: DiagnosisSubmissionBody, nowMs: number) {
  return validateSubmission(parseDiagnosisSubmission(body), { ...CONFIRMED, nowMs });
}

function refusal(body: DiagnosisSubmissionBody, nowMs: number): string {
  try {
    validate(body, nowMs);
    return 'OK';
  } catch (e) {
    return (e as { code: string }).code;
  }
}

describe('validateSubmission', () => {
  const june4 = Date.UTC(2020, 5, 4, 15);

  it('stores 14 consecutive daily keys and embargoes the still-valid one until 02:00 next day', () => {
    const keys = Array.from({ length: 14 }, (_, i) => keyBody(i + 1, 2650176 + 144 * i));
    expect(keys.at(-1)?.rollingStartNumber).toBe(2652048);

    const result = validate(submissionBody(keys), june4);
    expect(result.accepted).toHaveLength(14);
    expect(result.dropped).toEqual([]);

    const last = result.accepted.at(-1);
    expect(last && isKeyStillValid(last, june4)).toBe(true);
    expect(last?.embargoUntilMs).toBe(Date.UTC(2020, 5, 5, 2));
    const others = result.accepted.slice(0, -1).map((k) => k.embargoUntilMs);
    expect(Math.max(...others)).toBeLessThanOrEqual(Date.UTC(2020, 5, 4, 2));
  });

  it.each([
    ['same start, periods 104 and 142', [keyBody(1, 2656800, 104), keyBody(2, 2656800, 142)], 'OK'],
    ['three keys sharing a start', [1, 2, 3].map((f) => keyBody(f, 2656800, 100 + f)), 'OK'],
    [
      'four keys sharing a start',
      [1, 2, 3, 4].map((f) => keyBody(f, 2656800, 100 + f)),
      'SUBMISSION_KEYS_OVERLAP',
    ],
    [
      '2656850 inside 2656800+144',
      [keyBody(1, 2656800), keyBody(2, 2656850)],
      'SUBMISSION_KEYS_OVERLAP',
    ],
    ['adjacent days', [keyBody(1, 2656800), keyBody(2, 2656944)], 'OK'],
    ['one interval overlap', [keyBody(1, 2656800), keyBody(2, 2656943)], 'SUBMISSION_KEYS_OVERLAP'],
  ])('overlap: %s', (_name, keys, code) => {
    const now = Date.UTC(2020, 6, 15);
    const body = submissionBody(keys, { onsetOfSymptomOrTestDate: '2020-07-10T00:00Z' });
    expect(refusal(body, now)).toBe(code);
  });

  describe('the 14-day bound', () => {
    const bound = 2652048;
    const now = bound * 600_000 + 14 * 86_400_000;
    const onset = { onsetOfSymptomOrTestDate: '2020-06-10T00:00Z' };

    it('puts the minimum end at now minus 14 days', () => {
      expect(minimumKeyEndInterval(now)).toBe(bound);
    });

    it.each([
      ['ends exactly at the bound', 2651904, 1],
      ['ends one interval before the bound', 2651903, 0],
    ])('a key that %s', (_name, start, kept) => {
      const result = validate(submissionBody([keyBody(1, start)], onset), now);
      expect(result.accepted).toHaveLength(kept);
      expect(result.dropped.map((d) => d.reason)).toEqual(kept ? [] : ['KEY_TOO_OLD']);
    });
  });

  it("accepts yesterday's full key beside today's 60-interval key", () => {
    const today = 2652048;
    const body = submissionBody([keyBody(1, today - 144), keyBody(2, today, 60)]);
    const result = validate(body, june4);
    expect(result.accepted.map((k) => k.rollingPeriod)).toEqual([144, 60]);
  });

  it('drops the one key of 15 that ended 15 days ago and keeps the rest', () => {
    const recent = Array.from({ length: 14 }, (_, i) => keyBody(i + 2, 2650176 + 144 * i));
    // 2649744 covers 19 May and ended on 20 May 00:00 UTC, 15 days before 4 June.
    const keys = [keyBody(1, 2649744), ...recent];
    const result = validate(
      submissionBody(keys, { onsetOfSymptomOrTestDate: '2020-05-28T00:00+09:00' }),
      june4,
    );
    expect(result.dropped).toEqual([{ index: 0, reason: 'KEY_TOO_OLD' }]);
    expect(result.accepted).toHaveLength(14);
  });

  it('drops a key from the future', () => {
    const result = validate(submissionBody([keyBody(1, 2652048 + 144)]), june4);
    expect(result.dropped).toEqual([{ index: 0, reason: 'KEY_IN_FUTURE' }]);
  });

  describe('days since onset', () => {
    const now = Date.UTC(2022, 7, 10, 3);

    it('gives -4 for a key of 2022-08-04 UTC and a JST onset on 8 August', () => {
      const body = submissionBody([keyBody(1, 2765952)], {
        onsetOfSymptomOrTestDate: '2022-08-08T00:00+09:00',
      });
      expect(validate(body, now).accepted[0]?.daysSinceOnsetOfSymptoms).toBe(-4);
    });

    it('refuses an onset three days in the future', () => {
      const body = submissionBody([keyBody(1, 2765952)], {
        onsetOfSymptomOrTestDate: '2022-08-13T00:00+09:00',
      });
      expect(refusal(body, now)).toBe('SUBMISSION_ONSET_IN_FUTURE');
    });

    it('drops a key 20 days after onset', () => {
      const body = submissionBody([keyBody(1, 2765952 + 6 * 144)], {
        onsetOfSymptomOrTestDate: '2022-07-21T09:00+09:00',
      });
      expect(validate(body, now).dropped).toEqual([
        { index: 0, reason: 'KEY_DAYS_SINCE_ONSET_OUT_OF_RANGE' },
      ]);
    });

    it('drops a key 20 days before onset', () => {
      const onsetDay = 2765952 + 4 * 144; // 8 August UTC
      const body = submissionBody([keyBody(1, onsetDay - 20 * 144), keyBody(2, onsetDay)], {
        onsetOfSymptomOrTestDate: '2022-08-08T12:00Z',
      });
      const result = validate(body, Date.UTC(2022, 7, 9));
      expect(result.dropped).toEqual([{ index: 0, reason: 'KEY_DAYS_SINCE_ONSET_OUT_OF_RANGE' }]);
      expect(result.accepted.map((k) => k.daysSinceOnsetOfSymptoms)).toEqual([0]);
    });
  });

  it('accepts an empty key list', () => {
    expect(validate(submissionBody([]), june4)).toEqual({ accepted: [], dropped: [] });
  });

  it('takes the report type from the verification answer, not from the phone', () => {
    const body = submissionBody([{ ...keyBody(1, 2652048 - 144), reportType: 3 }]);
    const result = validateSubmission(parseDiagnosisSubmission(body), {
      nowMs: june4,
      reportType: ReportType.CONFIRMED_CLINICAL_DIAGNOSIS,
    });
    expect(result.accepted[0]?.reportType).toBe(ReportType.CONFIRMED_CLINICAL_DIAGNOSIS);
  });

  it('embargo is two hours after the end of validity', () => {
    expect(embargoUntilMs({ rollingStartIntervalNumber: 2652048, rollingPeriod: 60 })).toBe(
      Date.UTC(2020, 5, 4, 12),
    );
  });
});

describe('deriveTransmissionRisk', () => {
  it('is never 0 and stays in 1..8 for every report type and day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.integer({ min: -30, max: 30 }), (rt, d) => {
        const level = deriveTransmissionRisk(rt as ReportType, d);
        return level >= 1 && level <= 8;
      }),
    );
  });

  it('is never 0 on any accepted key', () => {
    const keys = Array.from({ length: 14 }, (_, i) => keyBody(i + 1, 2650176 + 144 * i));
    const levels = validate(submissionBody(keys), Date.UTC(2020, 5, 4, 15)).accepted.map(
      (k) => k.transmissionRiskLevel,
    );
    expect(levels.every((l) => l > 0)).toBe(true);
  });

  it.each([
    [ReportType.CONFIRMED_TEST, 0, 6],
    [ReportType.CONFIRMED_TEST, -4, 5],
    [ReportType.CONFIRMED_CLINICAL_DIAGNOSIS, 8, 3],
    [ReportType.CONFIRMED_TEST, 12, 2],
    [ReportType.SELF_REPORT, 0, 5],
    [ReportType.RECURSIVE, 0, 1],
    [ReportType.UNKNOWN, 0, 1],
  ])('report type %i, day %i gives %i', (rt, days, level) => {
    expect(deriveTransmissionRisk(rt, days)).toBe(level);
  });
});
