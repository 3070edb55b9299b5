import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import type { CryptoBackend } from '../crypto/backend.ts';

/** Backend on Node's OpenSSL binding: the fast path for servers, the CLI and benchmarks. */
export const nodeCryptoBackend: CryptoBackend = {
  randomBytes(n) {
    return new Uint8Array(randomBytes(n));
  },
  hkdfSha256,
  aes128EcbEncrypt(key, data) {
    if (data.length % 16 !== 0) throw new RangeError('aes128EcbEncrypt: data must be whole blocks');
    // Without padding and with whole blocks, final() has nothing left to add; skipping it
    // saves a native call per diagnosis key.
    const cipher = createCipheriv('aes-128-ecb', key, null);
    cipher.setAutoPadding(false);
    const out = cipher.update(data);
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  },
  aes128Ctr(key, iv, data) {
    const cipher = createCipheriv('aes-128-ctr', key, iv);
    return joinBuffers(cipher.update(data), cipher.final());
  },
};

const HASH_LENGTH = 32;
const NO_SALT = Buffer.alloc(HASH_LENGTH);

/**
 * HKDF-SHA256 (RFC 5869) from two OpenSSL HMAC calls for the usual 16-byte output. Node's
 * `hkdfSync` gives the same bytes (a test compares them) but costs about twice as much per
 * call, and matching runs one HKDF per published key.
 */
function hkdfSha256(
  ikm: Uint8Array,
  salt: Uint8Array,
  info: Uint8Array,
  length: number,
): Uint8Array {
  if (!Number.isInteger(length) || length < 0 || length > 255 * HASH_LENGTH) {
    throw new RangeError('hkdfSha256 length: expected 0..8160');
  }
  const prk = createHmac('sha256', salt.length === 0 ? NO_SALT : salt)
    .update(ikm)
    .digest();

  const out = new Uint8Array(length);
  let previous: Buffer = Buffer.alloc(0);
  for (let block = 1, offset = 0; offset < length; block++, offset += HASH_LENGTH) {
    previous = createHmac('sha256', prk)
      .update(previous)
      .update(info)
      .update(Uint8Array.of(block))
      .digest();
    out.set(previous.subarray(0, Math.min(HASH_LENGTH, length - offset)), offset);
  }
  return out;
}

function joinBuffers(head: Buffer, tail: Buffer): Uint8Array {
  if (tail.length === 0) return new Uint8Array(head.buffer, head.byteOffset, head.length);
  return new Uint8Array(Buffer.concat([head, tail]));
}
