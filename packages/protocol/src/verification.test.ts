import { describe, expect, it } from 'vitest';
import { ProtocolError } from './errors.ts';
import {
  VERIFICATION_REQUEST_INVALID,
  VERIFICATION_RESPONSE_INVALID,
  isCalendarDate,
  parseVerificationError,
  parseVerificationRequest,
  parseVerificationResponse,
} from './verification.ts';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof ProtocolError ? error.code : 'not a ProtocolError';
  }
  return undefined;
}

describe('parseVerificationRequest', () => {
  it('normalises the number the phone typed', () => {
    expect(parseVerificationRequest({ processingNumber: '１２３４-５６７８' })).toEqual({
      processingNumber: '12345678',
    });
  });

  it.each([
    ['null', null, VERIFICATION_REQUEST_INVALID],
    ['an array', ['12345678'], VERIFICATION_REQUEST_INVALID],
    ['a missing field', { number: '12345678' }, VERIFICATION_REQUEST_INVALID],
    ['a numeric field', { processingNumber: 12345678 }, 'PROCESSING_NUMBER_INVALID'],
    ['nine digits', { processingNumber: '123456789' }, 'PROCESSING_NUMBER_INVALID'],
  ])('refuses %s', (_name, body, code) => {
    expect(codeOf(() => parseVerificationRequest(body))).toBe(code);
  });
});

describe('parseVerificationResponse', () => {
  it.each([
    [{ result: 'invalid' }, { result: 'invalid' }],
    [{ result: 'invalid', extra: 1 }, { result: 'invalid' }],
    [
      { result: 'valid', reportType: 1, testDate: '2026-11-30' },
      { result: 'valid', reportType: 1, testDate: '2026-11-30' },
    ],
    [
      { result: 'valid', reportType: 2, testDate: '2026-11-30', onsetDate: '2026-11-28' },
      { result: 'valid', reportType: 2, testDate: '2026-11-30', onsetDate: '2026-11-28' },
    ],
    [
      { result: 'valid', reportType: 1, testDate: '2024-02-29', onsetDate: null },
      { result: 'valid', reportType: 1, testDate: '2024-02-29' },
    ],
  ])('accepts %j', (body, expected) => {
    expect(parseVerificationResponse(body)).toEqual(expected);
  });

  it.each([
    ['a string', 'valid'],
    ['an unknown result', { result: 'maybe' }],
    ['a self report', { result: 'valid', reportType: 3, testDate: '2026-11-30' }],
    ['a missing test date', { result: 'valid', reportType: 1 }],
    ['an impossible date', { result: 'valid', reportType: 1, testDate: '2026-02-30' }],
    ['a timestamp', { result: 'valid', reportType: 1, testDate: '2026-11-30T00:00:00Z' }],
    ['a bad onset', { result: 'valid', reportType: 1, testDate: '2026-11-30', onsetDate: 5 }],
  ])('refuses %s', (_name, body) => {
    expect(codeOf(() => parseVerificationResponse(body))).toBe(VERIFICATION_RESPONSE_INVALID);
  });
});

describe('parseVerificationError', () => {
  it('reads { code, message } and nothing else', () => {
    expect(parseVerificationError({ code: 'RATE_LIMITED', message: 'slow down' })).toEqual({
      code: 'RATE_LIMITED',
      message: 'slow down',
    });
    expect(parseVerificationError({ error: 'x' })).toBeNull();
  });
});

describe('isCalendarDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2026-12-31', true],
    ['2026-13-01', false],
    ['26-12-01', false],
  ])('%s → %s', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });
});
