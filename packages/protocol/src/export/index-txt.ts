import { LimitError, ProtocolError } from '../errors.ts';

/** Largest `index.txt` accepted. */
export const MAX_INDEX_TXT_BYTES = 4 * 1024 * 1024;

function invalidIndex(detail: string): never {
  throw new ProtocolError('INDEX_TXT_INVALID', `index.txt: ${detail}`);
}

/**
 * A path must stay below the index's directory: relative, no `..` or empty segments, no
 * scheme, no whitespace or control characters (a phone joins it to the base URL).
 */
function checkPath(path: string, line: number): string {
  if (typeof path !== 'string' || path.length === 0) invalidIndex(`line ${line} is empty`);
  const hasControl = [...path].some((char) => char.charCodeAt(0) < 0x20 || char === '\u007f');
  if (hasControl || /[\s\\]/.test(path)) {
    invalidIndex(`line ${line} contains whitespace or control characters`);
  }
  if (path.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(path)) {
    invalidIndex(`line ${line} must be a relative path`);
  }
  if (path.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
    invalidIndex(`line ${line} has an empty, "." or ".." segment`);
  }
  return path;
}

/** Writes Google-style `index.txt`: one relative path per line, oldest first. */
export function encodeIndexTxt(paths: readonly string[]): string {
  const checked = paths.map((path, i) => checkPath(path, i + 1));
  return checked.map((path) => `${path}\n`).join('');
}

/** Parses `index.txt`, accepting LF or CRLF line ends and an optional final newline. */
export function parseIndexTxt(text: string): string[] {
  if (typeof text !== 'string') invalidIndex('input must be text');
  if (text.length > MAX_INDEX_TXT_BYTES) {
    throw new LimitError('INDEX_TOO_LARGE', `index.txt exceeds ${MAX_INDEX_TXT_BYTES} bytes`);
  }
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line, i) => checkPath(line, i + 1));
}
