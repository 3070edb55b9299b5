/**
 * Where people with a confirmed contact call or go, per prefecture. The data file ships with
 * sample entries for all 47 prefectures; the operator fills in the real details before use.
 */
import data from './prefectures.json';

/** Whether a prefecture routes people through a consultation center before the clinic. */
export type GuidanceRoute = 'consultation-first' | 'clinic-direct';

/** Text in both interface languages. */
export interface LocalizedText {
  ja: string;
  en: string;
}

/** Contact information for one prefecture. */
export interface PrefectureContact {
  /** JIS X 0401 code, `"01"`..`"47"`. */
  code: string;
  name: LocalizedText;
  route: GuidanceRoute;
  contact: { name: LocalizedText; phone: string; hours: LocalizedText; url: string };
  /** True while the entry holds placeholder details the operator has not replaced. */
  sample: boolean;
}

/** All 47 prefectures in JIS code order. */
export const PREFECTURES: readonly PrefectureContact[] = data.prefectures.map((p) => ({
  ...p,
  route: p.route === 'clinic-direct' ? 'clinic-direct' : 'consultation-first',
}));

/** Looks a prefecture up by its JIS code. */
export function findPrefecture(code: string): PrefectureContact | undefined {
  return PREFECTURES.find((p) => p.code === code);
}
