import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFS, PREFS_CORRUPTED, loadPrefs, resetPrefs, savePrefs } from './prefs.ts';
import { needsConsent } from './legal/versions.ts';

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}

describe('preferences', () => {
  it('round-trips and starts from defaults', () => {
    const storage = memoryStorage();
    expect(loadPrefs(storage)).toEqual(DEFAULT_PREFS);
    const prefs = { ...DEFAULT_PREFS, language: 'en' as const, onboarded: true, distanceM: 3 };
    savePrefs(storage, { ...prefs, consent: { terms: '1.0', privacy: '1.0' } }, 'k');
    expect(loadPrefs(storage, 'k')).toEqual({
      ...prefs,
      consent: { terms: '1.0', privacy: '1.0' },
    });
    resetPrefs(storage, 'k');
    expect(loadPrefs(storage, 'k')).toEqual(DEFAULT_PREFS);
  });

  it.each(['{not json', '[]', '{"onboarded":"yes"}', '{"onboarded":true,"consent":{"terms":1}}'])(
    'reports damaged data %s as PREFS_CORRUPTED',
    (raw) => {
      const storage = memoryStorage();
      storage.setItem('cocoa.app.prefs', raw);
      expect(() => loadPrefs(storage)).toThrow(expect.objectContaining({ code: PREFS_CORRUPTED }));
    },
  );
});

describe('needsConsent', () => {
  it.each([
    { agreed: null, ask: true },
    { agreed: { terms: '1.0', privacy: '1.0' }, ask: false },
    { agreed: { terms: '0.9', privacy: '1.0' }, ask: true },
    { agreed: { terms: '1.0', privacy: '0.9' }, ask: true },
  ])('asks again when a document version changed ($agreed)', ({ agreed, ask }) => {
    expect(needsConsent(agreed, { terms: '1.0', privacy: '1.0' })).toBe(ask);
  });
});
