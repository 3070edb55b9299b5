import { access, readFile, writeFile, mkdir, chmod, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from './errors.ts';

/** Reads a file the user named, turning file-system failures into a readable `CliError`. */
export async function readUserFile(filePath: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(filePath));
  } catch (error) {
    throw fileError(error, filePath, what);
  }
}

/** Reads a text file the user named (a PEM key, a configuration document). */
export async function readUserText(filePath: string, what: string): Promise<string> {
  return new TextDecoder().decode(await readUserFile(filePath, what));
}

/**
 * Writes a file only if it does not exist yet, with the given mode set at creation so a private
 * key is never readable by others, not even for a moment.
 */
export async function writeNewFile(
  filePath: string,
  content: string | Uint8Array,
  options: { mode: number; overwrite?: boolean },
): Promise<void> {
  const { mode } = options;
  await ensureDirectory(path.dirname(filePath));

  // Replacing removes the old file first, so the new content never inherits its looser mode.
  if (options.overwrite === true) await rm(filePath, { force: true });

  try {
    await writeFile(filePath, content, { flag: 'wx', mode });
  } catch (error) {
    if (errno(error) === 'EEXIST') {
      throw new CliError(
        'FILE_EXISTS',
        `${filePath} already exists; choose another --out directory or pass --force to replace it`,
      );
    }
    throw fileError(error, filePath, 'output file');
  }

  // The umask may have cleared bits of `mode`; a private key must end up exactly 0600.
  await chmod(filePath, mode);
}

/**
 * Creates `dir` and its missing parents one level at a time. Node's recursive mkdir can retry
 * forever on pseudo file systems such as /proc; this stops at the first refusal and says so.
 */
export async function ensureDirectory(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const info = await stat(current).catch((error: unknown) => {
      if (errno(error) === 'ENOENT') return null;
      throw fileError(error, current, 'output directory');
    });
    if (info !== null) {
      if (!info.isDirectory()) {
        throw new CliError(
          'NOT_A_DIRECTORY',
          `${current} is a file, not a directory; choose another directory`,
        );
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
      if (errno(error) === 'EEXIST') continue;
      throw new CliError(
        'DIRECTORY_NOT_CREATED',
        `cannot create directory ${next} (${errno(error) ?? 'unknown reason'}); choose another directory`,
      );
    }
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
    return new CliError('FILE_NOT_ACCESSIBLE', `no permission to access ${what} ${filePath}`);
  }
  return new CliError('FILE_ERROR', `cannot access ${what} ${filePath} (${code ?? 'unknown'})`, {
    cause: error,
  });
}

function errno(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
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
  await mkdir(path.dirname(path.resolve(filePath)), { recursive: true });
  const temporary = `${filePath}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, content);
    await rename(temporary, filePath);
  } catch (error) {
    await rm(temporary, { force: true });
    throw fileError(error, filePath, 'output file');
  }
}
