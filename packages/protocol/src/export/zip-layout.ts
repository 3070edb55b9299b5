import { ProtocolError } from '../errors.ts';

/**
 * Reads what fflate's listing leaves out: where each entry's compressed bytes begin, the name
 * its local header gives it, and the CRC-32 values recorded for it. Offsets follow the
 * central directory's record of each local header, because fflate's streaming reader finds
 * the end of entries written with data descriptors (as Go's archive/zip and every real export
 * here does) by scanning for a 4-byte signature that can also occur inside compressed data.
 */

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const DESCRIPTOR_SIGNATURE = 0x08074b50;
const EOCD_BYTES = 22;
const CENTRAL_BYTES = 46;
const LOCAL_BYTES = 30;
const MAX_COMMENT_BYTES = 0xffff;
/** General purpose flag bit 3: CRC and sizes follow the data, the local header holds zeros. */
const HAS_DATA_DESCRIPTOR = 0x0008;
/** Longest piece of a foreign entry name quoted in an error, to keep the message one short line. */
const QUOTED_NAME_CHARS = 64;

/** What an entry listed by fflate needs to be located: its name and compressed size. */
export interface ListedEntry {
  name: string;
  size: number;
}

/** Where one entry's data lies and the CRC-32 values the zip records for it. */
export interface EntryLayout {
  /** Offset of the entry's first compressed byte. */
  dataStart: number;
  /** CRC-32 of the inflated entry as the central directory records it. */
  centralCrc: number;
  /** CRC-32 as the local header records it, or its data descriptor when the header defers. */
  localCrc: number;
  /** Which record `localCrc` was read from, for error messages. */
  localCrcSource: 'local header' | 'data descriptor';
}

function malformed(detail: string): never {
  throw new ProtocolError('EXPORT_ZIP_MALFORMED', `export zip: ${detail}`);
}

/** Offset of the end-of-central-directory record, searched backwards over any comment. */
function findEndOfDirectory(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - EOCD_BYTES - MAX_COMMENT_BYTES);
  for (let offset = view.byteLength - EOCD_BYTES; offset >= lowest; offset--) {
    if (view.getUint32(offset, true) === EOCD_SIGNATURE) return offset;
  }
  return malformed('end of central directory not found');
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Refuses an entry whose local header names it differently from the central directory: zip
 * readers disagree on which of the two wins, so such a file may unpack differently on a phone.
 */
function checkLocalName(central: Uint8Array, local: Uint8Array, name: string): void {
  if (sameBytes(central, local)) return;
  const quoted = JSON.stringify(new TextDecoder().decode(local).slice(0, QUOTED_NAME_CHARS));
  throw new ProtocolError(
    'EXPORT_ZIP_NAME_MISMATCH',
    `export zip: the local header of ${name} names it ${quoted}, unlike the central directory`,
  );
}

/**
 * CRC-32 recorded in the data descriptor that follows an entry's data. Its signature is
 * optional; a first word equal to the signature is taken as the CRC itself when the central
 * directory records exactly that value.
 */
function descriptorCrc(view: DataView, dataEnd: number, centralCrc: number, name: string): number {
  if (dataEnd + 4 > view.byteLength) malformed(`the data descriptor of ${name} is missing`);
  const first = view.getUint32(dataEnd, true);
  if (first !== DESCRIPTOR_SIGNATURE || first === centralCrc) return first;
  if (dataEnd + 8 > view.byteLength) malformed(`the data descriptor of ${name} is cut short`);
  return view.getUint32(dataEnd + 4, true);
}

/** Reads the local header at `local` of an entry the central directory records. */
function readLocalHeader(
  zip: Uint8Array,
  view: DataView,
  local: number,
  central: { name: Uint8Array; crc: number },
  entry: ListedEntry,
): EntryLayout {
  if (local + LOCAL_BYTES > zip.length || view.getUint32(local, true) !== LOCAL_SIGNATURE) {
    malformed('local header out of place');
  }
  const nameStart = local + LOCAL_BYTES;
  const nameEnd = nameStart + view.getUint16(local + 26, true);
  if (nameEnd > zip.length) malformed(`the local header of ${entry.name} is cut short`);
  checkLocalName(central.name, zip.subarray(nameStart, nameEnd), entry.name);

  const dataStart = nameEnd + view.getUint16(local + 28, true);
  const dataEnd = dataStart + entry.size;
  if (dataEnd > zip.length) malformed(`${entry.name} runs past the end of the zip`);

  if ((view.getUint16(local + 6, true) & HAS_DATA_DESCRIPTOR) === 0) {
    const localCrc = view.getUint32(local + 14, true);
    return { dataStart, centralCrc: central.crc, localCrc, localCrcSource: 'local header' };
  }
  const localCrc = descriptorCrc(view, dataEnd, central.crc, entry.name);
  return { dataStart, centralCrc: central.crc, localCrc, localCrcSource: 'data descriptor' };
}

/** Locates each entry fflate listed, in directory order, checking its local header agrees. */
export function entryLayouts(zip: Uint8Array, entries: readonly ListedEntry[]): EntryLayout[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = findEndOfDirectory(view);
  let record = view.getUint32(end + 16, true);
  const layouts: EntryLayout[] = [];

  for (const entry of entries) {
    if (record + CENTRAL_BYTES > zip.length || view.getUint32(record, true) !== CENTRAL_SIGNATURE) {
      malformed('central directory record out of place');
    }
    const nameBytes = view.getUint16(record + 28, true);
    const extraBytes = view.getUint16(record + 30, true);
    const commentBytes = view.getUint16(record + 32, true);
    const nameStart = record + CENTRAL_BYTES;
    const central = {
      name: zip.subarray(nameStart, nameStart + nameBytes),
      crc: view.getUint32(record + 16, true),
    };

    layouts.push(readLocalHeader(zip, view, view.getUint32(record + 42, true), central, entry));
    record += CENTRAL_BYTES + nameBytes + extraBytes + commentBytes;
  }
  return layouts;
}
