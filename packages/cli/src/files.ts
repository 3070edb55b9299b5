import {
  access,
  readFile,
  writeFile,
  mkdir,
  chmod,
  open,
  rename,
  rm,
  stat,
} from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from './errors.ts';

/** How much of a user's file `readUserFileWithin` reads, and what it checks first. */
export interface BoundedRead {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** The error for a file larger than `maxBytes`. */
  tooLarge: () => Error;
  /** Bytes handed to `checkHead` before the rest is read. */
  headBytes: number;
  /** Throws when the first bytes show the file is not what the command expects. */
  checkHead: (head: Uint8Array) => void;
}

/**
 * Reads a file the user named without ever holding more than `maxBytes` of it: the size is
 * checked first, then the first bytes, and only then the rest, in chunks, so a huge file or a
 * device that never ends is refused after a bounded read.
 */
export async function readUserFileWithin(
  filePath: string,
  what: string,
  bounds: BoundedRead,
): Promise<Uint8Array> {
  // Opening a named pipe waits for a writer, perhaps for ever: refuse it before opening.
  const kind = await stat(filePath).catch(() => undefined);
  if (kind?.isFIFO()) {
    throw new CliError('NOT_A_FILE', `${what} ${filePath} is a named pipe; name a file instead`);
  }
  const handle = await open(filePath, 'r').catch((error: unknown) => {
    throw fileError(error, filePath, what);
  });
  try {
    const info = await handle.stat();
    if (info.isDirectory()) {
      throw new CliError('NOT_A_FILE', `${what} ${filePath} is a directory; name a file instead`);
    }
    if (info.isFile() && info.size > bounds.maxBytes) throw bounds.tooLarge();

    const head = await readUpTo(handle, bounds.headBytes);
    bounds.checkHead(head);
    // One byte past the limit tells a file of exactly `maxBytes` from a larger one.
    const rest = await readUpTo(handle, bounds.maxBytes + 1 - head.length);
    if (head.length + rest.length > bounds.maxBytes) throw bounds.tooLarge();
    return concat([head, rest]);
  } catch (error) {
    if (error instanceof CliError || errno(error) === undefined) throw error;
    throw fileError(error, filePath, what);
  } finally {
    await handle.close();
  }
}

const CHUNK_BYTES = 1024 * 1024;

