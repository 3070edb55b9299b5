import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * Absolute path of a file in the shared reference data, which lives beside the repository
 * (`../shared/data`) and is read in place, never copied. `COCOA_SHARED_DATA` overrides it.
 */
export function sharedDataPath(...parts: string[]): string {
  const root =
    process.env.COCOA_SHARED_DATA ??
    path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../../../shared/data');
  if (!existsSync(root)) {
    throw new Error(`shared reference data not found at ${root}; set COCOA_SHARED_DATA`);
  }
  return path.join(root, ...parts);
}
