import { describe, expect, it } from 'vitest';
import { PREFECTURES, findPrefecture } from './prefectures.ts';

describe('prefecture contact data', () => {
  it('covers all 47 prefectures with unique codes 01..47', () => {
    const codes = PREFECTURES.map((p) => p.code);
    expect(new Set(codes).size).toBe(47);
    expect(codes[0]).toBe('01');
    expect(codes[46]).toBe('47');
  });

  it('names every prefecture in both languages and marks unfilled entries as samples', () => {
    for (const p of PREFECTURES) {
      expect(p.name.ja).toMatch(/[都道府県]$/);
      expect(p.name.en.length).toBeGreaterThan(0);
      if (p.sample) expect(p.contact.name.en).toContain('sample');
    }
  });

  it('finds Tokyo by code', () => {
    expect(findPrefecture('13')?.name.en).toBe('Tokyo');
    expect(findPrefecture('48')).toBeUndefined();
  });
});
