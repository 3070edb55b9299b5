import type { CliContext } from '../context.ts';
import { loadExportFile, withFileName } from './file.ts';
import { formatExportSummary, summariseExport } from './summary.ts';
import { readVerificationKeys, verifyLoadedExport } from './verify.ts';

/** `cocoa exports inspect FILE`: prints what the export holds, never its key data. */
export async function inspectAction(
  context: CliContext,
  file: string,
  options: { json?: boolean },
): Promise<void> {
  const loaded = await loadExportFile(file);
  const summary = withFileName(file, () => summariseExport(loaded));
  if (options.json === true) {
    context.print(JSON.stringify({ file, ...summary }, null, 2));
    return;
  }
  for (const line of formatExportSummary(file, summary)) context.print(line);
}

/**
 * `cocoa exports verify FILE --key PEM [--key PEM…]`: succeeds only when one of the keys
 * verifies it, and names that key.
 */
export async function verifyAction(
  context: CliContext,
  file: string,
  options: { key: string[] },
): Promise<void> {
  const keys = await readVerificationKeys(options.key);
  const loaded = await loadExportFile(file);
  const verifiedBy = withFileName(file, () => verifyLoadedExport(file, loaded, keys));
  context.print(`signature valid: ${file} verifies with ${verifiedBy.label}`);
}
