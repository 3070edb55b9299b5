import { describe, expect, it } from 'vitest';
import { ProtocolError } from './errors.ts';
import {
  PROCESSING_NUMBER_INVALID,
  isProcessingNumber,
  normalizeProcessingNumber,
} from './processing-number.ts';

describe('normalizeProcessingNumber', () => {
  it.each([
    ['plain ASCII digits', '12345678', '12345678'],
    ['full-width digits', '１２３４５６７８', '12345678'],
    ['ASCII spaces and hyphens', '1234 5678', '12345678'],
    ['hyphen groups', '1234-5678', '12345678'],
    ['full-width space', '1234\u30005678', '12345678'],
    ['full-width hyphen-minus', '１２３４－５６７８', '12345678'],
    ['minus sign and en dash', '12\u221234\u201356-78', '12345678'],
    ['long vowel mark typed as a hyphen', '1234ー5678', '12345678'],
    ['half-width long vowel mark', '1234\uff705678', '12345678'],
    ['leading and trailing spaces', '  12345678 ', '12345678'],
    ['leading zeros kept', '00000001', '00000001'],
  ])('accepts %s', (_name, input, expected) => {
    expect(normalizeProcessingNumber(input)).toBe(expected);
  });

  it.each([
    ['7 digits', '1234567'],
    ['9 digits', '123456789'],
    ['letters', '1234567a'],
    ['emoji', '1234567😀'],
    ['a trailing newline', '12345678\n'],
    ['a tab inside', '1234\t5678'],
    ['an empty string', ''],
    ['only separators', '--  --'],
    ['Arabic-Indic digits', '١٢٣٤٥٦٧٨'],
    ['an underscore', '1234_5678'],
    ['a very long string', '1'.repeat(10_000)],
  ])('refuses %s', (_name, input) => {
    expect(() => normalizeProcessingNumber(input)).toThrow(ProtocolError);
    expect(isProcessingNumber(input)).toBe(false);
  });

  it.each([[12345678], [null], [undefined], [{}], [['12345678']]])(
    'refuses the non-string %j',
    (input) => {
      expect(isProcessingNumber(input)).toBe(false);
    },
  );

  it('throws a stable code and never echoes the input', () => {
    const input = '9876543x';
    try {
      normalizeProcessingNumber(input);
      expect.unreachable('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(ProtocolError);
      expect((error as ProtocolError).code).toBe(PROCESSING_NUMBER_INVALID);
      expect((error as ProtocolError).message).not.toContain('9876543');
    }
  });
});
