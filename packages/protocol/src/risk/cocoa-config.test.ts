import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.ts';
import { sharedDataPath } from '../node/shared-data.ts';
import {
  contactDayRuleFromCocoa,
  parseCocoaExposureConfiguration,
  parseCocoaRiskCalculationConfiguration,
} from './cocoa-config.ts';
import { COCOA_DEFAULT_CONTACT_DAY_RULE } from './contact-day.ts';
import { COCOA_DEFAULT_DAILY_SUMMARIES_CONFIG } from './daily-summaries.ts';
import { COCOA_DEFAULT_DIAGNOSIS_KEYS_DATA_MAPPING } from './mapping.ts';
import { COCOA_DEFAULT_V1_RISK_CONFIGURATION } from './v1-score.ts';

const read = (name: string) => readFileSync(sharedDataPath('cocoa-config', name), 'utf8');
const exposureText = read('configuration.json');
const riskText = read('risk_calculation_configuration.json');

function expectOnlyProtocolErrors(parse: (json: unknown) => unknown, input: unknown): void {
  try {
    parse(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ProtocolError);
  }
}

describe('COCOA production configuration', () => {
  it('loads configuration.json as published, equal to the built-in defaults', () => {
    const config = parseCocoaExposureConfiguration(exposureText);
    expect(config.diagnosisKeysDataMapping).toEqual(COCOA_DEFAULT_DIAGNOSIS_KEYS_DATA_MAPPING);
    expect(config.dailySummariesConfig).toEqual(COCOA_DEFAULT_DAILY_SUMMARIES_CONFIG);
    expect(config.v1RiskConfiguration).toEqual(COCOA_DEFAULT_V1_RISK_CONFIGURATION);
  });

  it('loads risk_calculation_configuration.json as published into the default rule', () => {
    const risk = parseCocoaRiskCalculationConfiguration(riskText);
    expect(risk.scoreSum).toEqual({ op: '>=', value: 1350 });
    expect(contactDayRuleFromCocoa(risk)).toEqual(COCOA_DEFAULT_CONTACT_DAY_RULE);
  });

  it('switches a threshold off when the document says NOP', () => {
    const doc = JSON.parse(riskText) as Record<string, { op: string; value: number }>;
    doc.DailySummary_DaySummary_ScoreSum!.op = 'NOP';
    const rule = contactDayRuleFromCocoa(parseCocoaRiskCalculationConfiguration(doc));
    expect(rule).toEqual({ minScoreSum: null, minTotalSeconds: 900 });
  });

  it('refuses a criterion it cannot apply rather than ignoring it', () => {
    const doc = JSON.parse(riskText) as Record<string, { op: string; value: number }>;
    doc.ExposureWindow_ScanInstance_TypicalAttenuationDb_Max!.op = '<=';
    const risk = parseCocoaRiskCalculationConfiguration(doc);
    expect(() => contactDayRuleFromCocoa(risk)).toThrow(
      expect.objectContaining({ code: 'COCOA_RISK_RULE_UNSUPPORTED' }),
    );
  });
});

describe('bad configuration input', () => {
  const mutate = (edit: (doc: Record<string, Record<string, unknown>>) => void) => {
    const doc = JSON.parse(exposureText) as Record<string, Record<string, unknown>>;
    edit(doc);
    return doc;
  };

  it.each([
    ['text that is not JSON', '{', 'CONFIG_JSON_INVALID', 'not valid JSON'],
    ['an array', '[]', 'CONFIG_FIELD_INVALID', 'configuration'],
    [
      'a missing section',
      mutate((d) => delete d.google_daily_summaries_config),
      'CONFIG_FIELD_MISSING',
      'google_daily_summaries_config',
    ],
    [
      'thresholds out of order',
      mutate(
        (d) => (d.google_daily_summaries_config!.attenuation_bucket_threshold_db = [60, 46, 65]),
      ),
      'CONFIG_FIELD_INVALID',
      'attenuation_bucket_threshold_db',
    ],
    [
      'a weight above 2.5',
      mutate((d) => (d.google_daily_summaries_config!.attenuation_bucket_weights = [1, 3, 1, 1])),
      'CONFIG_FIELD_INVALID',
      'attenuation_bucket_weights[1]',
    ],
    [
      'a day outside -14..14',
      mutate(
        (d) =>
          ((
            d.google_diagnosis_keys_data_mapping_config!
              .infectiousness_for_days_since_onset_of_symptoms as Record<string, number>
          )['15'] = 1),
      ),
      'CONFIG_FIELD_INVALID',
      'infectiousness_for_days_since_onset_of_symptoms',
    ],
    [
      'a string where a number belongs',
      mutate((d) => (d.google_exposure_config!.minimum_risk_score = '21')),
      'CONFIG_FIELD_INVALID',
      'google_exposure_config.minimum_risk_score',
    ],
  ])('refuses %s, naming the field', (_name, input, code, fragment) => {
    expect(() => parseCocoaExposureConfiguration(input)).toThrow(
      expect.objectContaining({ code, message: expect.stringContaining(fragment) }),
    );
  });

  it('refuses an unknown operator in the risk document', () => {
    const doc = JSON.parse(riskText) as Record<string, { op: string }>;
    doc.DailySummary_DaySummary_ScoreSum!.op = '>>';
    expect(() => parseCocoaRiskCalculationConfiguration(doc)).toThrow(
      expect.objectContaining({
        code: 'CONFIG_FIELD_INVALID',
        message: expect.stringContaining('DailySummary_DaySummary_ScoreSum.op'),
      }),
    );
  });

  it('never throws anything but ProtocolError on random JSON or text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.string()), (input) => {
        expectOnlyProtocolErrors(parseCocoaExposureConfiguration, input);
        expectOnlyProtocolErrors(parseCocoaRiskCalculationConfiguration, input);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws anything but ProtocolError when one field of a real document is replaced', () => {
    const exposure = JSON.parse(exposureText) as Record<string, Record<string, unknown>>;
    const sections = Object.keys(exposure);
    fc.assert(
      fc.property(
        fc.constantFrom(...sections),
        fc.nat(),
        fc.jsonValue(),
        (section, index, value) => {
          const doc = structuredClone(exposure);
          const fields = Object.keys(doc[section]!);
          doc[section]![fields[index % fields.length]!] = value;
          expectOnlyProtocolErrors(parseCocoaExposureConfiguration, doc);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
