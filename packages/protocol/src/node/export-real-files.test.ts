import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.ts';
import { decodeExportBin, iterateExportKeys } from '../export/export-bin.ts';
import { decodeSignatureList } from '../export/signature-list.ts';
import { createWebCryptoVerifier } from '../export/webcrypto.ts';
import { verifyExportBinWithAsync } from '../export/signing.ts';
import { unpackExportZip } from '../export/zip.ts';
import { verifyExportSignature } from './export-signing.ts';
import { sharedDataPath } from './shared-data.ts';

const read = (...parts: string[]) => readFileSync(sharedDataPath('exports', ...parts));
const text = (...parts: string[]) => read(...parts).toString('utf8');
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function unpack(folder: string) {
  return unpackExportZip(new Uint8Array(read(folder, 'export.zip')));
}

function expectCode(action: () => unknown, code: string): void {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ProtocolError);
  expect((caught as ProtocolError).code).toBe(code);
}

describe('Corona-Warn-App development export', () => {
  const { exportBin, exportSig } = unpack('cwa-dev-2020-05-31');
  const devPem = text('cwa-dev-2020-05-31', 'dev-public.pem');
  const prodPem = text('cwa-dev-2020-05-31', 'prod-public.pem');

  it('parses to 24,131 keys for region DE', () => {
    const batch = decodeExportBin(exportBin);
    expect(batch.keys).toHaveLength(24_131);
    expect(batch.region).toBe('DE');
    expect(batch.batchNum).toBe(1);
    expect(batch.batchSize).toBe(1);
    expect(batch.signatureInfos).toEqual([
      {
        verificationKeyVersion: 'v1',
        verificationKeyId: '262',
        signatureAlgorithm: '1.2.840.10045.4.3.2',
      },
    ]);
    expect(batch.keys.every((key) => key.keyData.length === 16)).toBe(true);
  });

  it('streams exactly the keys a full decode returns', () => {
    const decoded = decodeExportBin(exportBin).keys;
    const streamed = [...iterateExportKeys(exportBin)];
    expect(streamed).toHaveLength(decoded.length);
    expect(streamed.map((key) => hex(key.keyData))).toEqual(decoded.map((key) => hex(key.keyData)));
    expect(streamed[100]).toEqual(decoded[100]);
  });

  it('verifies with the development key', () => {
    const used = verifyExportSignature(exportBin, exportSig, devPem);
    expect(used.signatureInfo.verificationKeyId).toBe('262');
    const filtered = verifyExportSignature(exportBin, exportSig, [
      { pem: devPem, keyId: '262', version: 'v1' },
    ]);
    expect(filtered.batchNum).toBe(1);
  });

  it('fails with the production key', () => {
    expectCode(
      () => verifyExportSignature(exportBin, exportSig, prodPem),
      'EXPORT_SIGNATURE_INVALID',
    );
  });

  it('says the signature is missing when no signature carries the configured key id', () => {
    expectCode(
      () => verifyExportSignature(exportBin, exportSig, [{ pem: devPem, keyId: '440' }]),
      'EXPORT_SIGNATURE_MISSING',
    );
  });

  it('verifies through WebCrypto as a browser would, and fails with the production key', async () => {
    const dev = await createWebCryptoVerifier(devPem, { keyId: '262', version: 'v1' });
    const prod = await createWebCryptoVerifier(prodPem);
    await expect(verifyExportBinWithAsync(exportBin, exportSig, [dev])).resolves.toMatchObject({
      batchSize: 1,
    });
    await expect(verifyExportBinWithAsync(exportBin, exportSig, [prod])).rejects.toMatchObject({
      code: 'EXPORT_SIGNATURE_INVALID',
    });
  });

  it('fails verification whenever a header, trailer or sampled byte is flipped', () => {
    const positions = new Set<number>();
    for (let i = 0; i < 16; i++) positions.add(i);
    for (let i = exportBin.length - 16; i < exportBin.length; i++) positions.add(i);
    let seed = 7;
    while (positions.size < 16 + 16 + 150) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      positions.add(seed % exportBin.length);
    }
    for (const position of positions) {
      const tampered = exportBin.slice();
      tampered[position] = (tampered[position] ?? 0) ^ 0x01;
      expectCode(
        () => verifyExportSignature(tampered, exportSig, devPem),
        'EXPORT_SIGNATURE_INVALID',
      );
    }
  });
});

