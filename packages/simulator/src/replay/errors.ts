/**
 * Typed errors of the log replay. Each names the file (and line, when one is at fault) so a
 * person can open the log and see what is wrong; the message never quotes key material.
 */

/** Stable reasons a replay input can be refused. */
export type ReplayErrorCode =
  | 'REPLAY_FILE_MISSING'
  | 'REPLAY_MALFORMED_JSON'
  | 'REPLAY_MALFORMED_LINE'
  | 'REPLAY_UNKNOWN_PHONE'
  | 'REPLAY_UNKNOWN_AGENT'
  | 'REPLAY_NO_SICK_PHONE'
  | 'REPLAY_NO_TX_POWER'
  | 'REPLAY_NOT_A_LOG_FOLDER'
  | 'REPLAY_NOT_A_PHONE_LOG'
  | 'REPLAY_NO_PHONE_LOGS';

/** A problem with one input file of a replay, carrying the file and optional line number. */
export class ReplayError extends Error {
  /** Stable, machine-readable reason. */
  readonly code: ReplayErrorCode;
  /** Path of the file at fault. */
  readonly file: string;
  /** 1-based line number, when a single line is at fault. */
  readonly line: number | undefined;

  constructor(code: ReplayErrorCode, file: string, line: number | undefined, what: string) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${what}`);
    this.name = 'ReplayError';
    this.code = code;
    this.file = file;
    this.line = line;
  }
}
