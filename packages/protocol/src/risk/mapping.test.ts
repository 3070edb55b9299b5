import { describe, expect, it } from 'vitest';
import { Infectiousness, ReportType } from '../model.ts';
import {
  COCOA_DEFAULT_DIAGNOSIS_KEYS_DATA_MAPPING as cocoa,
  infectiousnessOf,
  reportTypeOf,
} from './mapping.ts';

describe('DiagnosisKeysDataMapping (COCOA)', () => {
  it.each([
    [-14, Infectiousness.NONE],
    [-4, Infectiousness.NONE],
    [-3, Infectiousness.HIGH],
    [0, Infectiousness.HIGH],
    [10, Infectiousness.HIGH],
    [11, Infectiousness.NONE],
    [14, Infectiousness.NONE],
    [20, Infectiousness.NONE],
  ])('maps %i days since onset to infectiousness %i', (days, expected) => {
    expect(infectiousnessOf({ daysSinceOnsetOfSymptoms: days }, cocoa)).toBe(expected);
  });

  it('treats missing days since onset as HIGH', () => {
    expect(infectiousnessOf({}, cocoa)).toBe(Infectiousness.HIGH);
  });

  it('gives keys without a report type CONFIRMED_TEST and keeps the others', () => {
    expect(reportTypeOf({}, cocoa)).toBe(ReportType.CONFIRMED_TEST);
    expect(reportTypeOf({ reportType: ReportType.UNKNOWN }, cocoa)).toBe(ReportType.CONFIRMED_TEST);
    expect(reportTypeOf({ reportType: ReportType.SELF_REPORT }, cocoa)).toBe(
      ReportType.SELF_REPORT,
    );
    expect(reportTypeOf({ reportType: ReportType.REVOKED }, cocoa)).toBe(ReportType.REVOKED);
  });
});
