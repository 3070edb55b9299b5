import { ProtocolError } from '../errors.ts';

/**
 * Finds where each entry's compressed bytes begin, from the central directory's record of
 * its local header. fflate lists entries but does not expose this offset, and its streaming
 * reader finds the end of entries written with data descriptors (as Go's archive/zip and
 * every real export here does) by scanning for a 4-byte signature that can also occur inside
 * compressed data; following the directory avoids cutting a valid file short.
 */

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;

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

/** Start offsets of the compressed data of the first `count` entries, in directory order. */
export function entryDataOffsets(zip: Uint8Array, count: number): number[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = findEndOfDirectory(view);
  let record = view.getUint32(end + 16, true);
  const offsets: number[] = [];

  for (let i = 0; i < count; i++) {
    if (record + 46 > zip.length || view.getUint32(record, true) !== CENTRAL_SIGNATURE) {
      malformed('central directory record out of place');
    }
    const nameBytes = view.getUint16(record + 28, true);
    const extraBytes = view.getUint16(record + 30, true);
    const commentBytes = view.getUint16(record + 32, true);
    const local = view.getUint32(record + 42, true);

    if (local + 30 > zip.length || view.getUint32(local, true) !== LOCAL_SIGNATURE) {
      malformed('local header out of place');
    }
    offsets.push(local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true));
    record += 46 + nameBytes + extraBytes + commentBytes;
  }
  return offsets;
}