/** Reads from the handle's position until `limit` bytes or the end, whichever comes first. */
async function readUpTo(handle: FileHandle, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (total < limit) {
    const chunk = new Uint8Array(Math.min(CHUNK_BYTES, limit - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
  }
  return concat(chunks);
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/** Largest text file `readUserText` reads: a PEM key or a configuration is a few kilobytes. */
export const MAX_USER_TEXT_BYTES = 1024 * 1024;

/**
 * Reads a small text file the user named (a PEM key), never more than `MAX_USER_TEXT_BYTES`
 * of it, so a device or a huge file given by mistake is refused instead of filling memory.
 */
export async function readUserText(filePath: string, what: string): Promise<string> {
  const bytes = await readUserFileWithin(filePath, what, {
    maxBytes: MAX_USER_TEXT_BYTES,
    tooLarge: () =>
      new CliError(
        'FILE_TOO_LARGE',
        `${what} ${filePath} is larger than ${MAX_USER_TEXT_BYTES / 1024 / 1024} MiB, far more ` +
          'than such a file holds; check the path',
      ),
    headBytes: 0,
    checkHead: () => undefined,
  });
  return new TextDecoder().decode(bytes);
}

/** Reads a text file the command keeps for itself; `undefined` when it does not exist yet. */
export async function readOwnText(filePath: string, what: string): Promise<string | undefined> {
  try {
    return await readFile(filePath, 'utf8');
  } catch (error) {
    if (errno(error) === 'ENOENT') return undefined;
    throw fileError(error, filePath, what);
  }
}

/**
 * Writes a file only if it does not exist yet, with the given mode set at creation so a private
 * key is never readable by others, not even for a moment.
 */
export async function writeNewFile(
  filePath: string,
  content: string | Uint8Array,
  options: { mode: number; overwrite?: boolean; advice?: string },
): Promise<void> {
  const { mode, advice } = options;
  await ensureDirectory(path.dirname(filePath), advice);

  // Replacing removes the old file first, so the new content never inherits its looser mode.
  if (options.overwrite === true) {
    await rm(filePath, { force: true }).catch((error: unknown) => {
      throw writeError(error, filePath, 'output file', advice);
    });
  }

  try {
    await writeFile(filePath, content, { flag: 'wx', mode });
  } catch (error) {
    if (errno(error) === 'EEXIST') {
      if (await isDirectory(filePath)) throw directoryInTheWay(filePath, 'output file');
      throw new CliError(
        'FILE_EXISTS',
        `${filePath} already exists; choose another --out directory or pass --force to replace it`,
      );
    }
    throw writeError(error, filePath, 'output file', advice);
  }

  // The umask may have cleared bits of `mode`; a private key must end up exactly 0600.
  await chmod(filePath, mode);
}

/**
 * Creates `dir` and its missing parents one level at a time. Node's recursive mkdir can retry
 * forever on pseudo file systems such as /proc; this stops at the first refusal and says so,
 * ending with `advice` (what the user can do instead).
 */
export async function ensureDirectory(
  dir: string,
  advice: string = 'choose another directory',
): Promise<void> {
  const missing: string[] = [];
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const info = await stat(current).catch((error: unknown) => {
      // ENOTDIR: a file on the path; the walk up reaches it and says so.
      const code = errno(error);
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      throw fileError(error, current, 'output directory');
    });
    if (info !== null) {
      if (!info.isDirectory()) {
        throw new CliError('NOT_A_DIRECTORY', `${current} is a file, not a directory; ${advice}`);
      }
      break;
    }
    missing.unshift(current);
    if (path.dirname(current) === current) break;
  }

  for (const next of missing) {
    try {
      await mkdir(next);
    } catch (error) {
      if (errno(error) === 'EEXIST' && (await isDirectory(next))) continue;
      throw new CliError(
        'DIRECTORY_NOT_CREATED',
        `cannot create directory ${next}: ${refusal(error)}; ${advice}`,
      );
    }
  }
}

/**
 * Makes sure results can be written to `dir` before long work starts: creates it if needed and
 * writes and removes a probe file, so a run of hours does not end in a refused write.
 */
export async function ensureWritableDirectory(dir: string, advice: string): Promise<void> {
  await ensureDirectory(dir, advice);
  const probe = path.join(dir, `.cocoa-write-check-${process.pid}`);
  try {
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    throw writeError(error, dir, 'output directory', advice);
  }
}

function fileError(error: unknown, filePath: string, what: string): CliError {
  const code = errno(error);
  if (code === 'ENOENT') {
    return new CliError('FILE_NOT_FOUND', `${what} ${filePath} does not exist; check the path`);
  }
  if (code === 'EISDIR') {
    return new CliError('NOT_A_FILE', `${what} ${filePath} is a directory; name a file instead`);
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new CliError(
      'FILE_NOT_ACCESSIBLE',
      `no permission to access ${what} ${filePath}; check its permissions or choose another file`,
    );
  }
  return new CliError('FILE_ERROR', `cannot access ${what} ${filePath} (${code ?? 'unknown'})`, {
    cause: error,
  });
}

/** Explains why a file could not be written where the user asked, and what to do instead. */
function writeError(
  error: unknown,
  filePath: string,
  what: string,
  advice: string = 'choose another directory',
): CliError {
  const code = errno(error);
  if (code === 'EISDIR' || code === 'ERR_FS_EISDIR') return directoryInTheWay(filePath, what);
  if (code === 'ENOTDIR') {
    return new CliError(
      'NOT_A_DIRECTORY',
      `a part of ${filePath} is a file, not a directory; ${advice}`,
    );
  }
  if (code === 'ENOSPC') {
    return new CliError(
      'DISK_FULL',
      `cannot write ${what} ${filePath}: the disk is full; free some space or ${advice}`,
    );
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOENT') {
    return new CliError(
      'FILE_NOT_ACCESSIBLE',
      `cannot write ${what} ${filePath}: ${refusal(error)}; ${advice}`,
    );
  }
  return new CliError('FILE_ERROR', `cannot write ${what} ${filePath} (${code ?? 'unknown'})`, {
    cause: error,
  });
}

function directoryInTheWay(filePath: string, what: string): CliError {
  return new CliError(
    'NOT_A_FILE',
    `${what} ${filePath} is a directory; remove it or choose another place for the file`,
  );
}

/** Why the system refused to create something, in words rather than an errno name. */
function refusal(error: unknown): string {
  switch (errno(error)) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EEXIST':
      return 'a file of that name is in the way';
    case 'ENOENT':
      // The parent exists (it was checked), so the file system itself refuses, as /proc does.
      return 'this file system does not allow it';
    default:
      return `the system refused (${errno(error) ?? 'unknown reason'})`;
  }
}

function errno(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

async function isDirectory(filePath: string): Promise<boolean> {
  const info = await stat(filePath).catch(() => undefined);
  return info?.isDirectory() === true;
}

/** True when a file (or directory) exists at `filePath`. */
export async function fileExists(filePath: string): Promise<boolean> {
  try {
    await access(filePath);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes a whole file or nothing: the content goes to a temporary file that is renamed over
 * the target, so a run killed half-way never leaves a half-written report.
 */
export async function writeFileAtomically(filePath: string, content: string): Promise<void> {
  await ensureDirectory(path.dirname(path.resolve(filePath)));
  const temporary = `${filePath}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, content);
    await rename(temporary, filePath);
  } catch (error) {
    await rm(temporary, { force: true });
    throw writeError(error, filePath, 'output file');
  }
}
