import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeCryptoBackend } from '../node/crypto-backend.ts';
import { sharedDataPath } from '../node/shared-data.ts';
import { decodeMetadata } from '../metadata.ts';
import { nobleCryptoBackend } from './noble-backend.ts';
import {
  decryptMetadata,
  deriveAemk,
  deriveRpik,
  encryptMetadata,
  rollingProximityId,
  rollingProximityIds,
} from './keys.ts';

interface Vectors {
  tek: string;
  rpik: string;
  aemk: string;
  ble_metadata: string;
  ctinterval_number_of_generated_key: number;
  intervals: { en_interval_number: number; rpi: string; aem: string }[];
}

const vectors = JSON.parse(
  readFileSync(sharedDataPath('vectors', 'en_test_vectors_v1.2.json'), 'utf8'),
) as Vectors;
const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe.each([
  ['node:crypto', nodeCryptoBackend],
  ['noble', nobleCryptoBackend],
])('EN crypto v1.2 vectors with the %s backend', (_name, backend) => {
  const tek = hex(vectors.tek);

  it('derives RPIK and AEMK', () => {
    expect(toHex(deriveRpik(backend, tek))).toBe(vectors.rpik);
    expect(toHex(deriveAemk(backend, tek))).toBe(vectors.aemk);
  });

  it('derives all 144 RPIs one by one and in one batch', () => {
    const rpik = deriveRpik(backend, tek);
    const first = vectors.ctinterval_number_of_generated_key;
    const batch = rollingProximityIds(backend, rpik, first, 144).map(toHex);
    expect(vectors.intervals).toHaveLength(144);
    for (const [i, v] of vectors.intervals.entries()) {
      expect(toHex(rollingProximityId(backend, rpik, v.en_interval_number))).toBe(v.rpi);
      expect(batch[i]).toBe(v.rpi);
    }
  });

  it('encrypts and decrypts all 144 AEMs', () => {
    const aemk = deriveAemk(backend, tek);
    const metadata = hex(vectors.ble_metadata);
    for (const v of vectors.intervals) {
      const aem = encryptMetadata(backend, aemk, hex(v.rpi), metadata);
      expect(toHex(aem)).toBe(v.aem);
      expect(toHex(decryptMetadata(backend, aemk, hex(v.rpi), hex(v.aem)))).toBe(
        vectors.ble_metadata,
      );
    }
  });

  it('encrypts metadata given as fields like its encoded bytes', () => {
    const aemk = deriveAemk(backend, tek);
    const v = vectors.intervals[0]!;
    const fields = decodeMetadata(hex(vectors.ble_metadata));
    expect(toHex(encryptMetadata(backend, aemk, hex(v.rpi), fields))).toBe(v.aem);
  });

  it('gives random bytes of the asked length that differ between calls', () => {
    const a = backend.randomBytes(16);
    const b = backend.randomBytes(16);
    expect(a).toHaveLength(16);
    expect(toHex(a)).not.toBe(toHex(b));
  });
});
