/**
 * ECDSA P-256 / SHA-256 verification with WebCrypto, for browsers and Node alike. Export files
 * carry ASN.1 DER signatures, while WebCrypto wants the raw 64-byte `r ‖ s`, so the signature
 * is converted first; a malformed one simply does not verify.
 */
import type { SignatureVerifier } from './verifier.ts';

const COORDINATE_BYTES = 32;

/** Converts a DER `SEQUENCE { INTEGER r, INTEGER s }` to raw `r ‖ s`; null if malformed. */
export function derToRawSignature(der: Uint8Array): Uint8Array<ArrayBuffer> | null {
  if (der.length < 8 || der[0] !== 0x30) return null;
  let offset = 2;
  const seqLength = der[1] ?? 0;
  if (seqLength & 0x80) {
    // Long-form lengths only appear for very large integers; P-256 never needs them.
    if (seqLength !== 0x81) return null;
    offset = 3;
    if (der[2] !== der.length - 3) return null;
  } else if (seqLength !== der.length - 2) {
    return null;
  }

  const raw = new Uint8Array(COORDINATE_BYTES * 2);
  for (let part = 0; part < 2; part++) {
    if (der[offset] !== 0x02) return null;
    const length = der[offset + 1] ?? 0;
    const start = offset + 2;
    if (length === 0 || length > COORDINATE_BYTES + 1 || start + length > der.length) return null;
    let value = der.subarray(start, start + length);
    // DER adds a leading zero when the top bit is set; strip it, then left-pad to 32 bytes.
    while (value.length > COORDINATE_BYTES && value[0] === 0) value = value.subarray(1);
    if (value.length > COORDINATE_BYTES) return null;
    raw.set(value, part * COORDINATE_BYTES + COORDINATE_BYTES - value.length);
    offset = start + length;
  }
  return offset === der.length ? raw : null;
}

/** Decodes the base64 body of a PEM block. */
export function pemToDer(pem: string): Uint8Array<ArrayBuffer> {
  const body = pem.replace(/-----(BEGIN|END)[^-]*-----/g, '').replace(/\s+/g, '');
  const binary = atob(body);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Verifier on `globalThis.crypto.subtle`; imported keys are cached per PEM. */
export function webCryptoVerifier(): SignatureVerifier {
  const keys = new Map<string, Promise<CryptoKey | null>>();
  const importKey = (pem: string): Promise<CryptoKey | null> => {
    let key = keys.get(pem);
    if (!key) {
      key = Promise.resolve()
        .then(() =>
          globalThis.crypto.subtle.importKey(
            'spki',
            new Uint8Array(pemToDer(pem)),
            { name: 'ECDSA', namedCurve: 'P-256' },
            false,
            ['verify'],
          ),
        )
        .catch(() => null);
      keys.set(pem, key);
    }
    return key;
  };

  return {
    async verify(data, derSignature, publicKeyPem) {
      const raw = derToRawSignature(derSignature);
      const key = await importKey(publicKeyPem);
      if (!raw || !key) return false;
      // Copies give WebCrypto plain ArrayBuffer views, whatever buffer the caller's bytes sit in.
      return globalThis.crypto.subtle.verify(
        { name: 'ECDSA', hash: 'SHA-256' },
        key,
        new Uint8Array(raw),
        new Uint8Array(data),
      );
    },
  };
}
