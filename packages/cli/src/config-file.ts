import { stat } from 'node:fs/promises';
import { ConfigFileError, loadScoringConfigFile } from '@cocoa/simulator';
import { CliError } from './errors.ts';

const ADVICE = 'pass a COCOA configuration.json (see docs/simulation.md)';
// COCOA's configuration.json is a few kilobytes.
const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Refuses a `--config` file before any work starts: a missing file as `FILE_NOT_FOUND`, like
 * every other file a command is given, and one that is not a COCOA configuration as
 * `CONFIG_FILE_INVALID`.
 */
export async function requireScoringConfigFile(file: string): Promise<void> {
  const info = await stat(file).catch((error: unknown) => {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  });
  if (info === undefined) {
    throw new CliError(
      'FILE_NOT_FOUND',
      `configuration file ${file} does not exist; check the path`,
    );
  }
  if (info.isDirectory()) {
    throw new CliError(
      'CONFIG_FILE_INVALID',
      `configuration file ${file} is a directory; ${ADVICE}`,
    );
  }
  // Read whole below: a device or pipe could feed it without end.
  if (!info.isFile()) {
    throw new CliError(
      'CONFIG_FILE_INVALID',
      `configuration file ${file} is not a regular file; ${ADVICE}`,
    );
  }
  if (info.size > MAX_CONFIG_BYTES) {
    throw new CliError(
      'CONFIG_FILE_INVALID',
      `configuration file ${file} is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MiB, far more ` +
        `than a configuration holds; ${ADVICE}`,
    );
  }
  try {
    loadScoringConfigFile(file);
  } catch (error) {
    if (!(error instanceof ConfigFileError)) throw error;
    throw new CliError(error.code, `configuration file ${error.message}; ${ADVICE}`, {
      cause: error,
    });
  }
}
