import { Inflate, unzipSync, zipSync, type UnzipFileInfo } from 'fflate';
import { LimitError, ProtocolError } from '../errors.ts';
import {
  EXPORT_BIN_NAME,
  EXPORT_SIG_NAME,
  resolveLimits,
  type ExportFiles,
  type ExportLimits,
} from './types.ts';
import { crc32 } from './crc32.ts';
import { entryLayouts, type EntryLayout } from './zip-layout.ts';

const EXPECTED_NAMES = [EXPORT_BIN_NAME, EXPORT_SIG_NAME] as const;
/** Smallest possible zip: the end-of-central-directory record alone. */
const MIN_ZIP_BYTES = 22;
/** Input is fed to the inflater in slices this big, so one step inflates at most ~4 MB. */
const PUSH_BYTES = 4 * 1024;
/** Small entries compress well without being bombs; the ratio check allows this much extra. */
const RATIO_SLACK_BYTES = 64 * 1024;
/** A fixed local-time stamp keeps regenerated zips byte-identical on every machine. */
const FIXED_MTIME = new Date(2020, 0, 1, 0, 0, 0);

function malformedZip(detail: string, cause?: unknown): never {
  throw new ProtocolError('EXPORT_ZIP_MALFORMED', `export zip: ${detail}`, { cause });
}

/** Packs `export.bin` then `export.sig`, in the order phones expect, with fixed timestamps. */
export function packExportZip(files: ExportFiles): Uint8Array {
  return zipSync(
    { [EXPORT_BIN_NAME]: files.exportBin, [EXPORT_SIG_NAME]: files.exportSig },
    { level: 6, mtime: FIXED_MTIME },
  );
}

/** Reads the central directory without inflating anything. */
function listEntries(zip: Uint8Array): UnzipFileInfo[] {
  const entries: UnzipFileInfo[] = [];
  try {
    unzipSync(zip, {
      filter: (info) => {
        entries.push({ ...info });
        return false;
      },
    });
  } catch (error) {
    malformedZip('the central directory is unreadable', error);
  }
  return entries;
}

/** Limit for one entry's inflated size. */
function entryLimit(name: string, limits: ExportLimits): number {
  return name === EXPORT_BIN_NAME ? limits.maxExportBinBytes : limits.maxExportSigBytes;
}

/** Most bytes an entry of `compressed` bytes may inflate to before it counts as a bomb. */
function ratioLimit(compressed: number, limits: ExportLimits): number {
  return compressed * limits.maxCompressionRatio + RATIO_SLACK_BYTES;
}

/** Checks names, order, methods and the declared sizes before any byte is inflated. */
function checkEntries(entries: UnzipFileInfo[], limits: ExportLimits): void {
  const names = entries.map((entry) => entry.name);
  for (const name of EXPECTED_NAMES) {
    if (!names.includes(name)) {
      throw new ProtocolError('EXPORT_ZIP_ENTRY_MISSING', `export zip: ${name} is missing`);
    }
  }
  if (names.length !== EXPECTED_NAMES.length) {
    throw new ProtocolError(
      'EXPORT_ZIP_ENTRY_UNEXPECTED',
      `export zip: expected only ${EXPECTED_NAMES.join(' and ')}, found ${names.length} entries`,
    );
  }
  if (names[0] !== EXPORT_BIN_NAME) {
    throw new ProtocolError(
      'EXPORT_ZIP_ENTRY_ORDER',
      `export zip: ${EXPORT_BIN_NAME} must come before ${EXPORT_SIG_NAME}`,
    );
  }

  for (const entry of entries) {
    if (entry.compression !== 0 && entry.compression !== 8) {
      malformedZip(`${entry.name} uses unsupported compression method ${entry.compression}`);
    }
    const limit = entryLimit(entry.name, limits);
    if (entry.originalSize > limit) {
      throw new LimitError(
        'EXPORT_ZIP_ENTRY_TOO_LARGE',
        `export zip: ${entry.name} declares ${entry.originalSize} bytes, more than ${limit}`,
      );
    }
    if (entry.originalSize > ratioLimit(entry.size, limits)) {
      throw new LimitError(
        'EXPORT_ZIP_RATIO_TOO_HIGH',
        `export zip: ${entry.name} declares a compression ratio above ${limits.maxCompressionRatio}`,
      );
    }
  }
}

/** Inflation state of one entry. */
interface Extraction {
  info: UnzipFileInfo;
  cap: number;
  chunks: Uint8Array[];
  total: number;
  /** CRC-32 of the bytes collected so far, computed as they arrive. */
  crc: number;
  done: boolean;
}

