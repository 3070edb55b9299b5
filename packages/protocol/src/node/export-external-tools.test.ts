import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeExportBin } from '../export/export-bin.ts';
import { decodeSignatureList } from '../export/signature-list.ts';
import { ECDSA_P256_SHA256_OID, type ExportBatch } from '../export/types.ts';
import { unpackExportZip } from '../export/zip.ts';
import { ReportType } from '../model.ts';
import {
  buildSignedExportZip,
  generateSigningKeyPair,
  verifyExportSignature,
} from './export-signing.ts';

/**
 * Checks by tools we did not write: OpenSSL verifies our signatures over the whole
 * export.bin, and protoc decodes our bytes with a schema written from the field table.
 */

const protoDir = fileURLToPath(new URL('../../proto', import.meta.url));
const workDir = mkdtempSync(path.join(tmpdir(), 'cocoa-export-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const ascii = (text: string) => new TextEncoder().encode(text);

// Key bytes are printable letters so protoc prints them verbatim in its text output.
const batch: ExportBatch = {
  startTimestamp: 1_660_042_800,
  endTimestamp: 1_660_046_400,
  region: '440',
  batchNum: 1,
  batchSize: 1,
  signatureInfos: [],
  keys: [
    {
      keyData: ascii('pqrstuvwxyzabcde'),
      rollingStartIntervalNumber: 2_766_816,
      rollingPeriod: 144,
      transmissionRiskLevel: 4,
      reportType: ReportType.CONFIRMED_TEST,
      daysSinceOnsetOfSymptoms: -3,
    },
    {
      keyData: ascii('abcdefghijklmnop'),
      rollingStartIntervalNumber: 2_766_960,
      rollingPeriod: 61,
      transmissionRiskLevel: 6,
      reportType: ReportType.CONFIRMED_CLINICAL_DIAGNOSIS,
      daysSinceOnsetOfSymptoms: 12,
    },
  ],
  revisedKeys: [
    {
      keyData: ascii('REVISEDrevised00'),
      rollingStartIntervalNumber: 2_766_672,
      rollingPeriod: 144,
      reportType: ReportType.REVOKED,
    },
  ],
};

const primary = generateSigningKeyPair();
const secondary = generateSigningKeyPair();
const zip = buildSignedExportZip(batch, [
  {
    privateKeyPem: primary.privateKeyPem,
    info: {
      verificationKeyVersion: 'v1',
      verificationKeyId: '440',
      signatureAlgorithm: ECDSA_P256_SHA256_OID,
    },
  },
  {
    privateKeyPem: secondary.privateKeyPem,
    info: {
      verificationKeyVersion: 'v2',
      verificationKeyId: '440',
      signatureAlgorithm: ECDSA_P256_SHA256_OID,
    },
  },
]);
const { exportBin, exportSig } = unpackExportZip(zip);

function write(name: string, bytes: Uint8Array | string): string {
  const file = path.join(workDir, name);
  writeFileSync(file, bytes);
  return file;
}

function opensslVerify(publicKeyPem: string, signature: Uint8Array, data: Uint8Array) {
  const result = spawnSync(
    'openssl',
    [
      'dgst',
      '-sha256',
      '-verify',
      write('pub.pem', publicKeyPem),
      '-signature',
      write('sig.der', signature),
      write('export.bin', data),
    ],
    { encoding: 'utf8' },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function protocDecode(message: string, bytes: Uint8Array): string {
  return execFileSync(
    'protoc',
    [`--proto_path=${protoDir}`, `--decode=cocoa.export.${message}`, 'export.proto'],
    { input: bytes, encoding: 'utf8' },
  );
}

describe('files we write, checked by OpenSSL', () => {
  const signatures = decodeSignatureList(exportSig);

  it('carries one DER signature per signing key', () => {
    expect(signatures.map((s) => s.signatureInfo.verificationKeyVersion)).toEqual(['v1', 'v2']);
    expect(signatures.every((s) => s.signature[0] === 0x30)).toBe(true);
  });

  it('OpenSSL verifies each signature over the whole export.bin, header included', () => {
    const keys = [primary.publicKeyPem, secondary.publicKeyPem];
    signatures.forEach((signature, i) => {
      const result = opensslVerify(keys[i] ?? '', signature.signature, exportBin);
      expect(result.output).toContain('Verified OK');
      expect(result.status).toBe(0);
    });
  });

  it('OpenSSL rejects the signature over the protobuf alone or with the other key', () => {
    const [first] = signatures;
    if (first === undefined) throw new Error('no signature');
    const bodyOnly = opensslVerify(primary.publicKeyPem, first.signature, exportBin.subarray(16));
    expect(bodyOnly.status).not.toBe(0);
    expect(bodyOnly.output).toContain('Verification failure');
    const otherKey = opensslVerify(secondary.publicKeyPem, first.signature, exportBin);
    expect(otherKey.status).not.toBe(0);
  });

  it('our verifier accepts each key and names the signature it used', () => {
    const used = verifyExportSignature(exportBin, exportSig, [
      { pem: secondary.publicKeyPem, version: 'v2' },
    ]);
    expect(used.signatureInfo.verificationKeyVersion).toBe('v2');
  });
});

describe('files we write, decoded by protoc', () => {
  it('starts with the 16-byte header', () => {
    expect(new TextDecoder().decode(exportBin.subarray(0, 16))).toBe('EK Export v1    ');
  });

  it('protoc reads every value we wrote into export.bin', () => {
    const output = protocDecode('TemporaryExposureKeyExport', exportBin.subarray(16));
    const expectedLines = [
      'start_timestamp: 1660042800',
      'end_timestamp: 1660046400',
      'region: "440"',
      'batch_num: 1',
      'batch_size: 1',
      'verification_key_version: "v1"',
      'verification_key_version: "v2"',
      'verification_key_id: "440"',
      `signature_algorithm: "${ECDSA_P256_SHA256_OID}"`,
      'key_data: "abcdefghijklmnop"',
      'key_data: "pqrstuvwxyzabcde"',
      'rolling_start_interval_number: 2766816',
      'rolling_start_interval_number: 2766960',
      'rolling_period: 61',
      'transmission_risk_level: 4',
      'report_type: CONFIRMED_TEST',
      'report_type: CONFIRMED_CLINICAL_DIAGNOSIS',
      'days_since_onset_of_symptoms: -3',
      'days_since_onset_of_symptoms: 12',
      'key_data: "REVISEDrevised00"',
      'report_type: REVOKED',
    ];
    for (const line of expectedLines) expect(output).toContain(line);
    expect(output.match(/^keys \{/gm)).toHaveLength(2);
    expect(output.match(/^revised_keys \{/gm)).toHaveLength(1);
    // Keys are written in key-byte order, whatever order the batch listed them in.
    expect(output.indexOf('abcdefghijklmnop')).toBeLessThan(output.indexOf('pqrstuvwxyzabcde'));
  });

  it('protoc reads export.sig as a TEKSignatureList', () => {
    const output = protocDecode('TEKSignatureList', exportSig);
    expect(output.match(/^signatures \{/gm)).toHaveLength(2);
    expect(output).toContain('batch_num: 1');
    expect(output).toContain('verification_key_version: "v2"');
  });

  it('decodes back to the batch we wrote', () => {
    const decoded = decodeExportBin(exportBin);
    expect(decoded.keys.map((key) => new TextDecoder().decode(key.keyData))).toEqual([
      'abcdefghijklmnop',
      'pqrstuvwxyzabcde',
    ]);
    expect(decoded.revisedKeys).toEqual(batch.revisedKeys);
    expect(decoded.keys[1]).toEqual(batch.keys[0]);
  });
});
