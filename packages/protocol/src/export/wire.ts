import protobuf from 'protobufjs/minimal.js';
import { ProtocolError } from '../errors.ts';

/**
 * Thin helpers over protobufjs' minimal Reader/Writer (no reflection, so no runtime code
 * generation: the browser build works under a strict Content-Security-Policy). Field
 * layouts live in the message files; this file only maps wire types and errors.
 */

/** A protobufjs reader positioned inside one message. */
export type WireReader = protobuf.Reader;
/** A protobufjs writer. */
export type WireWriter = protobuf.Writer;

/** Wire types of the proto encoding that our messages use. */
export const WireType = { VARINT: 0, FIXED64: 1, LENGTH_DELIMITED: 2, FIXED32: 5 } as const;

/** Stable error code for any structurally broken protobuf. */
export const PROTOBUF_MALFORMED = 'EXPORT_PROTOBUF_MALFORMED';

/** A fresh writer producing plain Uint8Arrays (not Node Buffers) in every runtime. */
export function newWriter(): WireWriter {
  return new protobuf.Writer();
}

/** A reader over `bytes`, independent of Node's Buffer. */
export function newReader(bytes: Uint8Array): WireReader {
  return new protobuf.Reader(bytes);
}

/** Throws the stable malformed-protobuf error naming the message and what was wrong. */
export function malformed(message: string, detail: string): never {
  throw new ProtocolError(PROTOBUF_MALFORMED, `${message}: ${detail}`);
}

/** Refuses field number 0 and the wire types no proto2 field of ours can use. */
export function checkTag(message: string, tag: number): void {
  const wireType = tag & 7;
  if (tag >>> 3 === 0) malformed(message, 'field number 0');
  if (wireType === 4 || wireType > 5) malformed(message, `invalid wire type ${wireType}`);
}

/**
 * Walks every field of one message between the reader's position and `end`. `onField`
 * consumes a field it knows and returns true; anything else (retired or future fields) is
 * skipped, which is how old files with retired fields stay readable.
 */
export function readFields(
  reader: WireReader,
  end: number,
  message: string,
  onField: (field: number, wireType: number) => boolean,
): void {
  while (reader.pos < end) {
    const tag = reader.uint32();
    checkTag(message, tag);
    if (!onField(tag >>> 3, tag & 7)) reader.skipType(tag & 7, 0, tag >>> 3);
    if (reader.pos > end) malformed(message, 'a field runs past the end of the message');
  }
}

/** Checks that a known field arrived with the wire type its declaration implies. */
export function expectWireType(
  message: string,
  name: string,
  wireType: number,
  expected: number,
): void {
  if (wireType !== expected) {
    malformed(message, `field ${name} has wire type ${wireType}, expected ${expected}`);
  }
}

/** Reads the length prefix of an embedded message and returns where it ends. */
export function embeddedEnd(reader: WireReader, end: number, message: string): number {
  const size = reader.uint32();
  const stop = reader.pos + size;
  if (stop > end) malformed(message, 'embedded message runs past its parent');
  return stop;
}

/** Reads a length-delimited string that must be valid UTF-8. */
export function readString(reader: WireReader, message: string, name: string): string {
  try {
    return reader.stringVerify();
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    return malformed(message, `field ${name} is not valid UTF-8 or is truncated`);
  }
}

/** Reads a fixed64 as a JavaScript number, refusing values beyond 2^53. */
export function readFixed64(reader: WireReader, message: string, name: string): number {
  const value = reader.fixed64() as protobuf.Long | number;
  if (typeof value === 'number') return value;
  const high = value.high >>> 0;
  if (high >= 2 ** 21) malformed(message, `field ${name} does not fit in a safe integer`);
  return high * 2 ** 32 + (value.low >>> 0);
}

/**
 * Turns the library's RangeError/Error (truncated input, bad varint, nesting too deep) into
 * the stable ProtocolError callers branch on; ProtocolErrors pass through unchanged.
 */
export function toProtocolError(message: string, error: unknown): ProtocolError {
  if (error instanceof ProtocolError) return error;
  const detail = error instanceof Error ? error.message : 'unreadable input';
  return new ProtocolError(PROTOBUF_MALFORMED, `${message}: ${detail}`, { cause: error });
}

/** Runs a decoding step, reporting any failure as a ProtocolError. */
export function guardDecode<T>(message: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw toProtocolError(message, error);
  }
}
