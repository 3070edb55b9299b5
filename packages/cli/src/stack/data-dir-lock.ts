import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { CliError, fileSystemReason } from '../errors.ts';

/** File in a data directory that says which process serves from it. */
export const SERVE_LOCK_FILE = 'serve.lock';

/** A held lock; `release` is safe to call more than once. */
export interface DataDirLock {
  release(): void;
}

/**
 * Claims a data directory for one `serve` before anything in it is written: a second serve of
 * the same folder would rebuild the app under the first one's feet and run a second export
 * timer on the same database. The lock file holds the owner's process id; a lock whose process
 * is gone (killed, or the machine restarted) is taken over. It is removed when the process exits,
 * however it exits short of being killed.
 */
export function lockDataDir(root: string): DataDirLock {
  const file = path.join(root, SERVE_LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      try {
        writeSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      break;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code !== 'EEXIST') throw lockError(file, error);
      const owner = ownerOf(file);
      if (owner !== undefined && isRunning(owner)) {
        throw new CliError(
          'DATA_DIR_IN_USE',
          `another cocoa serve (process ${owner}) is running on the data directory ${root}; ` +
            `stop it first or pass another --data-dir (if no such process is a cocoa serve, ` +
            `delete ${file})`,
        );
      }
      // Left by a process that is gone: take it over, once; a second loss means a race.
      if (attempt > 0) throw lockError(file, error);
      rmSync(file, { force: true });
    }
  }

  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    if (ownerOf(file) === process.pid) rmSync(file, { force: true });
  };
  process.on('exit', release);
  return { release };
}

/**
 * Refuses to change a data directory's files under a running `serve` (its signing keys, say):
 * the serve would go on handing phones the old public key while signing with the new one.
 */
export function refuseWhileServed(root: string, what: string): void {
  const owner = ownerOf(path.join(root, SERVE_LOCK_FILE));
  if (owner === undefined || owner === process.pid || !isRunning(owner)) return;
  throw new CliError(
    'DATA_DIR_IN_USE',
    `a cocoa serve (process ${owner}) is running on the data directory ${root}, so ${what}; ` +
      'stop it first, then try again',
  );
}

function ownerOf(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

function lockError(file: string, error: unknown): CliError {
  const reason =
    (error as { code?: unknown }).code === 'EEXIST'
      ? 'another process claimed the folder at the same moment'
      : fileSystemReason(error);
  return new CliError(
    'FILE_NOT_ACCESSIBLE',
    `cannot create ${file}, which marks the data directory as in use: ${reason}; pass another ` +
      '--data-dir, or check its permissions',
  );
}
