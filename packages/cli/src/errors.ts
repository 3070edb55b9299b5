/**
 * Errors the command line turns into one readable line and an exit code. A user mistake (a
 * missing file, a wrong key, a bad flag) never prints a stack trace; only an unexpected failure
 * does, and only when `COCOA_DEBUG=1` asks for it.
 */

/** Exit codes of the `cocoa` command, stable so scripts can branch on them. */
export const ExitCode = {
  OK: 0,
  /** The command ran and found a problem (bad file, invalid signature, database refused). */
  FAILURE: 1,
  /** The command line itself was wrong (unknown flag, missing argument). */
  USAGE: 2,
  /** A bug or an environment failure nobody anticipated. */
  INTERNAL: 70,
  /**
   * Stopped by Ctrl+C or SIGTERM (128 + 2, as shells report Ctrl+C). One code for both, so a
   * script tests one number for "asked to stop", whichever way the request came.
   */
  INTERRUPTED: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A failure the user can fix; `message` says what went wrong and what to do about it. */
export class CliError extends Error {
  /** Stable, machine-readable reason, e.g. `FILE_NOT_FOUND`. */
  readonly code: string;
  /** Process exit code for this failure. */
  readonly exitCode: ExitCode;

  constructor(code: string, message: string, options?: { exitCode?: ExitCode; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = 'CliError';
    this.code = code;
    this.exitCode = options?.exitCode ?? ExitCode.FAILURE;
  }
}

/**
 * Ends a command that a signal asked to stop once it has cleaned up: the command exits with
 * `INTERRUPTED` and prints no error line, having already said what it did.
 */
export class StoppedBySignal extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`stopped by ${signal}`);
    this.name = 'StoppedBySignal';
  }
}

/** The one line and exit code the command line shows for any thrown value. */
export interface ErrorReport {
  line: string;
  exitCode: ExitCode;
  /** Stack trace, present only for unexpected errors. */
  stack?: string;
}

const STABLE_CODE = /^[A-Z][A-Z0-9_]{2,}$/;

/** Describes a thrown value for the terminal: typed errors by code, anything else as internal. */
export function describeError(error: unknown): ErrorReport {
  const report = describe(error);
  return { ...report, line: oneLine(report.line) };
}

/**
 * Messages can quote what the user gave (a file's text, a name); its control characters would
 * break the one-line shape or drive the terminal, so they are shown as escapes.
 */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) =>
    c === '\n' ? '\\n' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

function describe(error: unknown): ErrorReport {
  if (error instanceof CliError) {
    return { line: `error ${error.code}: ${error.message}`, exitCode: error.exitCode };
  }

  const system = describeSystemError(error);
  if (system !== undefined) return { line: system, exitCode: ExitCode.FAILURE };

  // Errors of the other packages (ProtocolError, service config errors) carry a stable code
  // and a message written for people, so they are shown as they are.
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  if (error instanceof Error && typeof code === 'string') {
    if (STABLE_CODE.test(code)) {
      return { line: `error ${code}: ${error.message}`, exitCode: ExitCode.FAILURE };
    }
  }

  const message = error instanceof Error ? error.message : String(error);
  return {
    line: `unexpected error: ${message} (run again with COCOA_DEBUG=1 to see where it happened)`,
    exitCode: ExitCode.INTERNAL,
    stack: error instanceof Error ? error.stack : undefined,
  };
}

/** What Node adds to an error the operating system reported. */
interface SystemErrorFields {
  code?: unknown;
  syscall?: unknown;
  path?: unknown;
  hostname?: unknown;
}

// File-system refusals by errno name: the stable code shown and the reason in words.
const FILE_SYSTEM_ERRORS: Record<string, { code: string; reason: string }> = {
  EACCES: { code: 'FILE_NOT_ACCESSIBLE', reason: 'permission denied' },
  EPERM: { code: 'FILE_NOT_ACCESSIBLE', reason: 'permission denied' },
  EROFS: { code: 'FILE_NOT_ACCESSIBLE', reason: 'the file system is read-only' },
  EEXIST: { code: 'FILE_EXISTS', reason: 'something of that name already exists' },
  ENOENT: { code: 'FILE_NOT_FOUND', reason: 'it or a folder on its path does not exist' },
  ENOTDIR: { code: 'NOT_A_DIRECTORY', reason: 'a part of the path is a file, not a directory' },
  EISDIR: { code: 'NOT_A_FILE', reason: 'it is a directory' },
  ERR_FS_EISDIR: { code: 'NOT_A_FILE', reason: 'it is a directory' },
  ENOSPC: { code: 'DISK_FULL', reason: 'the disk is full' },
};

/** Why the file system refused an operation, in words, from the error's errno name. */
export function fileSystemReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    (typeof code === 'string' ? FILE_SYSTEM_ERRORS[code]?.reason : undefined) ??
    'the file system refused it'
  );
}

const PATHLESS_FILE_CALLS = new Set(['read', 'write']);

const HOST_LOOKUP_ERRORS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);

/**
 * Node's own errors (a refused mkdir, a host name that does not resolve) carry an errno name
 * as their code and a message meant for programmers. Commands explain the cases they expect
 * with advice of their own; any other one is still shown in words here, never as `EEXIST: …`.
 */
function describeSystemError(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, syscall, path, hostname } = error as Error & SystemErrorFields;
  if (typeof code !== 'string' || typeof syscall !== 'string') return undefined;

  if (HOST_LOOKUP_ERRORS.has(code) && typeof hostname === 'string') {
    return (
      `error HOST_NOT_FOUND: the host name ${hostname} does not resolve; check the name ` +
      'and the network, or use an IP address'
    );
  }
  const known = FILE_SYSTEM_ERRORS[code];
  // A refused read or write of an open file names no path; sockets' errors are not files'.
  if (known !== undefined && (typeof path === 'string' || PATHLESS_FILE_CALLS.has(syscall))) {
    const what = typeof path === 'string' ? `${syscall} ${path}` : syscall;
    return (
      `error ${known.code}: cannot ${what}: ${known.reason}; ` +
      'check the path and its permissions, or choose another one'
    );
  }
  return undefined;
}
