import { LimitError, ProtocolError } from '../errors.ts';

/** One file in COCOA's per-region `list.json`; phones fetch entries newer than the last seen. */
export interface CocoaListEntry {
  /** Region code, e.g. `"440"`. */
  region: string;
  /** Absolute http(s) URL of the export zip. */
  url: string;
  /** Creation time in milliseconds since the epoch. */
  created: number;
}

/** Largest `list.json` accepted: 14 days of hourly files stay far below it. */
export const MAX_COCOA_LIST_BYTES = 4 * 1024 * 1024;

function invalidList(detail: string): never {
  throw new ProtocolError('INDEX_LIST_INVALID', `list.json: ${detail}`);
}

/** Checks one entry's fields; `where` names it in the message. */
function checkEntry(value: unknown, where: string): CocoaListEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    invalidList(`${where} must be an object`);
  }
  const { region, url, created } = value as Record<string, unknown>;
  if (typeof region !== 'string' || region.length === 0) {
    invalidList(`${where}.region must be a non-empty string`);
  }
  if (typeof url !== 'string' || !isHttpUrl(url)) {
    invalidList(`${where}.url must be an absolute http(s) URL`);
  }
  if (typeof created !== 'number' || !Number.isSafeInteger(created) || created < 0) {
    invalidList(`${where}.created must be milliseconds >= 0`);
  }
  return { region, url, created };
}

function isHttpUrl(text: string): boolean {
  try {
    const parsed = new URL(text);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Writes COCOA's `list.json` after checking every entry. */
export function encodeCocoaList(entries: readonly CocoaListEntry[]): string {
  const checked = entries.map((entry, i) => checkEntry(entry, `entry ${i}`));
  return JSON.stringify(checked);
}

/** Parses and validates COCOA's `list.json`; extra fields in entries are ignored. */
export function parseCocoaList(json: string): CocoaListEntry[] {
  if (typeof json !== 'string') invalidList('input must be text');
  if (json.length > MAX_COCOA_LIST_BYTES) {
    throw new LimitError('INDEX_TOO_LARGE', `list.json exceeds ${MAX_COCOA_LIST_BYTES} bytes`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    invalidList('not valid JSON');
  }
  if (!Array.isArray(parsed)) invalidList('top level must be an array');
  return parsed.map((entry, i) => checkEntry(entry, `entry ${i}`));
}
