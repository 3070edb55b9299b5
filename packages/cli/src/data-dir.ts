import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError, ExitCode } from './errors.ts';
import { ensureDirectory } from './files.ts';

/** Repository root, found from this file so the command works from any working directory. */
export const REPO_ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/**
 * Where local state lives: `--data-dir`, else `COCOA_DATA_DIR`, else `.var/` in the repository
 * (git-ignored), so a fresh checkout runs without any setup. An empty value is refused: it
 * would resolve to the working directory and scatter keys and databases there.
 */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag !== undefined && flag.trim() === '') {
    throw new CliError(
      'DATA_DIR_EMPTY',
      '--data-dir is empty; name the folder for local state, or leave the flag out to use ' +
        'COCOA_DATA_DIR or .var/',
      { exitCode: ExitCode.USAGE },
    );
  }
  const fromEnv = env.COCOA_DATA_DIR;
  if (flag === undefined && fromEnv !== undefined && fromEnv.trim() === '') {
    throw new CliError(
      'DATA_DIR_EMPTY',
      'COCOA_DATA_DIR is set but empty; name the folder for local state, or unset it to use .var/',
      { exitCode: ExitCode.USAGE },
    );
  }
  return path.resolve(flag ?? fromEnv ?? path.join(REPO_ROOT, '.var'));
}

/** Files and folders of the local system inside one data directory. */
export interface DataLayout {
  root: string;
  keysDir: string;
  signingPrivateKey: string;
  signingPublicKey: string;
  healthCenterDb: string;
  notificationServerDb: string;
  exportDir: string;
  demoAccount: string;
  /** Where `serve` notes the address its notification server publishes under. */
  notificationServerRecord: string;
}

/** The fixed layout of a data directory. */
export function dataLayout(root: string): DataLayout {
  const keysDir = path.join(root, 'keys');
  return {
    root,
    keysDir,
    signingPrivateKey: path.join(keysDir, 'export-signing-private.pem'),
    signingPublicKey: path.join(keysDir, 'export-signing-public.pem'),
    healthCenterDb: path.join(root, 'health-center.sqlite'),
    notificationServerDb: path.join(root, 'notification-server.sqlite'),
    exportDir: path.join(root, 'exports'),
    demoAccount: path.join(root, 'demo-account.json'),
    notificationServerRecord: path.join(root, 'notification-server.json'),
  };
}

/** What to do about a data directory that cannot be used. */
export const DATA_DIR_ADVICE = 'pass another --data-dir (or COCOA_DATA_DIR)';

/** Creates the data directory when missing, saying in one line why it cannot be. */
export async function ensureDataDir(layout: DataLayout): Promise<void> {
  await ensureDirectory(layout.root, DATA_DIR_ADVICE);
}
