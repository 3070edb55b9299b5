import { Zip, ZipDeflate, ZipPassThrough, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { LimitError, ProtocolError } from '../errors.ts';
import { packExportZip, unpackExportZip } from './zip.ts';

const exportBin = new TextEncoder().encode('EK Export v1    some protobuf bytes');
const exportSig = new Uint8Array([0x0a, 0x02, 0x08, 0x01]);

function caught(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

function expectError(action: () => unknown, type: typeof ProtocolError, code: string): void {
  const error = caught(action);
  expect(error).toBeInstanceOf(type);
  expect((error as ProtocolError).code).toBe(code);
}

/** Offsets of every record with the given little-endian signature. */
function findRecords(zip: Uint8Array, signature: number): number[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const found: number[] = [];
  for (let i = 0; i + 4 <= zip.length; i++) {
    if (view.getUint32(i, true) === signature) found.push(i);
  }
  return found;
}

/** Rewrites the uncompressed size an entry declares, in its local and central headers. */
function lieAboutSize(zip: Uint8Array, entryIndex: number, declared: number): Uint8Array {
  const copy = zip.slice();
  const view = new DataView(copy.buffer);
  const local = findRecords(copy, 0x04034b50)[entryIndex];
  const central = findRecords(copy, 0x02014b50)[entryIndex];
  if (local === undefined || central === undefined) throw new Error('record not found');
  view.setUint32(local + 22, declared, true);
  view.setUint32(central + 24, declared, true);
  return copy;
}

describe('packExportZip / unpackExportZip', () => {
  it('round-trips both files and keeps export.bin first', () => {
    const zip = packExportZip({ exportBin, exportSig });
    expect(unpackExportZip(zip)).toEqual({ exportBin, exportSig });
    const names = findRecords(zip, 0x04034b50).map((offset) => {
      const length = new DataView(zip.buffer, zip.byteOffset).getUint16(offset + 26, true);
      return new TextDecoder().decode(zip.subarray(offset + 30, offset + 30 + length));
    });
    expect(names).toEqual(['export.bin', 'export.sig']);
  });

  it('writes the same bytes for the same files, so regenerated files are identical', () => {
    expect(packExportZip({ exportBin, exportSig })).toEqual(
      packExportZip({ exportBin, exportSig }),
    );
  });

  it('accepts stored (uncompressed) entries', () => {
    const zip = zipSync({ 'export.bin': exportBin, 'export.sig': exportSig }, { level: 0 });
    expect(unpackExportZip(zip)).toEqual({ exportBin, exportSig });
  });
});

/** Streams a zip the way Go's archive/zip does: sizes in data descriptors after each entry. */
function zipWithDataDescriptors(bin: Uint8Array, sig: Uint8Array, storeBin: boolean): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    parts.push(chunk);
  });
  const binEntry = storeBin ? new ZipPassThrough('export.bin') : new ZipDeflate('export.bin');
  zip.add(binEntry);
  binEntry.push(bin, true);
  const sigEntry = new ZipDeflate('export.sig');
  zip.add(sigEntry);
  sigEntry.push(sig, true);
  zip.end();
  return new Uint8Array(parts.flatMap((part) => [...part]));
}

describe('zips written with data descriptors', () => {
  it('unpacks deflated entries', () => {
    const zip = zipWithDataDescriptors(exportBin, exportSig, false);
    expect(zip[6]! & 0x08).toBe(0x08);
    expect(unpackExportZip(zip)).toEqual({ exportBin, exportSig });
  });

  it('is not cut short by data-descriptor signature bytes inside an entry', () => {
    // "PK\x07\x08" and "PK\x01\x02" can occur by chance in compressed keys of a large file.
    const tricky = new Uint8Array([
      ...exportBin,
      0x50,
      0x4b,
      0x07,
      0x08,
      0x50,
      0x4b,
      0x01,
      0x02,
      9,
    ]);
    const zip = zipWithDataDescriptors(tricky, exportSig, true);
    expect(unpackExportZip(zip)).toEqual({ exportBin: tricky, exportSig });
  });
});

