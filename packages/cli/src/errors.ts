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
  /** Stopped by Ctrl+C or SIGTERM before the end (128 + 2, as shells report Ctrl+C). */
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
  if (error instanceof CliError) {
    return { line: `error ${error.code}: ${error.message}`, exitCode: error.exitCode };
  }

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
