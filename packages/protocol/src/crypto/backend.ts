/**
 * The seam between the protocol's cryptography and the primitives that run it: Node's OpenSSL
 * binding on servers and in tests, a pure-JavaScript implementation in the browser.
 */

/** The four synchronous primitives Exposure Notification needs; every key is 16 bytes. */
export interface CryptoBackend {
  /** Bytes from a cryptographically secure random generator. */
  randomBytes(n: number): Uint8Array;
  /** HKDF with SHA-256 (RFC 5869); an empty `salt` means "no salt". */
  hkdfSha256(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Uint8Array;
  /** AES-128 in ECB mode without padding over `data`, a whole number of 16-byte blocks. */
  aes128EcbEncrypt(key: Uint8Array, data: Uint8Array): Uint8Array;
  /** AES-128 in CTR mode with a 16-byte initial counter block; encrypts and decrypts alike. */
  aes128Ctr(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array;
}
