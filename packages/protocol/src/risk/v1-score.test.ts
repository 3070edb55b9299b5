import { describe, expect, it } from 'vitest';
import {
  COCOA_DEFAULT_V1_RISK_CONFIGURATION as cocoa,
  v1AttenuationIndex,
  v1DaysIndex,
  v1DurationIndex,
  v1RiskScore,
} from './v1-score.ts';

describe('v1 risk score', () => {
  it.each([
    [80, 0],
    [73, 1],
    [64, 1],
    [63, 2],
    [52, 2],
    [51, 3],
    [34, 3],
    [33, 4],
    [28, 4],
    [27, 5],
    [16, 5],
    [15, 6],
    [11, 6],
    [10, 7],
    [0, 7],
  ])('puts %i dB into attenuation bucket %i', (db, index) => {
    expect(v1AttenuationIndex(db)).toBe(index);
  });

  it.each([
    [20, 0],
    [14, 0],
    [13, 1],
    [12, 1],
    [5, 5],
    [2, 6],
    [1, 7],
    [0, 7],
  ])('puts %i days into bucket %i', (days, index) => {
    expect(v1DaysIndex(days)).toBe(index);
  });

  it.each([
    [0, 0],
    [1, 1],
    [5, 1],
    [6, 2],
    [15, 3],
    [16, 4],
    [30, 6],
    [31, 7],
  ])('puts %i minutes into bucket %i', (minutes, index) => {
    expect(v1DurationIndex(minutes)).toBe(index);
  });

  it("multiplies the four table scores under COCOA's tables", () => {
    const exposure = {
      attenuationDb: 45,
      daysSinceLastExposure: 3,
      durationMinutes: 20,
      transmissionRiskLevel: 4,
    };
    expect(v1RiskScore(exposure, cocoa)).toBe(4 * 1 * 1 * 7);
  });

  it('scores 0 below the minimum risk score and for short contacts', () => {
    const far = {
      attenuationDb: 70,
      daysSinceLastExposure: 3,
      durationMinutes: 20,
      transmissionRiskLevel: 4,
    };
    expect(v1RiskScore(far, cocoa)).toBe(0);
    const short = {
      attenuationDb: 5,
      daysSinceLastExposure: 0,
      durationMinutes: 10,
      transmissionRiskLevel: 4,
    };
    expect(v1RiskScore(short, cocoa)).toBe(0);
  });

  it('turns transmission risk level 0 into a zero score when its table entry is 0', () => {
    const config = {
      ...cocoa,
      transmissionRiskScores: [0, 0, 7, 7, 7, 7, 7, 7],
      minimumRiskScore: 0,
    };
    const exposure = {
      attenuationDb: 5,
      daysSinceLastExposure: 0,
      durationMinutes: 60,
      transmissionRiskLevel: 0,
    };
    expect(v1RiskScore(exposure, config)).toBe(0);
    expect(v1RiskScore({ ...exposure, transmissionRiskLevel: 8 }, config)).toBe(8 * 1 * 1 * 7);
  });
});
