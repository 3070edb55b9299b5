import { ProtocolError } from '../errors.ts';

/**
 * Conversion between the two ECDSA signature encodings: ASN.1 DER, which export files must
 * carry, and raw `r ‖ s`, which WebCrypto produces and expects. Writing raw signatures into
 * export.sig once made every phone reject a server's files, so the difference matters.
 */

/** Bytes of r and of s for P-256. */
export const P256_COMPONENT_BYTES = 32;
const SEQUENCE = 0x30;
const INTEGER = 0x02;

function malformedSignature(detail: string): never {
  throw new ProtocolError('EXPORT_SIGNATURE_MALFORMED', `ECDSA signature: ${detail}`);
}

/** Reads a DER length at `pos` (short form, or one/two length bytes); returns [length, next]. */
function readLength(der: Uint8Array, pos: number): [number, number] {
  const first = der[pos];
  if (first === undefined) malformedSignature('truncated length');
  if (first < 0x80) return [first, pos + 1];
  const count = first & 0x7f;
  if (count < 1 || count > 2 || pos + count >= der.length) malformedSignature('bad length');
  let length = 0;
  for (let i = 1; i <= count; i++) length = (length << 8) | (der[pos + i] ?? 0);
  if (length < 0x80 || (count === 2 && length < 0x100)) malformedSignature('non-minimal length');
  return [length, pos + 1 + count];
}

/** Reads one positive, minimally encoded INTEGER; returns its magnitude and the next offset. */
function readInteger(der: Uint8Array, pos: number): [Uint8Array, number] {
  if (der[pos] !== INTEGER) malformedSignature('expected an INTEGER');
  const [length, start] = readLength(der, pos + 1);
  const end = start + length;
  if (length === 0 || end > der.length) malformedSignature('INTEGER is truncated');
  const value = der.subarray(start, end);
  if ((value[0] ?? 0) & 0x80) malformedSignature('INTEGER is negative');
  if (value[0] === 0 && length > 1 && !((value[1] ?? 0) & 0x80)) {
    malformedSignature('INTEGER has a superfluous leading zero');
  }
  return [value[0] === 0 && length > 1 ? value.subarray(1) : value, end];
}

/** Converts a DER `SEQUENCE { r, s }` to raw `r ‖ s`, each left-padded to `size` bytes. */
export function derToRawSignature(
  der: Uint8Array,
  size = P256_COMPONENT_BYTES,
): Uint8Array<ArrayBuffer> {
  if (der[0] !== SEQUENCE) malformedSignature('expected a SEQUENCE');
  const [length, start] = readLength(der, 1);
  if (start + length !== der.length) malformedSignature('SEQUENCE length does not match');
  const [r, next] = readInteger(der, start);
  const [s, end] = readInteger(der, next);
  if (end !== der.length) malformedSignature('trailing bytes after s');
  if (r.length > size || s.length > size) malformedSignature(`r or s exceeds ${size} bytes`);

  const raw = new Uint8Array(size * 2);
  raw.set(r, size - r.length);
  raw.set(s, size * 2 - s.length);
  return raw;
}

/** Encodes one unsigned big-endian magnitude as a minimal DER INTEGER. */
function encodeInteger(magnitude: Uint8Array): Uint8Array {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  const pad = (trimmed[0] ?? 0) & 0x80 ? 1 : 0;
  const out = new Uint8Array(2 + pad + trimmed.length);
  out[0] = INTEGER;
  out[1] = pad + trimmed.length;
  out.set(trimmed, 2 + pad);
  return out;
}

/** Converts raw `r ‖ s` (as WebCrypto returns it) to the DER form export files carry. */
export function rawToDerSignature(raw: Uint8Array): Uint8Array {
  if (raw.length === 0 || raw.length % 2 !== 0 || raw.length > 2 * 64) {
    malformedSignature('raw signature must be r ‖ s of equal, even total length');
  }
  const half = raw.length / 2;
  const r = encodeInteger(raw.subarray(0, half));
  const s = encodeInteger(raw.subarray(half));
  const body = r.length + s.length;
  const header = body < 0x80 ? [SEQUENCE, body] : [SEQUENCE, 0x81, body];
  const out = new Uint8Array(header.length + body);
  out.set(header, 0);
  out.set(r, header.length);
  out.set(s, header.length + r.length);
  return out;
}
