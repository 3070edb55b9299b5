import { DEFAULT_EXPORT_LIMITS, ProtocolError, unpackExportZip } from '@cocoa/protocol';
import { CliError } from '../errors.ts';
import { readUserFileWithin } from '../files.ts';

/** The two parts of an export as read from disk; a bare `export.bin` has no signature part. */
export interface LoadedExport {
  exportBin: Uint8Array;
  exportSig: Uint8Array | undefined;
  /** `zip` for a published export file, `bin` for a bare `export.bin`. */
  container: 'zip' | 'bin';
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const BIN_MAGIC = new TextEncoder().encode('EK Export');

/**
 * Largest export file `exports inspect` and `exports verify` read: the protocol's own limit for
 * a zip or a bare export.bin (64 MiB), far above a national day of keys (about 11 MB).
 */
export const MAX_EXPORT_FILE_BYTES = Math.max(
  DEFAULT_EXPORT_LIMITS.maxZipBytes,
  DEFAULT_EXPORT_LIMITS.maxExportBinBytes,
);

/**
 * Reads an export zip (or a bare export.bin) and tells the user plainly, naming the file, when
 * it is neither or is damaged. A file too large or of another kind is refused before it is
 * read whole.
 */
export async function loadExportFile(filePath: string): Promise<LoadedExport> {
  const bytes = await readUserFileWithin(filePath, 'export file', {
    maxBytes: MAX_EXPORT_FILE_BYTES,
    tooLarge: () =>
      new CliError(
        'EXPORT_FILE_TOO_LARGE',
        `${filePath} is larger than ${MAX_EXPORT_FILE_BYTES / 1024 / 1024} MiB, more than any ` +
          'export file may be; pass a file a key server published',
      ),
    headBytes: BIN_MAGIC.length,
    checkHead: (head) => {
      if (!startsWith(head, ZIP_MAGIC) && !startsWith(head, BIN_MAGIC)) {
        throw new CliError(
          'NOT_AN_EXPORT',
          `${filePath} is neither an export zip nor an export.bin; pass a file a key server published`,
        );
      }
    },
  });
  if (startsWith(bytes, BIN_MAGIC)) {
    return { exportBin: bytes, exportSig: undefined, container: 'bin' };
  }
  const { exportBin, exportSig } = withFileName(filePath, () => unpackExportZip(bytes));
  return { exportBin, exportSig, container: 'zip' };
}

/**
 * Runs a step that decodes the export read from `filePath`, naming the file in the protocol's
 * error: the user may have passed several files in one script.
 */
export function withFileName<T>(filePath: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof ProtocolError) {
      throw new CliError(
        error.code,
        `${filePath}: ${error.message}; the file is damaged or was not published by a key server`,
        { cause: error },
      );
    }
    throw error;
  }
}

function startsWith(bytes: Uint8Array, prefix: ArrayLike<number>): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}
