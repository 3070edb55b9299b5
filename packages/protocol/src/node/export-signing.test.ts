import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.ts';
import { derToRawSignature, rawToDerSignature } from '../export/der.ts';
import { decodeExportBin, encodeExportBin } from '../export/export-bin.ts';
import { decodeSignatureList, encodeSignatureList } from '../export/signature-list.ts';
import { verifyExportBinWithAsync } from '../export/signing.ts';
import { ECDSA_P256_SHA256_OID, type ExportBatch, type SignatureInfo } from '../export/types.ts';
import { createWebCryptoVerifier } from '../export/webcrypto.ts';
import { unpackExportZip } from '../export/zip.ts';
import {
  buildSignedExportZip,
  createNodeSigner,
  generateSigningKeyPair,
  signExportBin,
  verifyExportSignature,
} from './export-signing.ts';

const info = (version: string, keyId = '440'): SignatureInfo => ({
  verificationKeyVersion: version,
  verificationKeyId: keyId,
  signatureAlgorithm: ECDSA_P256_SHA256_OID,
});

const batch: ExportBatch = {
  startTimestamp: 1_660_042_800,
  endTimestamp: 1_660_046_400,
  region: '440',
  batchNum: 1,
  batchSize: 1,
  signatureInfos: [info('stale')],
  keys: [
    {
      keyData: new Uint8Array(16).fill(7),
      rollingStartIntervalNumber: 2_766_816,
      rollingPeriod: 144,
    },
  ],
  revisedKeys: [],
};

const v1 = generateSigningKeyPair();
const v2 = generateSigningKeyPair();
const signers = [
  { privateKeyPem: v1.privateKeyPem, info: info('v1') },
  { privateKeyPem: v2.privateKeyPem, info: info('v2') },
];

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ProtocolError);
    return (error as ProtocolError).code;
  }
  return undefined;
}

describe('generateSigningKeyPair', () => {
  it('returns PKCS#8 and SPKI PEM strings of distinct keys', () => {
    expect(v1.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(v1.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(v1.publicKeyPem).not.toBe(v2.publicKeyPem);
  });
});

describe('buildSignedExportZip', () => {
  const { exportBin, exportSig } = unpackExportZip(buildSignedExportZip(batch, signers));

  it('lists the signers in signature_infos and signs with each', () => {
    expect(decodeExportBin(exportBin).signatureInfos).toEqual([info('v1'), info('v2')]);
    expect(decodeSignatureList(exportSig).map((s) => s.signatureInfo)).toEqual([
      info('v1'),
      info('v2'),
    ]);
  });

  it('verifies with either key, picking the signature by version', () => {
    expect(verifyExportSignature(exportBin, exportSig, v1.publicKeyPem).signatureInfo).toEqual(
      info('v1'),
    );
    const used = verifyExportSignature(exportBin, exportSig, [
      { pem: v2.publicKeyPem, version: 'v2' },
    ]);
    expect(used.signatureInfo.verificationKeyVersion).toBe('v2');
  });

  it('fails when the version filter points at the other key', () => {
    const keys = [{ pem: v2.publicKeyPem, version: 'v1' }];
    expect(codeOf(() => verifyExportSignature(exportBin, exportSig, keys))).toBe(
      'EXPORT_SIGNATURE_INVALID',
    );
  });

  it('verifies through WebCrypto after converting DER to raw', async () => {
    const verifier = await createWebCryptoVerifier(v2.publicKeyPem, { version: 'v2' });
    await expect(verifyExportBinWithAsync(exportBin, exportSig, [verifier])).resolves.toMatchObject(
      {
        signatureInfo: info('v2'),
      },
    );
    const tampered = exportBin.slice();
    tampered[20] = (tampered[20] ?? 0) ^ 1;
    await expect(verifyExportBinWithAsync(tampered, exportSig, [verifier])).rejects.toMatchObject({
      code: 'EXPORT_SIGNATURE_INVALID',
    });
  });

  it('accepts a WebCrypto signature once converted to DER, and refuses it raw', async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const raw = new Uint8Array(
      await crypto.subtle.sign(
        { name: 'ECDSA', hash: 'SHA-256' },
        pair.privateKey,
        exportBin.slice(),
      ),
    );
    const spki = Buffer.from(await crypto.subtle.exportKey('spki', pair.publicKey)).toString(
      'base64',
    );
    const pem = `-----BEGIN PUBLIC KEY-----\n${spki}\n-----END PUBLIC KEY-----\n`;
    const entry = { signatureInfo: info('v9'), batchNum: 1, batchSize: 1 };
    const derSig = encodeSignatureList([{ ...entry, signature: rawToDerSignature(raw) }]);
    expect(verifyExportSignature(exportBin, derSig, pem).signatureInfo).toEqual(info('v9'));
    // Raw r‖s in export.sig is what made phones reject a production server's files.
    const rawSig = encodeSignatureList([{ ...entry, signature: raw }]);
    expect(codeOf(() => verifyExportSignature(exportBin, rawSig, pem))).toBe(
      'EXPORT_SIGNATURE_INVALID',
    );
    expect(derToRawSignature(rawToDerSignature(raw))).toEqual(raw);
  });
});

describe('signature edge cases', () => {
  const exportBin = encodeExportBin(batch);

  it('reports a missing signature for an empty export.sig', () => {
    expect(codeOf(() => verifyExportSignature(exportBin, new Uint8Array(0), v1.publicKeyPem))).toBe(
      'EXPORT_SIGNATURE_MISSING',
    );
  });

  it('ignores signatures made with another algorithm', () => {
    const sig = signExportBin(exportBin, [
      {
        privateKeyPem: v1.privateKeyPem,
        info: { ...info('v1'), signatureAlgorithm: '1.2.840.113549.1.1.11' },
      },
    ]);
    expect(codeOf(() => verifyExportSignature(exportBin, sig, v1.publicKeyPem))).toBe(
      'EXPORT_SIGNATURE_MISSING',
    );
  });

  it('copies batch_num and batch_size from export.bin into each signature', () => {
    const second = encodeExportBin({ ...batch, batchNum: 2, batchSize: 3 });
    const [entry] = decodeSignatureList(signExportBin(second, signers));
    expect(entry).toMatchObject({ batchNum: 2, batchSize: 3 });
  });

  it('refuses to verify with no public key', () => {
    const sig = signExportBin(exportBin, signers);
    expect(codeOf(() => verifyExportSignature(exportBin, sig, []))).toBe('EXPORT_VERIFIER_MISSING');
  });

  it('refuses to sign with no signer', () => {
    expect(codeOf(() => signExportBin(exportBin, []))).toBe('EXPORT_SIGNER_MISSING');
  });

  it('refuses keys that are not P-256 without echoing the key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const rsaPem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(codeOf(() => createNodeSigner(rsaPem, info('v1')))).toBe('EXPORT_KEY_PEM_INVALID');
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const p384Pem = p384.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const sig = signExportBin(exportBin, signers);
    expect(codeOf(() => verifyExportSignature(exportBin, sig, p384Pem))).toBe(
      'EXPORT_KEY_PEM_INVALID',
    );

    const garbage =
      '-----BEGIN PRIVATE KEY-----\nc2VjcmV0IGtleSBtYXRlcmlhbA==\n-----END PRIVATE KEY-----';
    try {
      createNodeSigner(garbage, info('v1'));
      expect.unreachable();
    } catch (error) {
      expect((error as ProtocolError).code).toBe('EXPORT_KEY_PEM_INVALID');
      expect((error as Error).message).not.toContain('c2VjcmV0');
    }
  });
});