describe('Google key server example export', () => {
  const { exportBin, exportSig } = unpack('google-ens-example');
  const pem = text('google-ens-example', 'public.pem');

  it('verifies with its public key', () => {
    const used = verifyExportSignature(exportBin, exportSig, [
      { pem, keyId: 'some_id', version: '1' },
    ]);
    expect(used.signatureInfo.verificationKeyId).toBe('some_id');
  });

  it('holds exactly the keys keys.json lists', () => {
    const listed = JSON.parse(text('google-ens-example', 'keys.json')) as {
      temporaryExposureKeys: {
        key: string;
        rollingStartNumber: number;
        rollingPeriod: number;
        transmissionRisk: number;
      }[];
    };
    const expected = listed.temporaryExposureKeys.map((key) => ({
      keyData: new Uint8Array(Buffer.from(key.key, 'base64')),
      rollingStartIntervalNumber: key.rollingStartNumber,
      rollingPeriod: key.rollingPeriod,
      transmissionRiskLevel: key.transmissionRisk,
    }));
    const batch = decodeExportBin(exportBin);
    expect(batch.region).toBe('US');
    expect(batch.keys).toEqual(expected);
  });

  it('fails verification when any single byte of export.bin is flipped', () => {
    for (let position = 0; position < exportBin.length; position++) {
      for (const mask of [0x01, 0x80, 0xff]) {
        const tampered = exportBin.slice();
        tampered[position] = (tampered[position] ?? 0) ^ mask;
        expectCode(
          () => verifyExportSignature(tampered, exportSig, pem),
          'EXPORT_SIGNATURE_INVALID',
        );
      }
    }
  });

  it('fails verification when the file is truncated or extended', () => {
    expectCode(
      () => verifyExportSignature(exportBin.subarray(0, exportBin.length - 1), exportSig, pem),
      'EXPORT_SIGNATURE_INVALID',
    );
    const extended = new Uint8Array([...exportBin, 0]);
    expectCode(() => verifyExportSignature(extended, exportSig, pem), 'EXPORT_SIGNATURE_INVALID');
  });
});

describe("Google's sample exports", () => {
  it('verifies the signed sample with key 310 v1 and reads 140 keys', () => {
    const { exportBin, exportSig } = unpack('google-internals-sample');
    const pem = text('google-internals-sample', 'public-310-v1.pem');
    const used = verifyExportSignature(exportBin, exportSig, [
      { pem, keyId: '310', version: 'v1' },
    ]);
    expect(used.signatureInfo.verificationKeyVersion).toBe('v1');
    expect(decodeExportBin(exportBin).keys).toHaveLength(140);
    expect(decodeSignatureList(exportSig)).toHaveLength(1);
  });

  it('parses the unsigned file that still carries the retired SignatureInfo field 2', () => {
    const exportBin = new Uint8Array(read('google-internals-sample', 'export-unsigned.bin'));
    // The retired Android package name is in the bytes; the decoder must skip it.
    expect(Buffer.from(exportBin).includes('com.google.android.apps.exposurenotification')).toBe(
      true,
    );
    const batch = decodeExportBin(exportBin);
    expect(batch.keys).toHaveLength(110);
    expect(batch.signatureInfos).toEqual([
      { verificationKeyVersion: '', verificationKeyId: '', signatureAlgorithm: '' },
    ]);
    expect([...iterateExportKeys(exportBin)]).toHaveLength(110);
  });
});