describe('unpackExportZip refuses wrong content', () => {
  const cases: [string, Zippable, string][] = [
    ['a missing export.sig', { 'export.bin': exportBin }, 'EXPORT_ZIP_ENTRY_MISSING'],
    ['a missing export.bin', { 'export.sig': exportSig }, 'EXPORT_ZIP_ENTRY_MISSING'],
    [
      'a wrongly named entry',
      { 'export.bin': exportBin, 'signature.sig': exportSig },
      'EXPORT_ZIP_ENTRY_MISSING',
    ],
    [
      'entries in the wrong order',
      { 'export.sig': exportSig, 'export.bin': exportBin },
      'EXPORT_ZIP_ENTRY_ORDER',
    ],
    [
      'an extra entry',
      { 'export.bin': exportBin, 'export.sig': exportSig, 'README.txt': exportSig },
      'EXPORT_ZIP_ENTRY_UNEXPECTED',
    ],
    ['an empty zip', {}, 'EXPORT_ZIP_ENTRY_MISSING'],
  ];
  it.each(cases)('%s', (_name, files, code) => {
    expectError(() => unpackExportZip(zipSync(files)), ProtocolError, code);
  });

  it('refuses bytes that are not a zip', () => {
    expectError(() => unpackExportZip(exportBin), ProtocolError, 'EXPORT_ZIP_MALFORMED');
    expectError(() => unpackExportZip(new Uint8Array(3)), ProtocolError, 'EXPORT_ZIP_MALFORMED');
  });

  it('refuses a truncated zip', () => {
    const zip = packExportZip({ exportBin, exportSig });
    for (const cut of [1, 10, 40, zip.length - 30]) {
      const error = caught(() => unpackExportZip(zip.subarray(0, zip.length - cut)));
      expect(error).toBeInstanceOf(ProtocolError);
    }
  });

  it('refuses an entry that inflates to less than it declares', () => {
    const zip = lieAboutSize(packExportZip({ exportBin, exportSig }), 0, exportBin.length + 5);
    expectError(() => unpackExportZip(zip), ProtocolError, 'EXPORT_ZIP_MALFORMED');
  });
});

describe('unpackExportZip limits', () => {
  // 32 MiB of zeros deflates to about 32 KiB: a real zip bomb of ratio ~1000.
  const bomb = new Uint8Array(32 * 1024 * 1024);
  const bombZip = zipSync({ 'export.bin': bomb, 'export.sig': exportSig }, { level: 9 });

  it('builds a bomb whose ratio is far above the limit', () => {
    expect(bomb.length / bombZip.length).toBeGreaterThan(500);
  });

  it('refuses the bomb by its declared ratio before inflating', () => {
    expectError(() => unpackExportZip(bombZip), LimitError, 'EXPORT_ZIP_RATIO_TOO_HIGH');
  });

  it('refuses the bomb by size when the ratio limit is lifted', () => {
    const limits = { maxCompressionRatio: 10_000, maxExportBinBytes: 1024 * 1024 };
    expectError(() => unpackExportZip(bombZip, limits), LimitError, 'EXPORT_ZIP_ENTRY_TOO_LARGE');
  });

  it('stops inflating a bomb whose headers lie about its size', () => {
    const liar = lieAboutSize(bombZip, 0, 1000);
    expectError(() => unpackExportZip(liar), LimitError, 'EXPORT_ZIP_ENTRY_TOO_LARGE');
    const lifted = { maxCompressionRatio: 10_000 };
    expectError(() => unpackExportZip(liar, lifted), LimitError, 'EXPORT_ZIP_ENTRY_TOO_LARGE');
  });

  it('stops a lying entry at the ratio limit when the declared size is large', () => {
    // Declares 3 MiB (within the ratio allowance of a 32 KiB entry) but inflates to 32 MiB.
    const liar = lieAboutSize(bombZip, 0, 3 * 1024 * 1024);
    expectError(() => unpackExportZip(liar), LimitError, 'EXPORT_ZIP_ENTRY_TOO_LARGE');
  });

  it('refuses an oversized zip and an oversized signature entry', () => {
    const zip = packExportZip({ exportBin, exportSig });
    expectError(
      () => unpackExportZip(zip, { maxZipBytes: zip.length - 1 }),
      LimitError,
      'EXPORT_ZIP_TOO_LARGE',
    );
    expectError(
      () => unpackExportZip(zip, { maxExportSigBytes: exportSig.length - 1 }),
      LimitError,
      'EXPORT_ZIP_ENTRY_TOO_LARGE',
    );
  });
});
