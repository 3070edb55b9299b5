import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { decodeSignatureList, unpackExportZip } from '@cocoa/protocol';
import { sharedDataPath } from '@cocoa/protocol/node';
import { describe, expect, it } from 'vitest';
import { derToRawSignature, webCryptoVerifier } from './webcrypto.ts';

function keyPair(): {
  publicPem: string;
  privateKey: ReturnType<typeof generateKeyPairSync>['privateKey'];
} {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKey };
}

function realExport(folder: string): { exportBin: Uint8Array; signature: Uint8Array } {
  const zip = new Uint8Array(readFileSync(sharedDataPath('exports', folder, 'export.zip')));
  const { exportBin, exportSig } = unpackExportZip(zip);
  const first = decodeSignatureList(exportSig)[0];
  if (!first) throw new Error('no signature in the shared export');
  return { exportBin, signature: first.signature };
}

const pem = (folder: string, name: string): string =>
  readFileSync(sharedDataPath('exports', folder, name), 'utf8');

describe('webCryptoVerifier', () => {
  const verifier = webCryptoVerifier();

  it('accepts node:crypto DER signatures and refuses tampered data or another key', async () => {
    const signer = keyPair();
    const other = keyPair();
    // Many signatures, so r and s with the top bit set (DER leading zero) are covered.
    for (let i = 0; i < 40; i++) {
      const data = new TextEncoder().encode(`EK Export v1    payload ${i}`);
      const der = new Uint8Array(sign('sha256', data, signer.privateKey));
      expect(await verifier.verify(data, der, signer.publicPem)).toBe(true);
      const tampered = data.slice();
      tampered[20]! ^= 1;
      expect(await verifier.verify(tampered, der, signer.publicPem)).toBe(false);
      expect(await verifier.verify(data, der, other.publicPem)).toBe(false);
    }
  });

  it('verifies the real CWA file with its development key and not with the production key', async () => {
    const { exportBin, signature } = realExport('cwa-dev-2020-05-31');
    const dev = pem('cwa-dev-2020-05-31', 'dev-public.pem');
    const prod = pem('cwa-dev-2020-05-31', 'prod-public.pem');
    expect(await verifier.verify(exportBin, signature, dev)).toBe(true);
    expect(await verifier.verify(exportBin, signature, prod)).toBe(false);
  });

  it('verifies Google’s example file over the whole export.bin, header included', async () => {
    const { exportBin, signature } = realExport('google-ens-example');
    const key = pem('google-ens-example', 'public.pem');
    expect(await verifier.verify(exportBin, signature, key)).toBe(true);
    expect(await verifier.verify(exportBin.subarray(16), signature, key)).toBe(false);
  });

  it('answers false for a malformed signature or key instead of throwing', async () => {
    const signer = keyPair();
    const data = new Uint8Array([1, 2, 3]);
    expect(await verifier.verify(data, new Uint8Array([0x30, 0x00]), signer.publicPem)).toBe(false);
    expect(await verifier.verify(data, new Uint8Array(64), signer.publicPem)).toBe(false);
    const der = new Uint8Array(sign('sha256', data, signer.privateKey));
    expect(
      await verifier.verify(data, der, '-----BEGIN PUBLIC KEY-----AAAA-----END PUBLIC KEY-----'),
    ).toBe(false);
  });
});

describe('derToRawSignature', () => {
  it.each([
    ['not a sequence', [0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]],
    ['length mismatch', [0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]],
    ['trailing byte', [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00]],
    [
      'integer too long',
      [0x30, 0x26, 0x02, 0x21, 0x01, ...new Array<number>(32).fill(1), 0x02, 0x01, 0x01],
    ],
  ])('refuses %s', (_name, bytes) => {
    expect(derToRawSignature(new Uint8Array(bytes))).toBeNull();
  });

  it('left-pads short integers and strips the sign byte', () => {
    const der = [
      0x30,
      0x26,
      0x02,
      0x21,
      0x00,
      0x80,
      ...new Array<number>(31).fill(7),
      0x02,
      0x01,
      0x05,
    ];
    const raw = derToRawSignature(new Uint8Array(der));
    expect(raw?.[0]).toBe(0x80);
    expect(raw?.[31]).toBe(7);
    expect(raw?.slice(32, 63).every((b) => b === 0)).toBe(true);
    expect(raw?.[63]).toBe(5);
  });
});
