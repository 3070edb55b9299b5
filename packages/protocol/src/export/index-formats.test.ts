import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LimitError, ProtocolError } from '../errors.ts';
import {
  MAX_COCOA_LIST_BYTES,
  encodeCocoaList,
  parseCocoaList,
  type CocoaListEntry,
} from './cocoa-list.ts';
import { encodeIndexTxt, parseIndexTxt } from './index-txt.ts';

const segment = fc
  .stringMatching(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,15}$/)
  .filter((s) => s !== '.' && s !== '..');
const relativePath = fc
  .array(segment, { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join('/'));

const entryArbitrary: fc.Arbitrary<CocoaListEntry> = fc.record({
  region: fc.string({ minLength: 1, maxLength: 6, unit: 'grapheme' }),
  url: fc.webUrl({ validSchemes: ['https', 'http'] }),
  created: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
});

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ProtocolError);
    return (error as ProtocolError).code;
  }
  return undefined;
}

describe("COCOA's list.json", () => {
  it('parses the shape COCOA served', () => {
    const json =
      '[{"region":"440","url":"https://example.org/440/1282.zip","created":1660042811966}]';
    expect(parseCocoaList(json)).toEqual([
      { region: '440', url: 'https://example.org/440/1282.zip', created: 1_660_042_811_966 },
    ]);
  });

  it('round-trips any valid list', () => {
    fc.assert(
      fc.property(fc.array(entryArbitrary, { maxLength: 10 }), (entries) => {
        expect(parseCocoaList(encodeCocoaList(entries))).toEqual(entries);
      }),
    );
  });

  it('drops unknown fields of an entry', () => {
    const json = '[{"region":"440","url":"https://a.example/1.zip","created":1,"extra":true}]';
    expect(parseCocoaList(json)[0]).not.toHaveProperty('extra');
  });

  const bad: [string, string][] = [
    ['not JSON', '[{'],
    ['an object at top level', '{"region":"440"}'],
    ['a non-object entry', '[1]'],
    ['a missing region', '[{"url":"https://a.example/1.zip","created":1}]'],
    ['an empty region', '[{"region":"","url":"https://a.example/1.zip","created":1}]'],
    ['a relative url', '[{"region":"440","url":"/440/1.zip","created":1}]'],
    ['a javascript url', '[{"region":"440","url":"javascript:alert(1)","created":1}]'],
    ['created in text', '[{"region":"440","url":"https://a.example/1.zip","created":"1"}]'],
    ['fractional created', '[{"region":"440","url":"https://a.example/1.zip","created":1.5}]'],
    ['negative created', '[{"region":"440","url":"https://a.example/1.zip","created":-1}]'],
  ];
  it.each(bad)('refuses %s', (_name, json) => {
    expect(codeOf(() => parseCocoaList(json))).toBe('INDEX_LIST_INVALID');
  });

  it('refuses to write an invalid entry', () => {
    expect(
      codeOf(() => encodeCocoaList([{ region: '440', url: 'ftp://x/1.zip', created: 1 }])),
    ).toBe('INDEX_LIST_INVALID');
  });

  it('refuses an oversized list with a limit error', () => {
    expect(() => parseCocoaList(' '.repeat(MAX_COCOA_LIST_BYTES + 1))).toThrow(LimitError);
  });
});

describe("Google's index.txt", () => {
  it('round-trips any list of relative paths, oldest first', () => {
    fc.assert(
      fc.property(fc.array(relativePath, { maxLength: 20 }), (paths) => {
        expect(parseIndexTxt(encodeIndexTxt(paths))).toEqual(paths);
      }),
    );
  });

  it('reads CRLF files and files without a final newline', () => {
    expect(parseIndexTxt('a/1.zip\r\na/2.zip')).toEqual(['a/1.zip', 'a/2.zip']);
    expect(parseIndexTxt('')).toEqual([]);
  });

  const bad: [string, string][] = [
    ['an absolute path', '/etc/passwd\n'],
    ['a parent segment', 'a/../b.zip\n'],
    ['a URL', 'https://elsewhere.example/x.zip\n'],
    ['an empty line inside', 'a.zip\n\nb.zip\n'],
    ['whitespace', 'a b.zip\n'],
    ['a control character', 'a\u0000.zip\n'],
    ['a backslash', 'a\\b.zip\n'],
  ];
  it.each(bad)('refuses %s', (_name, text) => {
    expect(codeOf(() => parseIndexTxt(text))).toBe('INDEX_TXT_INVALID');
  });

  it('refuses to write a path that would escape the directory', () => {
    expect(codeOf(() => encodeIndexTxt(['../secret.zip']))).toBe('INDEX_TXT_INVALID');
  });
});
