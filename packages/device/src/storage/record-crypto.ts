/**
 * AES-GCM encryption of stored records with WebCrypto (`globalThis.crypto.subtle`, present in
 * browsers and Node 20). The record's name is bound as additional data, so a record copied
 * under another name fails to decrypt instead of being misread.
 */

const IV_BYTES = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A fresh AES-256-GCM key; `extractable` only for vaults that must write raw bytes to a file. */
export function generateStorageKey(extractable: boolean): Promise<CryptoKey> {
  return globalThis.crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, extractable, [
    'encrypt',
    'decrypt',
  ]);
}

/** Encrypts a JSON value as `iv ‖ ciphertext+tag`. */
export function sealRecord(key: CryptoKey, name: string, value: unknown): Promise<Uint8Array> {
  return sealBytes(key, name, encoder.encode(JSON.stringify(value)));
}

/** Encrypts bytes as `iv ‖ ciphertext+tag`. */
export async function sealBytes(
  key: CryptoKey,
  name: string,
  plain: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(name) },
    key,
    plain,
  );
  const out = new Uint8Array(IV_BYTES + sealed.byteLength);
  out.set(iv);
  out.set(new Uint8Array(sealed), IV_BYTES);
  return out;
}

/** Decrypts a JSON record; returns `undefined` when it is damaged, foreign or unparseable. */
export async function openRecord(
  key: CryptoKey,
  name: string,
  bytes: Uint8Array,
): Promise<unknown> {
  const plain = await openBytes(key, name, bytes);
  if (plain === undefined) return undefined;
  try {
    return JSON.parse(decoder.decode(plain)) as unknown;
  } catch {
    return undefined;
  }
}

/** Decrypts a record's bytes; returns `undefined` when it is damaged or foreign. */
export async function openBytes(
  key: CryptoKey,
  name: string,
  bytes: Uint8Array,
): Promise<Uint8Array | undefined> {
  if (bytes.length <= IV_BYTES) return undefined;
  try {
    const plain = await globalThis.crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.slice(0, IV_BYTES), additionalData: encoder.encode(name) },
      key,
      bytes.slice(IV_BYTES),
    );
    return new Uint8Array(plain);
  } catch {
    return undefined;
  }
}
