import { LimitError, ProtocolError } from '../errors.ts';
import type { TemporaryExposureKey } from '../model.ts';
import { checkKey, readKey, writeKey } from './key.ts';
import { readSignatureInfo, writeSignatureInfo } from './signature-info.ts';
import { EXPORT_HEADER, resolveLimits, type ExportBatch, type ExportLimits } from './types.ts';
import {
  WireType,
  expectWireType,
  guardDecode,
  toProtocolError,
  newReader,
  newWriter,
  checkTag,
  malformed,
  readFields,
  readFixed64,
  readString,
  type WireReader,
} from './wire.ts';

const MESSAGE = 'TemporaryExposureKeyExport';
const HEADER_BYTES = new TextEncoder().encode(EXPORT_HEADER);
const KEYS_TAG = (7 << 3) | WireType.LENGTH_DELIMITED;

/**
 * Checks every key, then orders them by key bytes: a file lists keys in byte order so it
 * hides the order (and so the grouping) in which they were uploaded. Each key becomes a
 * string of its bytes plus its position, so the engine's native string sort does the work
 * and equal keys keep their order.
 */
function sortedByKeyData(keys: readonly TemporaryExposureKey[]): TemporaryExposureKey[] {
  const sortable = keys.map((key, index) => {
    checkKey(key);
    return String.fromCharCode(...key.keyData, index >>> 16, index & 0xffff);
  });
  sortable.sort();
  return sortable.map((entry) => {
    const index = entry.charCodeAt(entry.length - 2) * 0x10000 + entry.charCodeAt(entry.length - 1);
    return keys[index] as TemporaryExposureKey;
  });
}

function invalidBatch(detail: string): never {
  throw new ProtocolError('EXPORT_BATCH_INVALID', `${MESSAGE}: ${detail}`);
}

/** Refuses batch metadata that the wire format cannot carry faithfully. */
function checkBatch(batch: ExportBatch): void {
  for (const name of ['startTimestamp', 'endTimestamp'] as const) {
    const value = batch[name];
    if (!Number.isSafeInteger(value) || value < 0) invalidBatch(`${name} must be seconds >= 0`);
  }
  if (batch.endTimestamp < batch.startTimestamp) invalidBatch('endTimestamp precedes start');
  if (typeof batch.region !== 'string') invalidBatch('region must be a string');
  for (const name of ['batchNum', 'batchSize'] as const) {
    const value = batch[name];
    if (!Number.isInteger(value) || value < 1 || value > 0x7fffffff) {
      invalidBatch(`${name} must be an int32 >= 1`);
    }
  }
  if (batch.batchNum > batch.batchSize) invalidBatch('batchNum exceeds batchSize');
}

/**
 * Encodes a batch as `export.bin`: the 16-byte header then the protobuf. Keys and revised
 * keys are written sorted by key bytes whatever order they arrive in.
 */
export function encodeExportBin(batch: ExportBatch): Uint8Array {
  checkBatch(batch);
  const writer = newWriter();
  writer.uint32((1 << 3) | WireType.FIXED64).fixed64(batch.startTimestamp);
  writer.uint32((2 << 3) | WireType.FIXED64).fixed64(batch.endTimestamp);
  writer.uint32((3 << 3) | WireType.LENGTH_DELIMITED).string(batch.region);
  writer.uint32((4 << 3) | WireType.VARINT).int32(batch.batchNum);
  writer.uint32((5 << 3) | WireType.VARINT).int32(batch.batchSize);
  for (const info of batch.signatureInfos) writeSignatureInfo(writer, 6, info);
  for (const key of sortedByKeyData(batch.keys)) writeKey(writer, 7, key);
  for (const key of sortedByKeyData(batch.revisedKeys)) writeKey(writer, 8, key);

  const body = writer.finish();
  const out = new Uint8Array(HEADER_BYTES.length + body.length);
  out.set(HEADER_BYTES, 0);
  out.set(body, HEADER_BYTES.length);
  return out;
}

/** Checks the size limit and the header, and returns a reader positioned after it. */
function openExportBin(bytes: Uint8Array, limits: ExportLimits): WireReader {
  if (!(bytes instanceof Uint8Array)) {
    throw new ProtocolError('EXPORT_HEADER_INVALID', 'export.bin must be bytes');
  }
  if (bytes.length > limits.maxExportBinBytes) {
    throw new LimitError(
      'EXPORT_BIN_TOO_LARGE',
      `export.bin is ${bytes.length} bytes, more than the limit of ${limits.maxExportBinBytes}`,
    );
  }
  const headerOk =
    bytes.length >= HEADER_BYTES.length && HEADER_BYTES.every((byte, i) => bytes[i] === byte);
  if (!headerOk) {
    throw new ProtocolError(
      'EXPORT_HEADER_INVALID',
      `export.bin must start with the 16-byte header "${EXPORT_HEADER}"`,
    );
  }
  const reader = newReader(bytes);
  reader.pos = HEADER_BYTES.length;
  return reader;
}

