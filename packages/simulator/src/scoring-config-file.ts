/**
 * Reads a scoring configuration from a file for `--config`: COCOA's `configuration.json`
 * shape, optionally with COCOA's risk-calculation document under `risk_calculation_configuration`
 * (without it, COCOA's production contact-day rule applies).
 */
import { readFileSync } from 'node:fs';
import {
  COCOA_DEFAULT_CONTACT_DAY_RULE,
  contactDayRuleFromCocoa,
  parseCocoaExposureConfiguration,
  parseCocoaRiskCalculationConfiguration,
} from '@cocoa/protocol';
import type { ScoringConfig } from './replay/scoring.ts';

/** Thrown when a configuration file cannot be read or parsed. */
export class ConfigFileError extends Error {
  /** Stable reason: the file is missing or is not a valid configuration. */
  readonly code = 'CONFIG_FILE_INVALID';

  constructor(file: string, what: string) {
    super(`${file}: ${what}`);
    this.name = 'ConfigFileError';
  }
}

/** Parses a configuration file into a named scoring configuration. */
export function loadScoringConfigFile(file: string): ScoringConfig & { exposureJson: unknown } {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigFileError(file, error instanceof Error ? error.message : String(error));
  }
  try {
    const exposure = parseCocoaExposureConfiguration(json);
    const risk = json.risk_calculation_configuration;
    const rule =
      risk === undefined
        ? COCOA_DEFAULT_CONTACT_DAY_RULE
        : contactDayRuleFromCocoa(parseCocoaRiskCalculationConfiguration(risk));
    return { name: file, summaries: exposure.dailySummariesConfig, rule, exposureJson: json };
  } catch (error) {
    throw new ConfigFileError(file, error instanceof Error ? error.message : String(error));
  }
}
