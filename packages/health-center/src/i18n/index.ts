/** Picks the text resources for a request's language. */
import { en } from './en.ts';
import { ja } from './ja.ts';
import type { Locale, Texts } from './types.ts';

export type { Locale, MessageValues, Texts } from './types.ts';

const resources: Record<Locale, Texts> = { ja, en };

/** The languages in the order the console offers them. */
export const LOCALES: readonly Locale[] = ['ja', 'en'];

/** Narrows any string to a supported locale, falling back to Japanese. */
export function toLocale(value: unknown): Locale {
  return value === 'en' ? 'en' : 'ja';
}

/** Text resources of a locale. */
export function textsFor(locale: Locale): Texts {
  return resources[locale];
}

/** Formats an instant as date and time in the given zone, the way the locale writes it. */
export function formatDateTime(locale: Locale, timeZone: string, ms: number): string {
  return new Intl.DateTimeFormat(textsFor(locale).htmlLang, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(ms));
}