function tooManyKeys(limit: number): never {
  throw new LimitError('EXPORT_TOO_MANY_KEYS', `export.bin holds more than ${limit} keys`);
}

/**
 * Decodes a whole `export.bin`. Unknown and retired fields are skipped; a missing scalar
 * reads as its proto2 default (0, empty string, batch 1 of 1).
 */
export function decodeExportBin(bytes: Uint8Array, limits?: Partial<ExportLimits>): ExportBatch {
  return decode(bytes, resolveLimits(limits), true);
}

/**
 * Decodes the batch metadata of an `export.bin` (window, region, batch, signature infos)
 * and skips the keys, for signing and inspection without building key objects.
 */
export function readExportMetadata(
  bytes: Uint8Array,
  limits?: Partial<ExportLimits>,
): Omit<ExportBatch, 'keys' | 'revisedKeys'> {
  const batch: Partial<ExportBatch> = decode(bytes, resolveLimits(limits), false);
  delete batch.keys;
  delete batch.revisedKeys;
  return batch as Omit<ExportBatch, 'keys' | 'revisedKeys'>;
}

function decode(bytes: Uint8Array, resolved: ExportLimits, withKeys: boolean): ExportBatch {
  const reader = openExportBin(bytes, resolved);
  const batch: ExportBatch = {
    startTimestamp: 0,
    endTimestamp: 0,
    region: '',
    batchNum: 1,
    batchSize: 1,
    signatureInfos: [],
    keys: [],
    revisedKeys: [],
  };

  guardDecode(MESSAGE, () =>
    readFields(reader, reader.len, MESSAGE, (field, wireType) => {
      switch (field) {
        case 1:
          expectWireType(MESSAGE, 'start_timestamp', wireType, WireType.FIXED64);
          batch.startTimestamp = readFixed64(reader, MESSAGE, 'start_timestamp');
          return true;
        case 2:
          expectWireType(MESSAGE, 'end_timestamp', wireType, WireType.FIXED64);
          batch.endTimestamp = readFixed64(reader, MESSAGE, 'end_timestamp');
          return true;
        case 3:
          expectWireType(MESSAGE, 'region', wireType, WireType.LENGTH_DELIMITED);
          batch.region = readString(reader, MESSAGE, 'region');
          return true;
        case 4:
          expectWireType(MESSAGE, 'batch_num', wireType, WireType.VARINT);
          batch.batchNum = reader.int32();
          return true;
        case 5:
          expectWireType(MESSAGE, 'batch_size', wireType, WireType.VARINT);
          batch.batchSize = reader.int32();
          return true;
        case 6:
          expectWireType(MESSAGE, 'signature_infos', wireType, WireType.LENGTH_DELIMITED);
          batch.signatureInfos.push(readSignatureInfo(reader, reader.len));
          return true;
        case 7:
        case 8: {
          if (!withKeys) return false;
          expectWireType(MESSAGE, 'keys', wireType, WireType.LENGTH_DELIMITED);
          if (batch.keys.length + batch.revisedKeys.length >= resolved.maxKeys) {
            tooManyKeys(resolved.maxKeys);
          }
          const list = field === 7 ? batch.keys : batch.revisedKeys;
          list.push(readKey(reader, reader.len));
          return true;
        }
        default:
          return false;
      }
    }),
  );
  return batch;
}

/**
 * Yields the keys (field 7) of an `export.bin` one at a time, skipping everything else,
 * so a phone can match millions of keys without holding them all as objects.
 */
export function* iterateExportKeys(
  bytes: Uint8Array,
  limits?: Partial<ExportLimits>,
): Generator<TemporaryExposureKey, void, undefined> {
  const resolved = resolveLimits(limits);
  const reader = openExportBin(bytes, resolved);
  let count = 0;

  while (reader.pos < reader.len) {
    let key: TemporaryExposureKey | undefined;
    try {
      key = nextKey(reader);
    } catch (error) {
      throw toProtocolError(MESSAGE, error);
    }
    if (key === undefined) continue;
    if (++count > resolved.maxKeys) tooManyKeys(resolved.maxKeys);
    yield key;
  }
}

/** Reads the next top-level field; returns it if it was a key, else skips it. */
function nextKey(reader: WireReader): TemporaryExposureKey | undefined {
  const tag = reader.uint32();
  if (tag === KEYS_TAG) return readKey(reader, reader.len);
  checkTag(MESSAGE, tag);
  if (tag >>> 3 === 7) malformed(MESSAGE, `field keys has wire type ${tag & 7}`);
  reader.skipType(tag & 7, 0, tag >>> 3);
  if (reader.pos > reader.len) malformed(MESSAGE, 'a field runs past the end of the message');
  return undefined;
}
