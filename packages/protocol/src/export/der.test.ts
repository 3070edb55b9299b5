import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.ts';
import { derToRawSignature, rawToDerSignature } from './der.ts';

const fromHex = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16));

describe('DER and raw ECDSA signatures', () => {
  it('round-trips any raw P-256 signature', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (raw) => {
        expect(derToRawSignature(rawToDerSignature(raw))).toEqual(raw);
      }),
      { numRuns: 500 },
    );
  });

  it('pads r with a zero byte when its top bit is set and strips leading zeros', () => {
    const raw = new Uint8Array(64);
    raw[0] = 0x80; // r = 0x80 00..00 (32 bytes): needs a 0x00 pad
    raw[63] = 0x05; // s = 5: one byte
    const der = rawToDerSignature(raw);
    expect(Array.from(der.subarray(0, 5))).toEqual([0x30, 4 + 33 + 1, 0x02, 33, 0x00]);
    expect(Array.from(der.subarray(-3))).toEqual([0x02, 0x01, 0x05]);
  });

  it('reads a DER signature written by OpenSSL', () => {
    // r has 33 bytes (leading 0x00 pad), s has 32, as in Google's example export.sig.
    const der = fromHex('3046022100' + '9e'.repeat(32) + '022100' + '90'.repeat(32));
    const raw = derToRawSignature(der);
    expect(raw).toEqual(fromHex('9e'.repeat(32) + '90'.repeat(32)));
    expect(rawToDerSignature(raw)).toEqual(der);
  });

  const bad: [string, string][] = [
    ['empty', ''],
    ['not a sequence', '310602010102010'],
    ['length mismatch', '3007020101020102'],
    ['negative integer', '3006020181020101'],
    ['superfluous zero', '300702020001020101'],
    ['trailing bytes', '30080201010201010000'],
    ['missing s', '3003020101'],
    ['r too long', '3026022101' + '11'.repeat(32) + '020101'],
    ['zero-length integer', '30050200020101'],
  ];
  it.each(bad)('refuses %s', (_name, hex) => {
    expect(() => derToRawSignature(fromHex(hex))).toThrow(ProtocolError);
  });

  it('never fails on random bytes except with ProtocolError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        try {
          derToRawSignature(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(ProtocolError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
