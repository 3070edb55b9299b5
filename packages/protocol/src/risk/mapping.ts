import { Infectiousness, ReportType, type TemporaryExposureKey } from '../model.ts';

/**
 * How a diagnosis key's optional fields turn into the report type and infectiousness its
 * exposure windows carry (protocol.md §7, DiagnosisKeysDataMapping).
 */
export interface DiagnosisKeysDataMapping {
  /** Infectiousness per days since onset, -14..+14; a missing day means NONE. */
  infectiousnessForDaysSinceOnsetOfSymptoms: Readonly<Record<number, Infectiousness>>;
  /** Report type given to keys that carry none (or UNKNOWN). */
  reportTypeWhenMissing: ReportType;
  /** Infectiousness of keys without days since onset. */
  infectiousnessWhenDaysSinceOnsetMissing: Infectiousness;
}

function cocoaInfectiousness(): Record<number, Infectiousness> {
  const table: Record<number, Infectiousness> = {};
  for (let day = -14; day <= 14; day++) {
    table[day] = day >= -3 && day <= 10 ? Infectiousness.HIGH : Infectiousness.NONE;
  }
  return table;
}

/** COCOA's production mapping: −3..+10 HIGH, other days NONE; missing → HIGH, CONFIRMED_TEST. */
export const COCOA_DEFAULT_DIAGNOSIS_KEYS_DATA_MAPPING: DiagnosisKeysDataMapping = {
  infectiousnessForDaysSinceOnsetOfSymptoms: cocoaInfectiousness(),
  reportTypeWhenMissing: ReportType.CONFIRMED_TEST,
  infectiousnessWhenDaysSinceOnsetMissing: Infectiousness.HIGH,
};

/** The report type a key's windows carry under a mapping. */
export function reportTypeOf(
  key: Pick<TemporaryExposureKey, 'reportType'>,
  mapping: DiagnosisKeysDataMapping,
): ReportType {
  const type = key.reportType;
  return type === undefined || type === ReportType.UNKNOWN ? mapping.reportTypeWhenMissing : type;
}

/** The infectiousness a key's windows carry under a mapping. */
export function infectiousnessOf(
  key: Pick<TemporaryExposureKey, 'daysSinceOnsetOfSymptoms'>,
  mapping: DiagnosisKeysDataMapping,
): Infectiousness {
  const days = key.daysSinceOnsetOfSymptoms;
  if (days === undefined) return mapping.infectiousnessWhenDaysSinceOnsetMissing;
  return mapping.infectiousnessForDaysSinceOnsetOfSymptoms[days] ?? Infectiousness.NONE;
}
