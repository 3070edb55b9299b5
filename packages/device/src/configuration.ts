/**
 * The scoring configuration, downloaded from the server at every check (COCOA's two
 * documents: the exposure configuration and the risk-calculation thresholds).
 */
import {
  COCOA_DEFAULT_CONTACT_DAY_RULE,
  contactDayRuleFromCocoa,
  parseCocoaExposureConfiguration,
  parseCocoaRiskCalculationConfiguration,
  type ContactDayRule,
  type DailySummariesConfig,
  type DiagnosisKeysDataMapping,
} from '@cocoa/protocol';
import { download, jsonOf } from './http.ts';
import type { CannotCheckReason, DeviceServerConfig } from './types.ts';

/** Everything scoring needs. */
export interface ScoringConfig {
  /** Passed to the matcher. */
  matching: { mapping: DiagnosisKeysDataMapping };
  dailySummaries: DailySummariesConfig;
  rule: ContactDayRule;
}

/** Downloads and parses the configuration; a bad document makes the check "cannot check". */
export async function loadScoringConfig(
  fetchFn: typeof fetch,
  server: DeviceServerConfig,
): Promise<{ ok: true; value: ScoringConfig } | { ok: false; reason: CannotCheckReason }> {
  const exposure = await download(fetchFn, server.exposureConfigurationUrl, jsonOf);
  if (!exposure.ok) return exposure;

  let rule: ContactDayRule = COCOA_DEFAULT_CONTACT_DAY_RULE;
  if (server.riskCalculationConfigurationUrl) {
    const risk = await download(fetchFn, server.riskCalculationConfigurationUrl, jsonOf);
    if (!risk.ok) return risk;
    try {
      rule = contactDayRuleFromCocoa(parseCocoaRiskCalculationConfiguration(risk.value));
    } catch {
      return { ok: false, reason: 'configuration' };
    }
  }

  try {
    const parsed = parseCocoaExposureConfiguration(exposure.value);
    return {
      ok: true,
      value: {
        matching: { mapping: parsed.diagnosisKeysDataMapping },
        dailySummaries: parsed.dailySummariesConfig,
        rule,
      },
    };
  } catch {
    return { ok: false, reason: 'configuration' };
  }
}
