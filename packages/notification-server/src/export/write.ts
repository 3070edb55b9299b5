/**
 * Writing step of an export run: every planned file is built from its stored keys, signed,
 * put in the blob store, and only then marked published. A crash before the mark just means
 * the file is built again on the next run, from the same keys.
 */
import { buildSignedExportZip } from '@cocoa/protocol/node';
import { ECDSA_P256_SHA256_OID, type ReportType, type TemporaryExposureKey } from '@cocoa/protocol';
import type { BlobStore } from '../blob/store.ts';
import type { SigningKeyConfig } from '../config/config.ts';
import type { NotificationDb } from '../db/connect.ts';

/** Settings of the writing step. */
export interface WriteOptions {
  store: BlobStore;
  signingKeys: readonly SigningKeyConfig[];
  nowMs: number;
  onStep: (step: string) => Promise<void>;
  onPublished?: (file: PublishedFile) => void;
}

/** A file that reached the blob store and the index. */
export interface PublishedFile {
  region: string;
  blobName: string;
  keyCount: number;
  byteSize: number;
}

/** Writes every planned file (of every region, oldest first); returns what was published. */
export async function writePlannedFiles(
  handle: NotificationDb,
  options: WriteOptions,
): Promise<PublishedFile[]> {
  const planned = await handle.db
    .selectFrom('export_files')
    .selectAll()
    .where('status', '=', 'planned')
    .orderBy('id')
    .execute();

  const published: PublishedFile[] = [];
  for (const file of planned) {
    const rows = await handle.db
      .selectFrom('exposure_keys')
      .selectAll()
      .where('export_file_id', '=', file.id)
      .orderBy('key_data')
      .execute();
    const keys: TemporaryExposureKey[] = rows.map((r) => ({
      keyData: new Uint8Array(r.key_data),
      rollingStartIntervalNumber: Number(r.rolling_start_interval_number),
      rollingPeriod: r.rolling_period,
      transmissionRiskLevel: r.transmission_risk_level,
      reportType: r.report_type as ReportType,
      daysSinceOnsetOfSymptoms: r.days_since_onset,
    }));

    const zip = buildSignedExportZip(
      {
        startTimestamp: Number(file.start_timestamp_s),
        endTimestamp: Number(file.end_timestamp_s),
        region: file.region,
        batchNum: 1,
        batchSize: 1,
        signatureInfos: options.signingKeys.map(signatureInfo),
        keys,
        revisedKeys: [],
      },
      options.signingKeys.map((k) => ({ privateKeyPem: k.privateKeyPem, info: signatureInfo(k) })),
    );
    await options.store.put(file.blob_name, zip, 'application/zip');
    await options.onStep('wrote-blob');

    await handle.db
      .updateTable('export_files')
      .set({ status: 'published', byte_size: zip.byteLength, created_ms: options.nowMs })
      .where('id', '=', file.id)
      .execute();
    const done = {
      region: file.region,
      blobName: file.blob_name,
      keyCount: keys.length,
      byteSize: zip.byteLength,
    };
    published.push(done);
    options.onPublished?.(done);
    await options.onStep('published-file');
  }
  return published;
}

function signatureInfo(key: SigningKeyConfig) {
  return {
    verificationKeyId: key.keyId,
    verificationKeyVersion: key.keyVersion,
    signatureAlgorithm: ECDSA_P256_SHA256_OID,
  };
}
