import { ctr, ecb } from '@noble/ciphers/aes.js';
import { randomBytes } from '@noble/ciphers/utils.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { CryptoBackend } from './backend.ts';

/**
 * Pure-JavaScript backend (audited noble libraries) for browsers, where `node:crypto` does not
 * exist and WebCrypto offers neither synchronous calls nor AES-ECB.
 */
export const nobleCryptoBackend: CryptoBackend = {
  randomBytes(n) {
    return randomBytes(n);
  },
  hkdfSha256(ikm, salt, info, length) {
    // HKDF treats an absent salt as HashLen zero bytes, so an empty one is passed as undefined.
    return hkdf(sha256, ikm, salt.length === 0 ? undefined : salt, info, length);
  },
  aes128EcbEncrypt(key, data) {
    return ecb(key, { disablePadding: true }).encrypt(data);
  },
  aes128Ctr(key, iv, data) {
    return ctr(key, iv).encrypt(data);
  },
};
