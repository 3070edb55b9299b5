/**
 * Test helper: reads a published export zip back and checks it three independent ways: with
 * the protocol library, with `openssl dgst -verify` on the DER signature over the whole
 * `export.bin`, and with `protoc --decode` on the protobuf after the header.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  decodeExportBin,
  decodeSignatureList,
  EXPORT_HEADER,
  unpackExportZip,
  type ExportBatch,
} from '@cocoa/protocol';
import { verifyExportSignature } from '@cocoa/protocol/node';

const PROTO_DIR = fileURLToPath(new URL('../../../protocol/proto', import.meta.url));

/** Decodes a zip after checking its signature with every given public key. */
export function checkExportZip(zip: Uint8Array, publicKeyPems: readonly string[]): ExportBatch {
  const { exportBin, exportSig } = unpackExportZip(zip);
  const signatures = decodeSignatureList(exportSig);
  if (signatures.length !== publicKeyPems.length) {
    throw new Error(`expected ${publicKeyPems.length} signatures, found ${signatures.length}`);
  }

  const dir = mkdtempSync(path.join(tmpdir(), 'ns-export-check-'));
  try {
    writeFileSync(path.join(dir, 'export.bin'), exportBin);
    writeFileSync(path.join(dir, 'body.pb'), exportBin.subarray(Buffer.byteLength(EXPORT_HEADER)));
    publicKeyPems.forEach((pem, i) => {
      verifyExportSignature(exportBin, exportSig, pem);
      const signature = signatures[i]?.signature;
      if (!signature) throw new Error('missing signature');
      writeFileSync(path.join(dir, `key${i}.pem`), pem);
      writeFileSync(path.join(dir, `sig${i}.der`), signature);
      // Throws (non-zero exit) unless openssl prints "Verified OK".
      execFileSync('openssl', [
        'dgst',
        '-sha256',
        '-verify',
        path.join(dir, `key${i}.pem`),
        '-signature',
        path.join(dir, `sig${i}.der`),
        path.join(dir, 'export.bin'),
      ]);
    });
    const decoded = execFileSync(
      'protoc',
      [
        `--proto_path=${PROTO_DIR}`,
        '--decode=cocoa.export.TemporaryExposureKeyExport',
        'export.proto',
      ],
      { input: exportBin.subarray(Buffer.byteLength(EXPORT_HEADER)) },
    ).toString();
    const batch = decodeExportBin(exportBin);
    const protocKeys = decoded.match(/^keys \{/gm)?.length ?? 0;
    if (protocKeys !== batch.keys.length) {
      throw new Error(`protoc saw ${protocKeys} keys, the library ${batch.keys.length}`);
    }
    if (!decoded.includes(`region: "${batch.region}"`)) throw new Error('protoc lost the region');
    return batch;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
