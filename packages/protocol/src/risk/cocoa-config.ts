import { ProtocolError } from '../errors.ts';
import type { Infectiousness, ReportType } from '../model.ts';
import type { ContactDayRule } from './contact-day.ts';
import type { DailySummariesConfig } from './daily-summaries.ts';
import { parseJsonInput, readEnum, readNumber, readNumbers, readObject } from './json-reader.ts';
import type { DiagnosisKeysDataMapping } from './mapping.ts';
import type { V1RiskConfiguration } from './v1-score.ts';

/**
 * Readers for the two documents COCOA downloaded in production (`configuration.json` and
 * `risk_calculation_configuration.json`), taking the files exactly as published.
 */

/** The parts of COCOA's exposure configuration the scoring uses. */
export interface CocoaExposureConfiguration {
  diagnosisKeysDataMapping: DiagnosisKeysDataMapping;
  dailySummariesConfig: DailySummariesConfig;
  v1RiskConfiguration: V1RiskConfiguration;
}

/** A comparison COCOA applies to one daily value; NOP switches it off. */
export interface CocoaCriterion {
  op: CocoaOp;
  value: number;
}

/** The comparison operators COCOA's risk document may use. */
export type CocoaOp = 'NOP' | '>=' | '>' | '<=' | '<' | '==';

/** COCOA's contact-day thresholds, one criterion per daily value. */
export interface CocoaRiskCalculationConfiguration {
  scoreSum: CocoaCriterion;
  weightedDurationAverage: CocoaCriterion;
  secondsSinceLastScanSum: CocoaCriterion;
  typicalAttenuationDbMax: CocoaCriterion;
  typicalAttenuationDbMin: CocoaCriterion;
}

const OPS: readonly CocoaOp[] = ['NOP', '>=', '>', '<=', '<', '=='];
const WEIGHT_MAX = 2.5;

/** Parses COCOA's `configuration.json` (text or parsed JSON); unknown sections are ignored. */
export function parseCocoaExposureConfiguration(json: unknown): CocoaExposureConfiguration {
  const root = readObject(parseJsonInput(json, 'exposure configuration'), 'configuration');
  return {
    diagnosisKeysDataMapping: readMapping(root.google_diagnosis_keys_data_mapping_config),
    dailySummariesConfig: readDailySummariesConfig(root.google_daily_summaries_config),
    v1RiskConfiguration: readV1(root.google_exposure_config),
  };
}

function readMapping(value: unknown): DiagnosisKeysDataMapping {
  const path = 'google_diagnosis_keys_data_mapping_config';
  const section = readObject(value, path);
  const daysPath = `${path}.infectiousness_for_days_since_onset_of_symptoms`;
  const days = readObject(section.infectiousness_for_days_since_onset_of_symptoms, daysPath);

  const table: Record<number, Infectiousness> = {};
  for (const [day, infectiousness] of Object.entries(days)) {
    const n = /^-?\d+$/.test(day) ? Number(day) : NaN;
    if (!(n >= -14 && n <= 14)) {
      throw new ProtocolError('CONFIG_FIELD_INVALID', `${daysPath}: key "${day}" not in -14..14`);
    }
    table[n] = readNumber(infectiousness, `${daysPath}.${day}`, 0, 2, true) as Infectiousness;
  }
  return {
    infectiousnessForDaysSinceOnsetOfSymptoms: table,
    reportTypeWhenMissing: readNumber(
      section.report_type_when_missing,
      `${path}.report_type_when_missing`,
      1,
      4,
      true,
    ) as ReportType,
    infectiousnessWhenDaysSinceOnsetMissing: readNumber(
      section.infectiousness_when_days_since_onset_missing,
      `${path}.infectiousness_when_days_since_onset_missing`,
      0,
      2,
      true,
    ) as Infectiousness,
  };
}

