/** Export files: `export.bin`, `export.sig`, their zip, signing seams and download indexes. */
export * from './types.ts';
export { EXPORT_KEY_INVALID } from './key.ts';
export {
  decodeExportBin,
  encodeExportBin,
  iterateExportKeys,
  readExportMetadata,
} from './export-bin.ts';
export { decodeSignatureList, encodeSignatureList } from './signature-list.ts';
export { packExportZip, unpackExportZip } from './zip.ts';
export { derToRawSignature, rawToDerSignature, P256_COMPONENT_BYTES } from './der.ts';
export {
  signExportBinWith,
  verifyExportBinWith,
  verifyExportBinWithAsync,
  type AsyncExportVerifier,
  type ExportSigner,
  type ExportVerifier,
} from './signing.ts';
export { createWebCryptoVerifier, pemToDer } from './webcrypto.ts';
export * from './cocoa-list.ts';
export * from './index-txt.ts';
