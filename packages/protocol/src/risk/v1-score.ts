/**
 * The older EN v1 risk score that apps kept for compatibility: four 8-entry score tables
 * (attenuation, days since exposure, duration, transmission risk) multiplied together.
 */

/** The v1 scoring tables; each entry is a score 0..8. */
export interface V1RiskConfiguration {
  attenuationScores: readonly number[];
  daysSinceLastExposureScores: readonly number[];
  durationScores: readonly number[];
  transmissionRiskScores: readonly number[];
  /** Products below this score 0. */
  minimumRiskScore: number;
}

/** One exposure as v1 scoring saw it. */
export interface V1Exposure {
  attenuationDb: number;
  daysSinceLastExposure: number;
  durationMinutes: number;
  /** 0..8; levels above 7 use the last table entry. */
  transmissionRiskLevel: number;
}

/** COCOA's production v1 tables (Google section of its exposure configuration). */
export const COCOA_DEFAULT_V1_RISK_CONFIGURATION: V1RiskConfiguration = {
  attenuationScores: [1, 2, 3, 4, 5, 6, 7, 8],
  daysSinceLastExposureScores: [1, 1, 1, 1, 1, 1, 1, 1],
  durationScores: [0, 0, 0, 0, 1, 1, 1, 1],
  transmissionRiskScores: [7, 7, 7, 7, 7, 7, 7, 7],
  minimumRiskScore: 21,
};

// Bucket edges of the v1 tables, highest attenuation / oldest / shortest first.
const ATTENUATION_EDGES = [73, 63, 51, 33, 27, 15, 10];
const DURATION_EDGES = [0, 5, 10, 15, 20, 25, 30];

/** Index 0..7 of the attenuation table: > 73 dB is 0, ≤ 10 dB is 7. */
export function v1AttenuationIndex(attenuationDb: number): number {
  const i = ATTENUATION_EDGES.findIndex((edge) => attenuationDb > edge);
  return i === -1 ? 7 : i;
}

/** Index 0..7 of the days table: 14 days or more is 0, 0–1 days is 7. */
export function v1DaysIndex(days: number): number {
  if (days >= 14) return 0;
  return 7 - Math.floor(Math.max(0, days) / 2);
}

/** Index 0..7 of the duration table: 0 minutes is 0, over 30 minutes is 7. */
export function v1DurationIndex(minutes: number): number {
  const i = DURATION_EDGES.findIndex((edge) => minutes <= edge);
  return i === -1 ? 7 : i;
}

/** The v1 risk score of one exposure: the product of its four table scores, 0 below minimum. */
export function v1RiskScore(exposure: V1Exposure, config: V1RiskConfiguration): number {
  const trl = Math.min(7, Math.max(0, Math.trunc(exposure.transmissionRiskLevel)));
  const score =
    (config.attenuationScores[v1AttenuationIndex(exposure.attenuationDb)] ?? 0) *
    (config.daysSinceLastExposureScores[v1DaysIndex(exposure.daysSinceLastExposure)] ?? 0) *
    (config.durationScores[v1DurationIndex(exposure.durationMinutes)] ?? 0) *
    (config.transmissionRiskScores[trl] ?? 0);
  return score < config.minimumRiskScore ? 0 : score;
}
