/**
 * The seam for checking export-file signatures: ECDSA P-256 with SHA-256 over the whole
 * `export.bin`, header included (protocol.md §4).
 */

/** Verifies one DER-encoded ECDSA signature against one public key. */
export interface SignatureVerifier {
  /** True when `derSignature` signs `data` under the SPKI PEM key; false on any mismatch. */
  verify(data: Uint8Array, derSignature: Uint8Array, publicKeyPem: string): Promise<boolean>;
}
