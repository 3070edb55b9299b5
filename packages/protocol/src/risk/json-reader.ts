import { ProtocolError } from '../errors.ts';

/**
 * Small checked readers for configuration JSON: each failure is a ProtocolError whose message
 * names the JSON path of the field and what was expected.
 */

/** Parses text (or passes through an already parsed value). */
export function parseJsonInput(input: unknown, what: string): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input) as unknown;
  } catch {
    throw new ProtocolError('CONFIG_JSON_INVALID', `${what}: not valid JSON`);
  }
}

/** The value as a plain object. */
export function readObject(value: unknown, path: string): Record<string, unknown> {
  if (value === undefined) {
    throw new ProtocolError('CONFIG_FIELD_MISSING', `${path}: missing`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProtocolError('CONFIG_FIELD_INVALID', `${path}: expected an object`);
  }
  return value as Record<string, unknown>;
}

/** The value as a finite number within [min, max], optionally an integer. */
export function readNumber(
  value: unknown,
  path: string,
  min: number,
  max: number,
  integer = false,
): number {
  if (value === undefined) {
    throw new ProtocolError('CONFIG_FIELD_MISSING', `${path}: missing`);
  }
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= min &&
    value <= max &&
    (!integer || Number.isInteger(value));
  if (!ok) {
    const kind = integer ? 'an integer' : 'a number';
    throw new ProtocolError('CONFIG_FIELD_INVALID', `${path}: expected ${kind} ${min}..${max}`);
  }
  return value;
}

/** The value as an array of exactly `length` numbers within [min, max]. */
export function readNumbers(
  value: unknown,
  path: string,
  length: number,
  min: number,
  max: number,
  integer = false,
): number[] {
  if (value === undefined) {
    throw new ProtocolError('CONFIG_FIELD_MISSING', `${path}: missing`);
  }
  if (!Array.isArray(value) || value.length !== length) {
    throw new ProtocolError('CONFIG_FIELD_INVALID', `${path}: expected ${length} numbers`);
  }
  return value.map((v, i) => readNumber(v, `${path}[${i}]`, min, max, integer));
}

/** The value as a string from a fixed set. */
export function readEnum<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (value === undefined) {
    throw new ProtocolError('CONFIG_FIELD_MISSING', `${path}: missing`);
  }
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ProtocolError(
      'CONFIG_FIELD_INVALID',
      `${path}: expected one of ${allowed.join(' ')}`,
    );
  }
  return value as T;
}
