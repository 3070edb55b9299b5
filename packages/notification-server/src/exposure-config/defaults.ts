/**
 * The exposure configuration COCOA's phones downloaded in production (ExposureWindow mode),
 * as this server's defaults. Same shape and values as the published documents; a test
 * compares them with the reference copies.
 */

/** Infectiousness per days since onset: none before −3 and after +10, high in between. */
function infectiousnessByDay(): Record<string, number> {
  const table: Record<string, number> = {};
  for (let day = -14; day <= 14; day++) table[String(day)] = day >= -3 && day <= 10 ? 2 : 0;
  return table;
}

const eight = (value: number) => Array.from({ length: 8 }, () => value);
const HIGH = 2;
const CONFIRMED_TEST = 1;

/** COCOA's `configuration.json`. */
export const DEFAULT_EXPOSURE_CONFIGURATION = {
  google_exposure_config: {
    attenuation_scores: [1, 2, 3, 4, 5, 6, 7, 8],
    attenuation_weight: 50,
    days_since_last_exposure_scores: eight(1),
    days_since_last_exposure_weight: 50,
    duration_at_attenuation_thresholds: [50, 70],
    duration_scores: [0, 0, 0, 0, 1, 1, 1, 1],
    duration_weight: 50,
    minimum_risk_score: 21,
    transmission_risk_scores: eight(7),
    transmission_risk_weight: 50,
  },
  google_diagnosis_keys_data_mapping_config: {
    infectiousness_when_days_since_onset_missing: HIGH,
    report_type_when_missing: CONFIRMED_TEST,
    infectiousness_for_days_since_onset_of_symptoms: infectiousnessByDay(),
  },
  google_daily_summaries_config: {
    attenuation_bucket_threshold_db: [46, 60, 65],
    attenuation_bucket_weights: [1.0, 2.5, 1.3, 0.01],
    days_since_exposure_threshold: 0,
    infectiousness_weights: { High: 1.0, Standard: 1.0 },
    minimum_window_score: 0.0,
    report_type_weights: {
      ConfirmedClinicalDiagnosis: 1.0,
      ConfirmedTest: 1.0,
      SelfReport: 1.0,
      Recursive: 1.0,
    },
  },
  apple_exposure_config_v1: {
    attenuation_level_values: [1, 2, 3, 4, 5, 6, 7, 8],
    days_since_last_exposure_level_values: eight(1),
    duration_level_values: [0, 0, 0, 0, 1, 1, 1, 1],
    transmission_risk_level_values: [0, 0, 7, 7, 7, 7, 7, 7],
    minimum_risk_score: 21,
    minimum_risk_score_full_range: 0.0,
  },
  apple_exposure_config_v2: {
    infectiousness_when_days_since_onset_missing: HIGH,
    attenuation_duration_thresholds: [46, 60, 65],
    immediate_duration_weight: 100.0,
    near_duration_weight: 250.0,
    medium_duration_weight: 130.0,
    other_duration_weight: 1.0,
    DaysSinceLastExposureThreshold: 0,
    infectiousness_for_days_since_onset_of_symptoms: infectiousnessByDay(),
    infectiousness_high_weight: 100.0,
    infectiousness_standard_weight: 100.0,
    report_type_confirmed_clinical_diagnosis_weight: 100.0,
    report_type_confirmed_test_weight: 100.0,
    report_type_recursive_weight: 100.0,
    report_type_self_reported_weight: 100.0,
    report_type_none_map: CONFIRMED_TEST,
  },
};

const nop = { op: 'NOP', value: 0.0 };

/** COCOA's `risk_calculation_configuration.json`: score ≥ 1350 and ≥ 900 s in a day. */
export const DEFAULT_RISK_CALCULATION_CONFIGURATION = {
  format_version: 1,
  DailySummary_DaySummary_ScoreSum: { op: '>=', value: 1350.0 },
  DailySummary_DaySummary_WeightedDurationAverage: nop,
  ExposureWindow_ScanInstance_SecondsSinceLastScanSum: { op: '>=', value: 900.0 },
  ExposureWindow_ScanInstance_TypicalAttenuationDb_Max: nop,
  ExposureWindow_ScanInstance_TypicalAttenuationDb_Min: nop,
};
