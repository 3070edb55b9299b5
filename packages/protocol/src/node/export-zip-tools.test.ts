import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.ts';
import type { ExportFiles } from '../export/types.ts';
import { unpackExportZip } from '../export/zip.ts';
import { sharedDataPath } from './shared-data.ts';

/**
 * Zips written by tools we did not write (Info-ZIP's zip, Python's zipfile) must unpack to the
 * same bytes, and damage that Info-ZIP's unzip or Python's zipfile refuses must be refused here
 * too. The two disagree on which CRC-32 record they trust, which is why this reader checks both.
 */

const workDir = mkdtempSync(path.join(tmpdir(), 'cocoa-zip-tools-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

// Real files from the Corona-Warn-App server, re-zipped by each tool.
const cwa = unpackExportZip(
  new Uint8Array(readFileSync(sharedDataPath('exports', 'cwa-dev-2020-05-31', 'export.zip'))),
);
writeFileSync(path.join(workDir, 'export.bin'), cwa.exportBin);
writeFileSync(path.join(workDir, 'export.sig'), cwa.exportSig);

/** Whether both parts are byte for byte the same; quicker than a deep compare of 700 kB. */
function sameFiles(a: ExportFiles, b: ExportFiles): boolean {
  const same = (x: Uint8Array, y: Uint8Array) => Buffer.from(x).equals(Buffer.from(y));
  return same(a.exportBin, b.exportBin) && same(a.exportSig, b.exportSig);
}

/** `make`'s result, made on first use and kept: each tool runs once per file. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

function run(tool: string, args: string[]): Uint8Array {
  return new Uint8Array(execFileSync(tool, args, { cwd: workDir, maxBuffer: 64 * 1024 ** 2 }));
}

// The tools are installed by .ci/run; a missing one fails these tests rather than skipping them.
const writers: [string, () => Uint8Array][] = [
  [
    "Info-ZIP's zip writing a file",
    once(() => {
      run('zip', ['-q', '-X', 'info-zip.zip', 'export.bin', 'export.sig']);
      return new Uint8Array(readFileSync(path.join(workDir, 'info-zip.zip')));
    }),
  ],
  [
    "Info-ZIP's zip streaming to a pipe, with data descriptors",
    once(() => run('zip', ['-q', '-X', '-', 'export.bin', 'export.sig'])),
  ],
  [
    "Python's zipfile",
    once(() => {
      run('python3', ['-m', 'zipfile', '-c', 'python.zip', 'export.bin', 'export.sig']);
      return new Uint8Array(readFileSync(path.join(workDir, 'python.zip')));
    }),
  ],
];

describe.each(writers)('a zip written by %s', (_writer, write) => {
  it('unpacks to the bytes it was given', () => {
    expect(sameFiles(unpackExportZip(write()), cwa)).toBe(true);
  });
});

/** Offset of the first record with the given signature. */
function firstRecord(zip: Uint8Array, signature: number): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let i = 0; i + 4 <= zip.length; i++) if (view.getUint32(i, true) === signature) return i;
  throw new Error('record not found');
}

/** A copy of `zip` with one bit of the byte at `offset` flipped. */
function flipped(zip: Uint8Array, offset: number, mask = 0x01): Uint8Array {
  const copy = zip.slice();
  copy[offset] = (copy[offset] ?? 0) ^ mask;
  return copy;
}

/** Whether Info-ZIP's `unzip -t` finds fault with the file. */
function unzipRefuses(zip: Uint8Array): boolean {
  const file = path.join(workDir, 'damaged.zip');
  writeFileSync(file, zip);
  return spawnSync('unzip', ['-t', file]).status !== 0;
}

/** Whether Python's zipfile finds fault with the file; its `-t` exits 0 either way. */
function pythonRefuses(zip: Uint8Array): boolean {
  const file = path.join(workDir, 'damaged.zip');
  writeFileSync(file, zip);
  const result = spawnSync('python3', ['-m', 'zipfile', '-t', file], { encoding: 'utf8' });
  return result.status !== 0 || /corrupted|Error/.test(`${result.stdout}${result.stderr}`);
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;

describe('damage other zip readers refuse', () => {
  const zip = () => writers[0]![1]();
  const cases: [string, () => Uint8Array, string, (zip: Uint8Array) => boolean][] = [
    [
      'a wrong CRC in the local header, which unzip trusts',
      () => flipped(zip(), firstRecord(zip(), LOCAL) + 14),
      'EXPORT_ZIP_CRC_MISMATCH',
      unzipRefuses,
    ],
    [
      'a wrong CRC in the central directory, which Python trusts',
      () => flipped(zip(), firstRecord(zip(), CENTRAL) + 16),
      'EXPORT_ZIP_CRC_MISMATCH',
      pythonRefuses,
    ],
    [
      'a local header naming export.bin differently, for unzip',
      () => flipped(zip(), firstRecord(zip(), LOCAL) + 30 + 5, 0x20),
      'EXPORT_ZIP_NAME_MISMATCH',
      unzipRefuses,
    ],
    [
      'a local header naming export.bin differently, for Python',
      () => flipped(zip(), firstRecord(zip(), LOCAL) + 30 + 5, 0x20),
      'EXPORT_ZIP_NAME_MISMATCH',
      pythonRefuses,
    ],
  ];

  it.each(cases)('%s', (_name, damage, code, otherReaderRefuses) => {
    const damaged = damage();
    expect(otherReaderRefuses(damaged)).toBe(true);
    let caught: unknown;
    try {
      unpackExportZip(damaged);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProtocolError);
    expect((caught as ProtocolError).code).toBe(code);
  });

  it('leaves the undamaged zip acceptable to all three readers', () => {
    expect(unzipRefuses(zip())).toBe(false);
    expect(pythonRefuses(zip())).toBe(false);
    expect(sameFiles(unpackExportZip(zip()), cwa)).toBe(true);
  });
});
