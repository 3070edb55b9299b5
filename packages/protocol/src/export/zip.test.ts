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

/** Offset of the local header (or central record) of the entry at `entryIndex`. */
function recordOf(zip: Uint8Array, signature: number, entryIndex: number): number {
  const offset = findRecords(zip, signature)[entryIndex];
  if (offset === undefined) throw new Error('record not found');
  return offset;
}

/** A copy of `zip` with the 32-bit little-endian word at `offset` XORed with `mask`. */
function withWordFlipped(zip: Uint8Array, offset: number, mask = 0x00000001): Uint8Array {
  const copy = zip.slice();
  const view = new DataView(copy.buffer);
  view.setUint32(offset, (view.getUint32(offset, true) ^ mask) >>> 0, true);
  return copy;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const DESCRIPTOR = 0x08074b50;

describe('unpackExportZip checks each entry against its recorded CRC-32', () => {
  const zip = packExportZip({ exportBin, exportSig });
  const streamed = zipWithDataDescriptors(exportBin, exportSig, false);
  const cases: [string, () => Uint8Array, RegExp][] = [
    [
      'export.bin with a wrong CRC in the central directory',
      () => withWordFlipped(zip, recordOf(zip, CENTRAL, 0) + 16),
      /^export zip: export\.bin has CRC-32 0x[0-9a-f]{8}, but its central directory records/,
    ],
    [
      'export.bin with a wrong CRC in its local header',
      () => withWordFlipped(zip, recordOf(zip, LOCAL, 0) + 14),
      /^export zip: export\.bin has CRC-32 .*, but its local header records/,
    ],
    [
      'export.sig with a wrong CRC in the central directory',
      () => withWordFlipped(zip, recordOf(zip, CENTRAL, 1) + 16, 0x80000000),
      /^export zip: export\.sig has CRC-32 .*, but its central directory records/,
    ],
    [
      'export.sig with a wrong CRC in its local header',
      () => withWordFlipped(zip, recordOf(zip, LOCAL, 1) + 14),
      /^export zip: export\.sig has CRC-32 .*, but its local header records/,
    ],
    [
      'export.bin with the same wrong CRC in both records',
      () => {
        const once = withWordFlipped(zip, recordOf(zip, CENTRAL, 0) + 16, 0xff);
        return withWordFlipped(once, recordOf(once, LOCAL, 0) + 14, 0xff);
      },
      /^export zip: export\.bin has CRC-32 .*, but its central directory records/,
    ],
    [
      'a wrong CRC in the data descriptor after export.bin',
      () => withWordFlipped(streamed, recordOf(streamed, DESCRIPTOR, 0) + 4),
      /^export zip: export\.bin has CRC-32 .*, but its data descriptor records/,
    ],
    [
      'a wrong CRC in the data descriptor after export.sig',
      () => withWordFlipped(streamed, recordOf(streamed, DESCRIPTOR, 1) + 4),
      /^export zip: export\.sig has CRC-32 .*, but its data descriptor records/,
    ],
    [
      'a stored export.bin with one byte of its content changed',
      () => {
        const stored = zipSync({ 'export.bin': exportBin, 'export.sig': exportSig }, { level: 0 });
        const copy = stored.slice();
        const dataStart = recordOf(stored, LOCAL, 0) + 30 + 'export.bin'.length;
        copy[dataStart + 20] = (copy[dataStart + 20] ?? 0) ^ 0x01;
        return copy;
      },
      /^export zip: export\.bin has CRC-32 .*, but its central directory records/,
    ],
  ];

  it.each(cases)('refuses %s', (_name, damaged, message) => {
    const error = caught(() => unpackExportZip(damaged()));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({
      code: 'EXPORT_ZIP_CRC_MISMATCH',
      message: expect.stringMatching(message),
    });
  });

  it('reads a data descriptor written without its optional signature', () => {
    // Drop the signature of the last descriptor, which sits just before the central directory,
    // and move the directory's recorded offset back by the same four bytes.
    const descriptor = recordOf(streamed, DESCRIPTOR, 1);
    const bare = new Uint8Array([
      ...streamed.subarray(0, descriptor),
      ...streamed.subarray(descriptor + 4),
    ]);
    const end = findRecords(bare, 0x06054b50)[0] ?? -1;
    const view = new DataView(bare.buffer);
    view.setUint32(end + 16, view.getUint32(end + 16, true) - 4, true);

    expect(findRecords(bare, DESCRIPTOR)).toHaveLength(1);
    expect(unpackExportZip(bare)).toEqual({ exportBin, exportSig });
    const wrong = withWordFlipped(bare, descriptor);
    expectError(() => unpackExportZip(wrong), ProtocolError, 'EXPORT_ZIP_CRC_MISMATCH');
  });
});

describe('unpackExportZip checks the local header names each entry as the directory does', () => {
  const zip = packExportZip({ exportBin, exportSig });

  /** A copy of `zip` with the local header of `entryIndex` holding `name` instead. */
  function renamedLocally(entryIndex: number, name: string): Uint8Array {
    const copy = zip.slice();
    const local = recordOf(copy, LOCAL, entryIndex);
    const view = new DataView(copy.buffer);
    const nameBytes = view.getUint16(local + 26, true);
    const extraBytes = view.getUint16(local + 28, true);
    const encoded = new TextEncoder().encode(name);
    if (encoded.length > nameBytes) throw new Error('the new name must not be longer');
    // A shorter name gives its bytes to the extra field, so the data stays where it was.
    copy.set(encoded, local + 30);
    view.setUint16(local + 26, encoded.length, true);
    view.setUint16(local + 28, extraBytes + nameBytes - encoded.length, true);
    return copy;
  }

  it.each([
    ['one letter of export.bin changed', 0, 'exporT.bin'],
    ['export.bin named like the other entry', 0, 'export.sig'],
    ['export.bin cut to a shorter name', 0, 'export.bi'],
    ['export.sig given another name', 1, 'signature'],
  ])('refuses %s', (_name, entryIndex, localName) => {
    const error = caught(() => unpackExportZip(renamedLocally(entryIndex, localName)));
    const entry = entryIndex === 0 ? 'export.bin' : 'export.sig';
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({
      code: 'EXPORT_ZIP_NAME_MISMATCH',
      message:
        `export zip: the local header of ${entry} names it ${JSON.stringify(localName)}, ` +
        'unlike the central directory',
    });
  });

  it('still accepts the zip when both names are left as they are', () => {
    expect(unpackExportZip(renamedLocally(0, 'export.bin'))).toEqual({ exportBin, exportSig });
  });
});
