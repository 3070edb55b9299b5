import { ProtocolError } from '../errors.ts';
import type { ReportType, TemporaryExposureKey } from '../model.ts';
import {
  WireType,
  embeddedEnd,
  expectWireType,
  readFields,
  type WireReader,
  type WireWriter,
} from './wire.ts';

/** Stable error code for a key whose fields are out of range. */
export const EXPORT_KEY_INVALID = 'EXPORT_KEY_INVALID';

const MESSAGE = 'TemporaryExposureKey';
const KEY_BYTES = 16;
const DEFAULT_ROLLING_PERIOD = 144;
const MAX_REPORT_TYPE = 5;

function invalidKey(detail: string): never {
  throw new ProtocolError(EXPORT_KEY_INVALID, `${MESSAGE}: ${detail}`);
}

/**
 * Checks the structural rules every published key obeys. Policy such as key age or
 * embargo belongs to the server; here only what makes a key unusable is refused.
 */
export function checkKey(key: TemporaryExposureKey): void {
  if (!(key.keyData instanceof Uint8Array) || key.keyData.length !== KEY_BYTES) {
    invalidKey(`key_data must be ${KEY_BYTES} bytes`);
  }
  const start = key.rollingStartIntervalNumber;
  if (!Number.isInteger(start) || start < 0 || start > 0x7fffffff) {
    invalidKey('rolling_start_interval_number must be an int32 >= 0');
  }
  const period = key.rollingPeriod;
  if (!Number.isInteger(period) || period < 1 || period > DEFAULT_ROLLING_PERIOD) {
    invalidKey('rolling_period must be 1..144');
  }
  const risk = key.transmissionRiskLevel;
  if (risk !== undefined && (!Number.isInteger(risk) || risk < 0 || risk > 8)) {
    invalidKey('transmission_risk_level must be 0..8');
  }
  const type = key.reportType;
  if (type !== undefined && (!Number.isInteger(type) || type < 0 || type > MAX_REPORT_TYPE)) {
    invalidKey('report_type must be 0..5');
  }
  const onset = key.daysSinceOnsetOfSymptoms;
  if (onset !== undefined && (!Number.isInteger(onset) || Math.abs(onset) > 0x7fffffff)) {
    invalidKey('days_since_onset_of_symptoms must be an int32');
  }
}

/** Writes one key as an embedded message under `field` (7 keys, 8 revised_keys). */
export function writeKey(writer: WireWriter, field: number, key: TemporaryExposureKey): void {
  checkKey(key);
  writer.uint32((field << 3) | WireType.LENGTH_DELIMITED).fork();
  writer.uint32((1 << 3) | WireType.LENGTH_DELIMITED).bytes(key.keyData);
  if (key.transmissionRiskLevel !== undefined) {
    writer.uint32((2 << 3) | WireType.VARINT).int32(key.transmissionRiskLevel);
  }
  writer.uint32((3 << 3) | WireType.VARINT).int32(key.rollingStartIntervalNumber);
  writer.uint32((4 << 3) | WireType.VARINT).int32(key.rollingPeriod);
  if (key.reportType !== undefined) {
    writer.uint32((5 << 3) | WireType.VARINT).int32(key.reportType);
  }
  if (key.daysSinceOnsetOfSymptoms !== undefined) {
    writer.uint32((6 << 3) | WireType.VARINT).sint32(key.daysSinceOnsetOfSymptoms);
  }
  writer.ldelim();
}

/**
 * Reads one embedded key message whose length prefix is next in `reader`. Fields this
 * version does not know are skipped; a missing rolling_period means 144 (proto2 default).
 */
export function readKey(reader: WireReader, end: number): TemporaryExposureKey {
  const stop = embeddedEnd(reader, end, MESSAGE);
  const key: Partial<TemporaryExposureKey> = {};

  readFields(reader, stop, MESSAGE, (field, wireType) => {
    switch (field) {
      case 1:
        expectWireType(MESSAGE, 'key_data', wireType, WireType.LENGTH_DELIMITED);
        key.keyData = new Uint8Array(reader.bytes());
        return true;
      case 2:
        expectWireType(MESSAGE, 'transmission_risk_level', wireType, WireType.VARINT);
        key.transmissionRiskLevel = reader.int32();
        return true;
      case 3:
        expectWireType(MESSAGE, 'rolling_start_interval_number', wireType, WireType.VARINT);
        key.rollingStartIntervalNumber = reader.int32();
        return true;
      case 4:
        expectWireType(MESSAGE, 'rolling_period', wireType, WireType.VARINT);
        key.rollingPeriod = reader.int32();
        return true;
      case 5:
        expectWireType(MESSAGE, 'report_type', wireType, WireType.VARINT);
        key.reportType = reader.int32() as ReportType;
        return true;
      case 6:
        expectWireType(MESSAGE, 'days_since_onset_of_symptoms', wireType, WireType.VARINT);
        key.daysSinceOnsetOfSymptoms = reader.sint32();
        return true;
      default:
        return false;
    }
  });

  if (key.keyData === undefined) invalidKey('key_data is missing');
  if (key.rollingStartIntervalNumber === undefined) {
    invalidKey('rolling_start_interval_number is missing');
  }
  const result: TemporaryExposureKey = {
    keyData: key.keyData,
    rollingStartIntervalNumber: key.rollingStartIntervalNumber,
    rollingPeriod: key.rollingPeriod ?? DEFAULT_ROLLING_PERIOD,
  };
  if (key.transmissionRiskLevel !== undefined) {
    result.transmissionRiskLevel = key.transmissionRiskLevel;
  }
  if (key.reportType !== undefined) result.reportType = key.reportType;
  if (key.daysSinceOnsetOfSymptoms !== undefined) {
    result.daysSinceOnsetOfSymptoms = key.daysSinceOnsetOfSymptoms;
  }
  checkKey(result);
  return result;
}
