import { ProtocolError } from '../errors.ts';
import { derToRawSignature } from './der.ts';
import type { AsyncExportVerifier } from './signing.ts';

/** Decodes the base64 body of a PEM block with the given label. */
export function pemToDer(pem: string, label: string): Uint8Array<ArrayBuffer> {
  const match = new RegExp(
    `-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`,
  ).exec(pem);
  if (match?.[1] === undefined) {
    throw new ProtocolError('EXPORT_KEY_PEM_INVALID', `expected a PEM block "${label}"`);
  }
  const binary = atob(match[1].replace(/\s+/g, ''));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/**
 * Builds a verifier on WebCrypto (browsers, and Node's `globalThis.crypto`). WebCrypto
 * wants raw `r ‖ s`, so the DER signature from export.sig is converted first; a signature
 * that is not valid DER counts as not verifying.
 */
export async function createWebCryptoVerifier(
  publicKeyPem: string,
  options: { keyId?: string; version?: string; subtle?: SubtleCrypto } = {},
): Promise<AsyncExportVerifier> {
  const subtle = options.subtle ?? globalThis.crypto.subtle;
  const spki = pemToDer(publicKeyPem, 'PUBLIC KEY');
  let key: CryptoKey;
  try {
    key = await subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'verify',
    ]);
  } catch (error) {
    throw new ProtocolError('EXPORT_KEY_PEM_INVALID', 'public key is not an ECDSA P-256 key', {
      cause: error,
    });
  }

  const verify = async (exportBin: Uint8Array, derSignature: Uint8Array): Promise<boolean> => {
    let raw: Uint8Array<ArrayBuffer>;
    try {
      raw = derToRawSignature(derSignature);
    } catch {
      return false;
    }
    return subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      key,
      raw,
      exportBin as Uint8Array<ArrayBuffer>,
    );
  };
  return { keyId: options.keyId, version: options.version, verify };
}
