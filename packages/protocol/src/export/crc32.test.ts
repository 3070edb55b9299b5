import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32.ts';

const ascii = (text: string) => new TextEncoder().encode(text);

describe('crc32', () => {
  // Published check values of CRC-32/ISO-HDLC, the variant zip, gzip and PNG use.
  it.each([
    ['no bytes', new Uint8Array(0), 0x00000000],
    ['"a"', ascii('a'), 0xe8b7be43],
    ['the check string "123456789"', ascii('123456789'), 0xcbf43926],
    ['the quick brown fox', ascii('The quick brown fox jumps over the lazy dog'), 0x414fa339],
    ['32 zero bytes', new Uint8Array(32), 0x190a55ad],
    ['every byte value once', Uint8Array.from({ length: 256 }, (_, i) => i), 0x29058c73],
  ])('matches the known value for %s', (_name, bytes, expected) => {
    expect(crc32(bytes)).toBe(expected);
  });

  it('returns an unsigned number even when the top bit is set', () => {
    expect(crc32(ascii('123456789'))).toBeGreaterThan(0x7fffffff);
  });

  it('continues over chunks to the CRC of the whole', () => {
    const bytes = ascii('EK Export v1    followed by a protobuf of some length');
    for (const cut of [0, 1, 16, bytes.length - 1, bytes.length]) {
      const first = crc32(bytes.subarray(0, cut));
      expect(crc32(bytes.subarray(cut), first)).toBe(crc32(bytes));
    }
  });

  it('agrees with zlib on pseudo-random data of many lengths', () => {
    let seed = 1;
    for (const length of [1, 3, 255, 256, 1000, 65_537]) {
      const bytes = new Uint8Array(length);
      for (let i = 0; i < length; i++) {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        bytes[i] = seed >>> 16;
      }
      expect(crc32(bytes)).toBe(zlibCrc32(bytes));
    }
  });
});
