import type { TemporaryExposureKey } from '../model.ts';

/**
 * The 16-byte ASCII header that opens every `export.bin`, space padded; it is part of the
 * signed bytes, so phones reject a file whose signature covers only the protobuf after it.
 */
export const EXPORT_HEADER = 'EK Export v1    ';

/** Object identifier of ECDSA with SHA-256, the only signature algorithm phones accept. */
export const ECDSA_P256_SHA256_OID = '1.2.840.10045.4.3.2';

/** Names of the two zip entries, in the order phones expect them. */
export const EXPORT_BIN_NAME = 'export.bin';
/** Name of the signature entry, always the second one in the zip. */
export const EXPORT_SIG_NAME = 'export.sig';

/** Which key signed a file: phones pick their configured public key by id and version. */
export interface SignatureInfo {
  /** Key version, e.g. `"v1"`. */
  verificationKeyVersion: string;
  /** Key id; Apple expects the mobile country code, e.g. `"440"`. */
  verificationKeyId: string;
  /** Algorithm OID; `ECDSA_P256_SHA256_OID` in every file we write. */
  signatureAlgorithm: string;
}

/** One batch of published diagnosis keys: the content of one `export.bin`. */
export interface ExportBatch {
  /** Window start, UTC seconds. */
  startTimestamp: number;
  /** Window end, UTC seconds. */
  endTimestamp: number;
  /** Region code, e.g. `"440"`. */
  region: string;
  /** 1-based batch number. */
  batchNum: number;
  /** Number of files in the batch; 1 because iOS supports nothing else. */
  batchSize: number;
  signatureInfos: SignatureInfo[];
  keys: TemporaryExposureKey[];
  revisedKeys: TemporaryExposureKey[];
}

/** One entry of `export.sig`: a DER-encoded ECDSA signature over the whole `export.bin`. */
export interface TekSignature {
  signatureInfo: SignatureInfo;
  batchNum: number;
  batchSize: number;
  /** ASN.1 DER `SEQUENCE { r INTEGER, s INTEGER }`. */
  signature: Uint8Array;
}

/** The two files an export zip carries. */
export interface ExportFiles {
  exportBin: Uint8Array;
  exportSig: Uint8Array;
}

/** Size limits applied while reading untrusted export files. */
export interface ExportLimits {
  /** Largest zip accepted, in bytes. */
  maxZipBytes: number;
  /** Largest `export.bin` accepted, in bytes (declared and actually inflated). */
  maxExportBinBytes: number;
  /** Largest `export.sig` accepted, in bytes. */
  maxExportSigBytes: number;
  /** Largest inflated/compressed ratio accepted for a zip entry (zip-bomb guard). */
  maxCompressionRatio: number;
  /** Most keys (`keys` plus `revised_keys`) accepted in one `export.bin`. */
  maxKeys: number;
}

/**
 * Defaults generous enough for a national daily batch (Japan's peak was about 364,000 keys a
 * day, roughly 11 MB) yet far below what would exhaust a phone's memory.
 */
export const DEFAULT_EXPORT_LIMITS: Readonly<ExportLimits> = Object.freeze({
  maxZipBytes: 64 * 1024 * 1024,
  maxExportBinBytes: 64 * 1024 * 1024,
  maxExportSigBytes: 64 * 1024,
  maxCompressionRatio: 100,
  maxKeys: 2_000_000,
});

/** Merges caller limits over the defaults. */
export function resolveLimits(limits?: Partial<ExportLimits>): ExportLimits {
  return { ...DEFAULT_EXPORT_LIMITS, ...limits };
}