/** Collects one entry's output, stopping the moment it grows past what it may hold. */
function collect(state: Extraction, chunk: Uint8Array, final: boolean): void {
  state.total += chunk.length;
  if (state.total > state.cap) {
    // Stop before buffering more: a lying header or a bomb must not cost memory.
    throw new LimitError(
      'EXPORT_ZIP_ENTRY_TOO_LARGE',
      `export zip: ${state.info.name} inflates beyond its declared or allowed size`,
    );
  }
  state.chunks.push(chunk);
  state.crc = crc32(chunk, state.crc);
  if (final) state.done = true;
}

/** Joins the collected chunks, checking the entry inflated to exactly its declared size. */
function finish(state: Extraction): Uint8Array {
  if (!state.done || state.total !== state.info.originalSize) {
    malformedZip(`${state.info.name} does not inflate to its declared size`);
  }
  if (state.chunks.length === 1 && state.chunks[0] !== undefined) return state.chunks[0];
  const out = new Uint8Array(state.total);
  let offset = 0;
  for (const chunk of state.chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * Refuses an entry whose bytes do not match the CRC-32 recorded in both the central directory
 * and its local header (or data descriptor). A phone's zip reader may check either record, so
 * a file this reader accepts must pass both.
 */
function checkCrc(state: Extraction, layout: EntryLayout): void {
  const hex = (crc: number) => `0x${crc.toString(16).padStart(8, '0')}`;
  const recorded: [string, number][] = [
    ['central directory', layout.centralCrc],
    [layout.localCrcSource, layout.localCrc],
  ];
  for (const [where, crc] of recorded) {
    if (crc !== state.crc) {
      throw new ProtocolError(
        'EXPORT_ZIP_CRC_MISMATCH',
        `export zip: ${state.info.name} has CRC-32 ${hex(state.crc)}, but its ${where} ` +
          `records ${hex(crc)}`,
      );
    }
  }
}

/**
 * Inflates one entry's compressed bytes in small steps, so a bomb or an entry whose header
 * lies is stopped within a few megabytes of its cap instead of after inflating in full, then
 * checks the result against its recorded size and CRC-32.
 */
function extract(
  zip: Uint8Array,
  info: UnzipFileInfo,
  layout: EntryLayout,
  limits: ExportLimits,
): Uint8Array {
  const data = zip.subarray(layout.dataStart, layout.dataStart + info.size);
  const state: Extraction = {
    info,
    cap: Math.min(info.originalSize, ratioLimit(info.size, limits)),
    chunks: [],
    total: 0,
    crc: 0,
    done: false,
  };
  if (info.compression === 0) {
    collect(state, data.slice(), true);
    return checked(state, layout);
  }

  const inflater = new Inflate((chunk, final) => collect(state, chunk, final));
  for (let offset = 0; offset < data.length && !state.done; offset += PUSH_BYTES) {
    const end = Math.min(offset + PUSH_BYTES, data.length);
    try {
      inflater.push(data.subarray(offset, end), end === data.length);
    } catch (error) {
      if (error instanceof ProtocolError) throw error;
      malformedZip(`${info.name} is not a valid deflate stream`, error);
    }
  }
  return checked(state, layout);
}

/** The entry's bytes, once they have their declared size and CRC-32. */
function checked(state: Extraction, layout: EntryLayout): Uint8Array {
  const bytes = finish(state);
  checkCrc(state, layout);
  return bytes;
}

/**
 * Unpacks an export zip into `export.bin` and `export.sig`. Refuses wrong, missing or
 * reordered entries, local headers that name an entry differently from the central directory,
 * and entries whose bytes do not match their CRC-32, with ProtocolError; and oversized files,
 * oversized entries and zip bombs (including entries whose declared sizes lie) with LimitError
 * before they cost memory.
 */
export function unpackExportZip(zip: Uint8Array, limits?: Partial<ExportLimits>): ExportFiles {
  const resolved = resolveLimits(limits);
  if (!(zip instanceof Uint8Array)) malformedZip('input must be bytes');
  if (zip.length > resolved.maxZipBytes) {
    throw new LimitError(
      'EXPORT_ZIP_TOO_LARGE',
      `export zip is ${zip.length} bytes, more than the limit of ${resolved.maxZipBytes}`,
    );
  }
  if (zip.length < MIN_ZIP_BYTES) malformedZip('too short to be a zip');

  const entries = listEntries(zip);
  checkEntries(entries, resolved);
  const [binAt, sigAt] = entryLayouts(zip, entries);
  const [bin, sig] = entries;
  if (bin === undefined || sig === undefined || binAt === undefined || sigAt === undefined) {
    return malformedZip('entries went missing');
  }
  return {
    exportBin: extract(zip, bin, binAt, resolved),
    exportSig: extract(zip, sig, sigAt, resolved),
  };
}
