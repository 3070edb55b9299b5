/** Damages published export files on disk the way an attacker on the CDN path might. */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packExportZip, unpackExportZip } from '@cocoa/protocol';

/** Flips one byte of every published `export.bin`, keeping the zip and the signature intact. */
export function tamperWithExports(directory: string): number {
  let count = 0;
  for (const path of zipFiles(directory)) {
    const files = unpackExportZip(new Uint8Array(readFileSync(path)));
    const exportBin = files.exportBin.slice();
    // The last byte belongs to the last key's fields; the file still parses, the signature
    // no longer matches.
    exportBin[exportBin.length - 1] = (exportBin[exportBin.length - 1] ?? 0) ^ 0x01;
    writeFileSync(path, packExportZip({ exportBin, exportSig: files.exportSig }));
    count++;
  }
  return count;
}

function zipFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return zipFiles(path);
    return name.endsWith('.zip') ? [path] : [];
  });
}
