import { createCipheriv, hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nobleCryptoBackend } from '../crypto/noble-backend.ts';
import { nodeCryptoBackend } from './crypto-backend.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('nodeCryptoBackend', () => {
  it("computes HKDF like OpenSSL's own hkdfSync and like noble, for any input", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 40 }),
        fc.uint8Array({ maxLength: 40 }),
        fc.uint8Array({ maxLength: 20 }),
        fc.integer({ min: 1, max: 100 }),
        (ikm, salt, info, length) => {
          const ours = hex(nodeCryptoBackend.hkdfSha256(ikm, salt, info, length));
          expect(ours).toBe(hex(new Uint8Array(hkdfSync('sha256', ikm, salt, info, length))));
          expect(ours).toBe(hex(nobleCryptoBackend.hkdfSha256(ikm, salt, info, length)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('encrypts AES-128-ECB and CTR like noble for any key and data', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.integer({ min: 0, max: 8 }),
        fc.uint8Array({ maxLength: 40 }),
        (key, iv, blocks, data) => {
          const plain = new Uint8Array(blocks * 16).map((_, i) => i * 7);
          expect(hex(nodeCryptoBackend.aes128EcbEncrypt(key, plain))).toBe(
            hex(nobleCryptoBackend.aes128EcbEncrypt(key, plain)),
          );
          expect(hex(nodeCryptoBackend.aes128Ctr(key, iv, data))).toBe(
            hex(nobleCryptoBackend.aes128Ctr(key, iv, data)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('uses the first CTR keystream block AES(key, IV), which the matcher relies on', () => {
    const key = nodeCryptoBackend.randomBytes(16);
    const iv = nodeCryptoBackend.randomBytes(16);
    const cipher = createCipheriv('aes-128-ecb', key, null).setAutoPadding(false);
    const block = cipher.update(iv);
    const ctr = nodeCryptoBackend.aes128Ctr(key, iv, new Uint8Array(4));
    expect(hex(ctr)).toBe(hex(block.subarray(0, 4)));
  });

  it('refuses ECB input that is not whole blocks instead of dropping the tail', () => {
    const key = new Uint8Array(16);
    expect(() => nodeCryptoBackend.aes128EcbEncrypt(key, new Uint8Array(20))).toThrow(RangeError);
  });
});
