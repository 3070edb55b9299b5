import fc from 'fast-check';
import type { ReportType, TemporaryExposureKey } from '../model.ts';
import type { ExportBatch, SignatureInfo, TekSignature } from './types.ts';

/** fast-check generators shared by the export tests. */

/** A key with every optional field present or absent at random. */
export const keyArbitrary: fc.Arbitrary<TemporaryExposureKey> = fc.record(
  {
    keyData: fc.uint8Array({ minLength: 16, maxLength: 16 }),
    rollingStartIntervalNumber: fc.integer({ min: 0, max: 0x7fffffff }),
    rollingPeriod: fc.integer({ min: 1, max: 144 }),
    transmissionRiskLevel: fc.integer({ min: 0, max: 8 }),
    reportType: fc.integer({ min: 0, max: 5 }).map((value) => value as ReportType),
    daysSinceOnsetOfSymptoms: fc.integer({ min: -0x7fffffff, max: 0x7fffffff }),
  },
  { requiredKeys: ['keyData', 'rollingStartIntervalNumber', 'rollingPeriod'] },
);

/** Any SignatureInfo, including non-ASCII text. */
export const signatureInfoArbitrary: fc.Arbitrary<SignatureInfo> = fc.record({
  verificationKeyVersion: fc.string(),
  verificationKeyId: fc.string({ unit: 'grapheme' }),
  signatureAlgorithm: fc.string(),
});

/** Any batch the encoder accepts. */
export const batchArbitrary: fc.Arbitrary<ExportBatch> = fc
  .record({
    startTimestamp: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER - 10_000 }),
    duration: fc.integer({ min: 0, max: 10_000 }),
    region: fc.string({ unit: 'grapheme', maxLength: 8 }),
    batchSize: fc.integer({ min: 1, max: 0x7fffffff }),
    signatureInfos: fc.array(signatureInfoArbitrary, { maxLength: 3 }),
    keys: fc.array(keyArbitrary, { maxLength: 20 }),
    revisedKeys: fc.array(keyArbitrary, { maxLength: 5 }),
  })
  .chain((parts) =>
    fc.integer({ min: 1, max: parts.batchSize }).map((batchNum): ExportBatch => ({
      startTimestamp: parts.startTimestamp,
      endTimestamp: parts.startTimestamp + parts.duration,
      region: parts.region,
      batchNum,
      batchSize: parts.batchSize,
      signatureInfos: parts.signatureInfos,
      keys: parts.keys,
      revisedKeys: parts.revisedKeys,
    })),
  );

/** Any TEKSignature entry. */
export const tekSignatureArbitrary: fc.Arbitrary<TekSignature> = fc.record({
  signatureInfo: signatureInfoArbitrary,
  batchNum: fc.integer({ min: 1, max: 0x7fffffff }),
  batchSize: fc.integer({ min: 1, max: 0x7fffffff }),
  signature: fc.uint8Array({ minLength: 1, maxLength: 80 }),
});

/** Orders keys the way encodeExportBin writes them. */
export function sortedByKeyData(keys: TemporaryExposureKey[]): TemporaryExposureKey[] {
  const hex = (key: TemporaryExposureKey) =>
    Array.from(key.keyData, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return [...keys].sort((a, b) => (hex(a) < hex(b) ? -1 : hex(a) > hex(b) ? 1 : 0));
}