function readDailySummariesConfig(value: unknown): DailySummariesConfig {
  const path = 'google_daily_summaries_config';
  const section = readObject(value, path);

  const thresholdsPath = `${path}.attenuation_bucket_threshold_db`;
  const [t0, t1, t2] = readNumbers(
    section.attenuation_bucket_threshold_db,
    thresholdsPath,
    3,
    0,
    255,
    true,
  );
  if (!(t0! < t1! && t1! < t2!)) {
    throw new ProtocolError(
      'CONFIG_FIELD_INVALID',
      `${thresholdsPath}: expected strictly increasing`,
    );
  }
  const [w0, w1, w2, w3] = readNumbers(
    section.attenuation_bucket_weights,
    `${path}.attenuation_bucket_weights`,
    4,
    0,
    WEIGHT_MAX,
  );
  const typePath = `${path}.report_type_weights`;
  const types = readObject(section.report_type_weights, typePath);
  const infPath = `${path}.infectiousness_weights`;
  const inf = readObject(section.infectiousness_weights, infPath);

  return {
    attenuationBucketThresholdDb: [t0!, t1!, t2!],
    attenuationBucketWeights: [w0!, w1!, w2!, w3!],
    reportTypeWeights: {
      1: readNumber(types.ConfirmedTest, `${typePath}.ConfirmedTest`, 0, WEIGHT_MAX),
      2: readNumber(
        types.ConfirmedClinicalDiagnosis,
        `${typePath}.ConfirmedClinicalDiagnosis`,
        0,
        WEIGHT_MAX,
      ),
      3: readNumber(types.SelfReport, `${typePath}.SelfReport`, 0, WEIGHT_MAX),
      4: readNumber(types.Recursive, `${typePath}.Recursive`, 0, WEIGHT_MAX),
    },
    infectiousnessWeights: {
      standard: readNumber(inf.Standard, `${infPath}.Standard`, 0, WEIGHT_MAX),
      high: readNumber(inf.High, `${infPath}.High`, 0, WEIGHT_MAX),
    },
    daysSinceExposureThreshold: readNumber(
      section.days_since_exposure_threshold,
      `${path}.days_since_exposure_threshold`,
      0,
      14,
      true,
    ),
    minimumWindowScore: readNumber(
      section.minimum_window_score,
      `${path}.minimum_window_score`,
      0,
      Number.MAX_VALUE,
    ),
  };
}

function readV1(value: unknown): V1RiskConfiguration {
  const path = 'google_exposure_config';
  const section = readObject(value, path);
  const scores = (field: string) => readNumbers(section[field], `${path}.${field}`, 8, 0, 8, true);
  return {
    attenuationScores: scores('attenuation_scores'),
    daysSinceLastExposureScores: scores('days_since_last_exposure_scores'),
    durationScores: scores('duration_scores'),
    transmissionRiskScores: scores('transmission_risk_scores'),
    minimumRiskScore: readNumber(
      section.minimum_risk_score,
      `${path}.minimum_risk_score`,
      0,
      4096,
      true,
    ),
  };
}

/** Parses COCOA's `risk_calculation_configuration.json` (text or parsed JSON). */
export function parseCocoaRiskCalculationConfiguration(
  json: unknown,
): CocoaRiskCalculationConfiguration {
  const root = readObject(parseJsonInput(json, 'risk calculation configuration'), 'configuration');
  readNumber(root.format_version, 'format_version', 1, 1, true);
  const criterion = (field: string): CocoaCriterion => {
    const section = readObject(root[field], field);
    return {
      op: readEnum(section.op, `${field}.op`, OPS),
      value: readNumber(section.value, `${field}.value`, -Number.MAX_VALUE, Number.MAX_VALUE),
    };
  };
  return {
    scoreSum: criterion('DailySummary_DaySummary_ScoreSum'),
    weightedDurationAverage: criterion('DailySummary_DaySummary_WeightedDurationAverage'),
    secondsSinceLastScanSum: criterion('ExposureWindow_ScanInstance_SecondsSinceLastScanSum'),
    typicalAttenuationDbMax: criterion('ExposureWindow_ScanInstance_TypicalAttenuationDb_Max'),
    typicalAttenuationDbMin: criterion('ExposureWindow_ScanInstance_TypicalAttenuationDb_Min'),
  };
}

/**
 * The contact-day rule a COCOA risk document describes. Only the two criteria COCOA ever
 * switched on are supported, and only as "≥" (or NOP); anything else is refused rather than
 * silently ignored, so a changed server document can never be half applied.
 */
export function contactDayRuleFromCocoa(config: CocoaRiskCalculationConfiguration): ContactDayRule {
  const unsupported = [
    ['DailySummary_DaySummary_WeightedDurationAverage', config.weightedDurationAverage],
    ['ExposureWindow_ScanInstance_TypicalAttenuationDb_Max', config.typicalAttenuationDbMax],
    ['ExposureWindow_ScanInstance_TypicalAttenuationDb_Min', config.typicalAttenuationDbMin],
  ] as const;
  for (const [field, c] of unsupported) {
    if (c.op !== 'NOP') {
      throw new ProtocolError('COCOA_RISK_RULE_UNSUPPORTED', `${field}: only NOP is supported`);
    }
  }
  return {
    minScoreSum: minimumOf('DailySummary_DaySummary_ScoreSum', config.scoreSum),
    minTotalSeconds: minimumOf(
      'ExposureWindow_ScanInstance_SecondsSinceLastScanSum',
      config.secondsSinceLastScanSum,
    ),
  };
}

function minimumOf(field: string, c: CocoaCriterion): number | null {
  if (c.op === 'NOP') return null;
  if (c.op === '>=') return c.value;
  throw new ProtocolError('COCOA_RISK_RULE_UNSUPPORTED', `${field}: only >= or NOP is supported`);
}
