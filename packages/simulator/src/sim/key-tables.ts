/**
 * One key table per export file for the whole town. Every phone still downloads each file,
 * checks its signature and matches its own sightings; what it would otherwise repeat — deriving
 * the RPIs of every published key, thousands of engines times thousands of keys — is done once
 * per file. A table is handed out only for bytes equal to those it was built from.
 */
import { decodeExportBin, KeyTable, type CryptoBackend } from '@cocoa/protocol';
import type { KeyTableSource } from '@cocoa/device';

// Phones check about daily and exports run twice a day: a few recent files are all in use.
const KEPT_TABLES = 6;

/** A table source shared by every engine of a simulation. */
export function sharedKeyTables(backend: CryptoBackend): KeyTableSource & { built(): number } {
  const recent: { exportBin: Buffer; table: KeyTable }[] = [];
  let built = 0;
  const source = (exportBin: Uint8Array): KeyTable => {
    const bytes = Buffer.from(exportBin.buffer, exportBin.byteOffset, exportBin.byteLength);
    const known = recent.find((r) => r.exportBin.equals(bytes));
    if (known) return known.table;
    const table = new KeyTable(backend, decodeExportBin(exportBin).keys);
    built += 1;
    recent.unshift({ exportBin: Buffer.from(bytes), table });
    if (recent.length > KEPT_TABLES) recent.pop();
    return table;
  };
  return Object.assign(source, { built: () => built });
}
