/**
 * The app's own small preferences (language, consent, simulated distance), kept in
 * localStorage apart from the engine's encrypted records so damage here never costs a record.
 */
import type { DocumentVersions } from './legal/versions.ts';
import { toLanguage, type Language } from './i18n/index.ts';

/** Preferences of the app shell. */
export interface AppPrefs {
  language: Language;
  /** Document versions the person agreed to, or null before any consent. */
  consent: DocumentVersions | null;
  /** True once the onboarding's permission step was completed. */
  onboarded: boolean;
  /** Distance in metres this window claims on the nearby channel (a browser stands in for BLE). */
  distanceM: number;
}

/** Stable error code when the stored preferences cannot be read. */
export const PREFS_CORRUPTED = 'PREFS_CORRUPTED';

/** Thrown when the stored preferences are not what this app wrote. */
export class PrefsCorruptedError extends Error {
  /** Stable, machine-readable reason. */
  readonly code = PREFS_CORRUPTED;

  constructor(message: string) {
    super(message);
    this.name = 'PrefsCorruptedError';
  }
}

/** localStorage key of the preferences. */
export const PREFS_KEY = 'cocoa.app.prefs';

/** Preferences of a first start. */
export const DEFAULT_PREFS: AppPrefs = {
  language: 'ja',
  consent: null,
  onboarded: false,
  distanceM: 1,
};

/** Reads the preferences; missing means defaults, unreadable throws PrefsCorruptedError. */
export function loadPrefs(storage: Storage, key = PREFS_KEY): AppPrefs {
  const raw = storage.getItem(key);
  if (raw === null) return { ...DEFAULT_PREFS };

  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new PrefsCorruptedError('stored preferences are not valid JSON');
  }
  return parsePrefs(value);
}

/** Writes the preferences. */
export function savePrefs(storage: Storage, prefs: AppPrefs, key = PREFS_KEY): void {
  storage.setItem(key, JSON.stringify(prefs));
}

/** Removes only the preferences; the engine's records are untouched. */
export function resetPrefs(storage: Storage, key = PREFS_KEY): void {
  storage.removeItem(key);
}

function parsePrefs(value: unknown): AppPrefs {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PrefsCorruptedError('stored preferences are not an object');
  }
  const v = value as Record<string, unknown>;
  const consent = v.consent === null || v.consent === undefined ? null : parseVersions(v.consent);
  if (typeof v.onboarded !== 'boolean') {
    throw new PrefsCorruptedError('stored preferences lack the onboarding flag');
  }
  const distanceM =
    typeof v.distanceM === 'number' && v.distanceM > 0 && v.distanceM < 100 ? v.distanceM : 1;
  return {
    language: toLanguage(typeof v.language === 'string' ? v.language : null),
    consent,
    onboarded: v.onboarded,
    distanceM,
  };
}

function parseVersions(value: unknown): DocumentVersions {
  const v = value as Record<string, unknown> | null;
  if (!v || typeof v.terms !== 'string' || typeof v.privacy !== 'string') {
    throw new PrefsCorruptedError('stored consent is malformed');
  }
  return { terms: v.terms, privacy: v.privacy };
}
