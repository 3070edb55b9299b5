/**
 * Small helpers to read the scenario and run JSON files and check their fields, turning every
 * problem into a ReplayError that names the file (and the line of a syntax error).
 */
import { ReplayError } from './errors.ts';

/** Parses JSON text, reporting the line of a syntax error. */
export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message)?.[1];
    const line =
      position === undefined ? undefined : text.slice(0, Number(position)).split('\n').length;
    return fail(file, line, `not valid JSON (${message.split('\n')[0] ?? ''})`);
  }
}

/** Throws a REPLAY_MALFORMED_JSON error for a field that is missing or has the wrong type. */
export function fail(file: string, line: number | undefined, what: string): never {
  throw new ReplayError('REPLAY_MALFORMED_JSON', file, line, what);
}

/** The value as an object, or an error naming the field path. */
export function asObject(value: unknown, file: string, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(file, undefined, `${path} must be an object`);
  }
  return value as Record<string, unknown>;
}

/** The value as an array, or an error naming the field path. */
export function asArray(value: unknown, file: string, path: string): unknown[] {
  if (!Array.isArray(value)) fail(file, undefined, `${path} must be an array`);
  return value;
}

/** The value as a string, or an error naming the field path. */
export function asString(value: unknown, file: string, path: string): string {
  if (typeof value !== 'string') fail(file, undefined, `${path} must be a string`);
  return value;
}

/** The value as a finite number, or an error naming the field path. */
export function asNumber(value: unknown, file: string, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    fail(file, undefined, `${path} must be a number`);
  }
  return value;
}
