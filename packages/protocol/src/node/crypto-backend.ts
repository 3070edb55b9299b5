import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { CryptoBackend } from '../crypto/backend.ts';

/** Backend on Node's OpenSSL binding: the fast path for servers, the CLI and benchmarks. */
export const nodeCryptoBackend: CryptoBackend = {
  randomBytes(n) {
    return new Uint8Array(randomBytes(n));
  },
  hkdfSha256(ikm, salt, info, length) {
    return new Uint8Array(hkdfSync('sha256', ikm, salt, info, length));
  },
  aes128EcbEncrypt(key, data) {
    const cipher = createCipheriv('aes-128-ecb', key, null);
    cipher.setAutoPadding(false);
    return joinBuffers(cipher.update(data), cipher.final());
  },
  aes128Ctr(key, iv, data) {
    const cipher = createCipheriv('aes-128-ctr', key, iv);
    return joinBuffers(cipher.update(data), cipher.final());
  },
};

function joinBuffers(head: Buffer, tail: Buffer): Uint8Array {
  if (tail.length === 0) return new Uint8Array(head.buffer, head.byteOffset, head.length);
  return new Uint8Array(Buffer.concat([head, tail]));
}
