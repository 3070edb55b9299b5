/**
 * Text of the app in Japanese (default) and English. Every sentence lives in the JSON
 * resource files beside this module so translators never touch code.
 */
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import ja from './ja.json';
import en from './en.json';

/** Languages the interface is written in; the first is the default. */
export const LANGUAGES = ['ja', 'en'] as const;

/** One of the interface languages. */
export type Language = (typeof LANGUAGES)[number];

/** Resource bundles, exported so tests can check both languages carry the same keys. */
export const RESOURCES = { ja: { translation: ja }, en: { translation: en } } as const;

/** Narrows any string to a supported language, falling back to Japanese. */
export function toLanguage(value: string | null | undefined): Language {
  return value === 'en' ? 'en' : 'ja';
}

/** Creates and initialises an i18next instance for the given language. */
export async function createI18n(language: Language): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources: RESOURCES,
    lng: language,
    fallbackLng: 'ja',
    // React escapes text itself; escaping twice would show entities to the reader.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
