import { ProtocolError } from '../errors.ts';
import { readExportMetadata } from './export-bin.ts';
import { decodeSignatureList, encodeSignatureList } from './signature-list.ts';
import {
  ECDSA_P256_SHA256_OID,
  type ExportLimits,
  type SignatureInfo,
  type TekSignature,
} from './types.ts';

/**
 * The signing seam: the rules of which signature to make and which to trust live here,
 * while the ECDSA work is done by an injected backend (node:crypto on servers, WebCrypto in
 * a browser). Signatures always cover the whole `export.bin`, header included.
 */

/** Makes one DER-encoded ECDSA P-256/SHA-256 signature and says which key made it. */
export interface ExportSigner {
  info: SignatureInfo;
  /** Returns the DER signature over `exportBin`. */
  sign(exportBin: Uint8Array): Uint8Array;
}

/** Checks a DER signature with one public key; optional id/version pick the signatures. */
export interface ExportVerifier {
  /** Only signatures whose `verification_key_id` equals this are tried, when set. */
  keyId?: string;
  /** Only signatures whose `verification_key_version` equals this are tried, when set. */
  version?: string;
  verify(exportBin: Uint8Array, derSignature: Uint8Array): boolean;
}

/** Same as ExportVerifier for backends that can only answer asynchronously (WebCrypto). */
export interface AsyncExportVerifier {
  keyId?: string;
  version?: string;
  verify(exportBin: Uint8Array, derSignature: Uint8Array): boolean | Promise<boolean>;
}

/** Signs an `export.bin` with every signer and returns the `export.sig` bytes. */
export function signExportBinWith(
  exportBin: Uint8Array,
  signers: readonly ExportSigner[],
): Uint8Array {
  if (signers.length === 0) {
    throw new ProtocolError('EXPORT_SIGNER_MISSING', 'export.sig needs at least one signer');
  }
  const { batchNum, batchSize } = readExportMetadata(exportBin);
  const signatures: TekSignature[] = signers.map((signer) => ({
    signatureInfo: signer.info,
    batchNum,
    batchSize,
    signature: signer.sign(exportBin),
  }));
  return encodeSignatureList(signatures);
}

/** Whether a signature names the verifier's key and an algorithm we can check. */
function applies(signature: TekSignature, verifier: AsyncExportVerifier): boolean {
  const info = signature.signatureInfo;
  const algorithmOk =
    info.signatureAlgorithm === '' || info.signatureAlgorithm === ECDSA_P256_SHA256_OID;
  const idOk = verifier.keyId === undefined || verifier.keyId === info.verificationKeyId;
  const versionOk =
    verifier.version === undefined || verifier.version === info.verificationKeyVersion;
  return algorithmOk && idOk && versionOk && signature.signature.length > 0;
}

/** Pairs each verifier with the signatures it should try, or says why there are none. */
function plan<V extends AsyncExportVerifier>(
  exportSig: Uint8Array,
  verifiers: readonly V[],
  limits?: Partial<ExportLimits>,
): [V, TekSignature][] {
  if (verifiers.length === 0) {
    throw new ProtocolError(
      'EXPORT_VERIFIER_MISSING',
      'no public key is configured to verify with',
    );
  }
  const signatures = decodeSignatureList(exportSig, limits);
  if (signatures.length === 0) {
    throw new ProtocolError('EXPORT_SIGNATURE_MISSING', 'export.sig holds no signature');
  }
  const pairs = verifiers.flatMap((verifier) =>
    signatures.filter((s) => applies(s, verifier)).map((s): [V, TekSignature] => [verifier, s]),
  );
  if (pairs.length === 0) {
    throw new ProtocolError(
      'EXPORT_SIGNATURE_MISSING',
      'export.sig holds no ECDSA P-256 signature for the configured key id and version',
    );
  }
  return pairs;
}

function invalid(): never {
  throw new ProtocolError(
    'EXPORT_SIGNATURE_INVALID',
    'no signature in export.sig verifies over export.bin with the configured public keys',
  );
}

/**
 * Verifies that at least one signature in `exportSig` checks out over the whole `exportBin`
 * with one of the verifiers; returns that signature, or throws EXPORT_SIGNATURE_INVALID /
 * EXPORT_SIGNATURE_MISSING.
 */
export function verifyExportBinWith(
  exportBin: Uint8Array,
  exportSig: Uint8Array,
  verifiers: readonly ExportVerifier[],
  limits?: Partial<ExportLimits>,
): TekSignature {
  for (const [verifier, signature] of plan(exportSig, verifiers, limits)) {
    if (verifier.verify(exportBin, signature.signature)) return signature;
  }
  return invalid();
}

/** The asynchronous twin of verifyExportBinWith, for WebCrypto-backed verifiers. */
export async function verifyExportBinWithAsync(
  exportBin: Uint8Array,
  exportSig: Uint8Array,
  verifiers: readonly AsyncExportVerifier[],
  limits?: Partial<ExportLimits>,
): Promise<TekSignature> {
  for (const [verifier, signature] of plan(exportSig, verifiers, limits)) {
    if (await verifier.verify(exportBin, signature.signature)) return signature;
  }
  return invalid();
}
