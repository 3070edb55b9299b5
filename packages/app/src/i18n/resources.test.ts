import { describe, expect, it } from 'vitest';
import { RESOURCES, createI18n } from './index.ts';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

// Plural suffixes differ by language (Japanese has only `_other`), so compare base keys.
const base = (key: string): string => key.replace(/_(one|other)$/, '');

describe('i18n resources', () => {
  it('gives English and Japanese the same keys', () => {
    const ja = new Set(keys(RESOURCES.ja.translation).map(base));
    const en = new Set(keys(RESOURCES.en.translation).map(base));
    expect([...ja].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !ja.has(k))).toEqual([]);
  });

  it('formats the per-day count like 2020/8/1  1件 in Japanese', async () => {
    const ja = await createI18n('ja');
    expect(ja.t('contacts.dayLine', { date: '2020/8/1', count: 1 })).toBe('2020/8/1  1件');
    const en = await createI18n('en');
    expect(en.t('contacts.dayLine', { date: '2020/8/1', count: 2 })).toBe('2020/8/1  2 contacts');
  });
});
