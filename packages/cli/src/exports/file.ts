import { unpackExportZip } from '@cocoa/protocol';
import { CliError } from '../errors.ts';
import { readUserFile } from '../files.ts';

/** The two parts of an export as read from disk; a bare `export.bin` has no signature part. */
export interface LoadedExport {
  exportBin: Uint8Array;
  exportSig: Uint8Array | undefined;
  /** `zip` for a published export file, `bin` for a bare `export.bin`. */
  container: 'zip' | 'bin';
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const BIN_MAGIC = new TextEncoder().encode('EK Export');

/** Reads an export zip (or a bare export.bin) and tells the user plainly when it is neither. */
export async function loadExportFile(filePath: string): Promise<LoadedExport> {
  const bytes = await readUserFile(filePath, 'export file');

  if (startsWith(bytes, ZIP_MAGIC)) {
    const { exportBin, exportSig } = unpackExportZip(bytes);
    return { exportBin, exportSig, container: 'zip' };
  }
  if (startsWith(bytes, BIN_MAGIC)) {
    return { exportBin: bytes, exportSig: undefined, container: 'bin' };
  }
  throw new CliError(
    'NOT_AN_EXPORT',
    `${filePath} is neither an export zip nor an export.bin; pass a file a key server published`,
  );
}

function startsWith(bytes: Uint8Array, prefix: ArrayLike<number>): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}
