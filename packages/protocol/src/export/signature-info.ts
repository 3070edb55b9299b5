import { ProtocolError } from '../errors.ts';
import type { SignatureInfo } from './types.ts';
import {
  WireType,
  embeddedEnd,
  expectWireType,
  readFields,
  readString,
  type WireReader,
  type WireWriter,
} from './wire.ts';

const MESSAGE = 'SignatureInfo';

/** Checks that every field of a SignatureInfo we are about to write is a string. */
function checkSignatureInfo(info: SignatureInfo): void {
  const fields = [info.verificationKeyVersion, info.verificationKeyId, info.signatureAlgorithm];
  if (fields.some((value) => typeof value !== 'string')) {
    throw new ProtocolError('EXPORT_BATCH_INVALID', `${MESSAGE}: every field must be a string`);
  }
}

/** Writes a SignatureInfo as an embedded message under `field`. */
export function writeSignatureInfo(writer: WireWriter, field: number, info: SignatureInfo): void {
  checkSignatureInfo(info);
  writer.uint32((field << 3) | WireType.LENGTH_DELIMITED).fork();
  writer.uint32((3 << 3) | WireType.LENGTH_DELIMITED).string(info.verificationKeyVersion);
  writer.uint32((4 << 3) | WireType.LENGTH_DELIMITED).string(info.verificationKeyId);
  writer.uint32((5 << 3) | WireType.LENGTH_DELIMITED).string(info.signatureAlgorithm);
  writer.ldelim();
}

/**
 * Reads an embedded SignatureInfo. Fields 1 and 2 (app bundle id, Android package) were
 * retired but old files still carry them, so unknown fields are skipped; absent strings
 * read as empty, the proto2 default.
 */
export function readSignatureInfo(reader: WireReader, end: number): SignatureInfo {
  const stop = embeddedEnd(reader, end, MESSAGE);
  const info: SignatureInfo = {
    verificationKeyVersion: '',
    verificationKeyId: '',
    signatureAlgorithm: '',
  };

  readFields(reader, stop, MESSAGE, (field, wireType) => {
    switch (field) {
      case 3:
        expectWireType(MESSAGE, 'verification_key_version', wireType, WireType.LENGTH_DELIMITED);
        info.verificationKeyVersion = readString(reader, MESSAGE, 'verification_key_version');
        return true;
      case 4:
        expectWireType(MESSAGE, 'verification_key_id', wireType, WireType.LENGTH_DELIMITED);
        info.verificationKeyId = readString(reader, MESSAGE, 'verification_key_id');
        return true;
      case 5:
        expectWireType(MESSAGE, 'signature_algorithm', wireType, WireType.LENGTH_DELIMITED);
        info.signatureAlgorithm = readString(reader, MESSAGE, 'signature_algorithm');
        return true;
      default:
        return false;
    }
  });
  return info;
}
