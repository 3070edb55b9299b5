import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { ProtocolError } from '../errors.ts';
import { encodeExportBin } from '../export/export-bin.ts';
import {
  signExportBinWith,
  verifyExportBinWith,
  type ExportSigner,
  type ExportVerifier,
} from '../export/signing.ts';
import type { ExportBatch, ExportLimits, SignatureInfo, TekSignature } from '../export/types.ts';
import { packExportZip } from '../export/zip.ts';

/** A private signing key in PEM form and the SignatureInfo that names it in files. */
export interface ExportSigningKey {
  privateKeyPem: string;
  info: SignatureInfo;
}

/** A public key in PEM form, optionally restricted to signatures with this id/version. */
export interface ExportVerificationKey {
  pem: string;
  keyId?: string;
  version?: string;
}

/** Refuses anything but an EC key on P-256 (OpenSSL calls it prime256v1). */
function requireP256(key: KeyObject, what: string): KeyObject {
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType !== 'ec' || (curve !== 'prime256v1' && curve !== 'P-256')) {
    throw new ProtocolError('EXPORT_KEY_PEM_INVALID', `${what} is not an ECDSA P-256 key`);
  }
  return key;
}

/** Parses a PEM key without letting the key text reach an error message. */
function parseKey(pem: string, kind: 'private' | 'public'): KeyObject {
  try {
    const key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
    return requireP256(key, `${kind} key`);
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError('EXPORT_KEY_PEM_INVALID', `${kind} key is not a readable PEM key`);
  }
}

/** An ExportSigner backed by node:crypto, producing DER signatures as phones require. */
export function createNodeSigner(privateKeyPem: string, info: SignatureInfo): ExportSigner {
  const key = parseKey(privateKeyPem, 'private');
  return {
    info,
    sign: (exportBin) => new Uint8Array(sign('sha256', exportBin, { key, dsaEncoding: 'der' })),
  };
}

/** An ExportVerifier backed by node:crypto; malformed signatures count as not verifying. */
export function createNodeVerifier(key: string | ExportVerificationKey): ExportVerifier {
  const spec = typeof key === 'string' ? { pem: key } : key;
  const publicKey = parseKey(spec.pem, 'public');
  return {
    keyId: spec.keyId,
    version: spec.version,
    verify: (exportBin, derSignature) => {
      try {
        return verify('sha256', exportBin, { key: publicKey, dsaEncoding: 'der' }, derSignature);
      } catch {
        return false;
      }
    },
  };
}

/** Signs a whole `export.bin` with every key and returns the `export.sig` bytes. */
export function signExportBin(
  exportBin: Uint8Array,
  signers: readonly ExportSigningKey[],
): Uint8Array {
  const backends = signers.map((signer) => createNodeSigner(signer.privateKeyPem, signer.info));
  return signExportBinWith(exportBin, backends);
}

/**
 * Verifies `export.sig` over the whole `export.bin` with one public key or several; returns
 * the signature that verified or throws EXPORT_SIGNATURE_INVALID / EXPORT_SIGNATURE_MISSING.
 */
export function verifyExportSignature(
  exportBin: Uint8Array,
  exportSig: Uint8Array,
  keys: string | readonly ExportVerificationKey[],
  limits?: Partial<ExportLimits>,
): TekSignature {
  const list = typeof keys === 'string' ? [keys] : keys;
  return verifyExportBinWith(exportBin, exportSig, list.map(createNodeVerifier), limits);
}

/** Creates a fresh ECDSA P-256 key pair as PKCS#8 and SPKI PEM strings. */
export function generateSigningKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * Encodes a batch, signs it with every key and zips both files. The file's signature infos
 * are those of the signers, so phones find their key whatever the batch said before.
 */
export function buildSignedExportZip(
  batch: ExportBatch,
  signers: readonly ExportSigningKey[],
): Uint8Array {
  const exportBin = encodeExportBin({
    ...batch,
    signatureInfos: signers.map((signer) => signer.info),
  });
  const exportSig = signExportBin(exportBin, signers);
  return packExportZip({ exportBin, exportSig });
}
