/**
 * Test helper: the files the export commands' tests feed them — the real Corona-Warn-App export
 * with its keys, an export signed here, and a few files that are not what a flag asks for.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ECDSA_P256_SHA256_OID, ReportType } from '@cocoa/protocol';
import { buildSignedExportZip, sharedDataPath } from '@cocoa/protocol/node';
import { runCocoa } from './run-cli.ts';

/** A real export of the Corona-Warn-App development server, with both of its public keys. */
export const CWA_DIR = sharedDataPath('exports', 'cwa-dev-2020-05-31');
export const CWA_ZIP = path.join(CWA_DIR, 'export.zip');
export const CWA_DEV_KEY = path.join(CWA_DIR, 'dev-public.pem');
export const CWA_PROD_KEY = path.join(CWA_DIR, 'prod-public.pem');

/** A text file in `dir` that is no export. */
export async function notAnExport(dir: string): Promise<string> {
  const file = path.join(dir, 'notes.txt');
  await writeFile(file, 'just some text, not an export\n');
  return file;
}

/** A public-key PEM file in `dir` whose body is no key. */
export async function damagedKey(dir: string): Promise<string> {
  const file = path.join(dir, 'damaged-public.pem');
  await writeFile(file, '-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n');
  return file;
}

/** A private key generated in `dir`, where a public one is asked for. */
export async function privateKeyFile(dir: string): Promise<string> {
  const keysDir = path.join(dir, 'keys-private-given');
  await runCocoa(['keys', 'generate', '--out', keysDir, '--force']);
  return path.join(keysDir, 'export-signing-private.pem');
}

/** An export of three keys signed with `privateKeyPem` as key 440/v1. */
export async function signedZip(privateKeyPem: string): Promise<Uint8Array> {
  const nowSeconds = Math.floor(Date.UTC(2026, 0, 10) / 1000);
  const keys = Array.from({ length: 3 }, (_, index) => ({
    keyData: new Uint8Array(16).fill(index + 1),
    rollingStartIntervalNumber: Math.floor(nowSeconds / 600 / 144) * 144 - 144 * (index + 1),
    rollingPeriod: 144,
    transmissionRiskLevel: 4,
    reportType: ReportType.CONFIRMED_TEST,
    daysSinceOnsetOfSymptoms: index,
  }));
  const info = {
    verificationKeyVersion: 'v1',
    verificationKeyId: '440',
    signatureAlgorithm: ECDSA_P256_SHA256_OID,
  };
  return buildSignedExportZip(
    {
      startTimestamp: nowSeconds - 3600,
      endTimestamp: nowSeconds,
      region: '440',
      batchNum: 1,
      batchSize: 1,
      signatureInfos: [info],
      keys,
      revisedKeys: [],
    },
    [{ privateKeyPem, info }],
  );
}
