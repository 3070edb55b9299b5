import { LimitError, ProtocolError } from '../errors.ts';
import { readSignatureInfo, writeSignatureInfo } from './signature-info.ts';
import { resolveLimits, type ExportLimits, type TekSignature } from './types.ts';
import {
  WireType,
  embeddedEnd,
  expectWireType,
  guardDecode,
  newReader,
  newWriter,
  readFields,
  type WireReader,
} from './wire.ts';

const LIST = 'TEKSignatureList';
const MESSAGE = 'TEKSignature';

/** Encodes `export.sig`: a TEKSignatureList with one entry per signing key. */
export function encodeSignatureList(signatures: readonly TekSignature[]): Uint8Array {
  const writer = newWriter();
  for (const entry of signatures) {
    if (!(entry.signature instanceof Uint8Array) || entry.signature.length === 0) {
      throw new ProtocolError('EXPORT_SIGNATURE_MALFORMED', `${MESSAGE}: signature is empty`);
    }
    const batchOk = [entry.batchNum, entry.batchSize].every(
      (value) => Number.isInteger(value) && value >= 1 && value <= 0x7fffffff,
    );
    if (!batchOk) {
      throw new ProtocolError(
        'EXPORT_BATCH_INVALID',
        `${MESSAGE}: batch fields must be int32 >= 1`,
      );
    }
    writer.uint32((1 << 3) | WireType.LENGTH_DELIMITED).fork();
    writeSignatureInfo(writer, 1, entry.signatureInfo);
    writer.uint32((2 << 3) | WireType.VARINT).int32(entry.batchNum);
    writer.uint32((3 << 3) | WireType.VARINT).int32(entry.batchSize);
    writer.uint32((4 << 3) | WireType.LENGTH_DELIMITED).bytes(entry.signature);
    writer.ldelim();
  }
  return writer.finish();
}

/** Reads one embedded TEKSignature; a missing signature_info reads as empty strings. */
function readTekSignature(reader: WireReader, end: number): TekSignature {
  const stop = embeddedEnd(reader, end, MESSAGE);
  const entry: TekSignature = {
    signatureInfo: { verificationKeyVersion: '', verificationKeyId: '', signatureAlgorithm: '' },
    batchNum: 1,
    batchSize: 1,
    signature: new Uint8Array(0),
  };

  readFields(reader, stop, MESSAGE, (field, wireType) => {
    switch (field) {
      case 1:
        expectWireType(MESSAGE, 'signature_info', wireType, WireType.LENGTH_DELIMITED);
        entry.signatureInfo = readSignatureInfo(reader, stop);
        return true;
      case 2:
        expectWireType(MESSAGE, 'batch_num', wireType, WireType.VARINT);
        entry.batchNum = reader.int32();
        return true;
      case 3:
        expectWireType(MESSAGE, 'batch_size', wireType, WireType.VARINT);
        entry.batchSize = reader.int32();
        return true;
      case 4:
        expectWireType(MESSAGE, 'signature', wireType, WireType.LENGTH_DELIMITED);
        entry.signature = new Uint8Array(reader.bytes());
        return true;
      default:
        return false;
    }
  });
  return entry;
}

/** Decodes `export.sig`; unknown fields are skipped, broken structure is refused. */
export function decodeSignatureList(
  bytes: Uint8Array,
  limits?: Partial<ExportLimits>,
): TekSignature[] {
  const { maxExportSigBytes } = resolveLimits(limits);
  if (!(bytes instanceof Uint8Array)) {
    throw new ProtocolError('EXPORT_PROTOBUF_MALFORMED', `${LIST}: export.sig must be bytes`);
  }
  if (bytes.length > maxExportSigBytes) {
    throw new LimitError(
      'EXPORT_SIG_TOO_LARGE',
      `export.sig is ${bytes.length} bytes, more than the limit of ${maxExportSigBytes}`,
    );
  }

  const reader = newReader(bytes);
  const signatures: TekSignature[] = [];
  guardDecode(LIST, () =>
    readFields(reader, reader.len, LIST, (field, wireType) => {
      if (field !== 1) return false;
      expectWireType(LIST, 'signatures', wireType, WireType.LENGTH_DELIMITED);
      signatures.push(readTekSignature(reader, reader.len));
      return true;
    }),
  );
  return signatures;
}
