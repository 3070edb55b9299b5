import { ProtocolError } from '../errors.ts';
import type { ReportType, TemporaryExposureKey } from '../model.ts';
import {
  WireType,
  checkTag,
  embeddedEnd,
  malformed,
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

/** Tags (field << 3 | wire type) of the key fields, for a switch without closures. */
const TAG = {
  keyData: (1 << 3) | WireType.LENGTH_DELIMITED,
  transmissionRiskLevel: (2 << 3) | WireType.VARINT,
  rollingStart: (3 << 3) | WireType.VARINT,
  rollingPeriod: (4 << 3) | WireType.VARINT,
  reportType: (5 << 3) | WireType.VARINT,
  daysSinceOnset: (6 << 3) | WireType.VARINT,
} as const;
const FIELD_NAMES = [
  '',
  'key_data',
  'transmission_risk_level',
  'rolling_start_interval_number',
  'rolling_period',
  'report_type',
  'days_since_onset_of_symptoms',
];

/**
 * Reads one embedded key message whose length prefix is next in `reader`. Fields this
 * version does not know are skipped; a missing rolling_period means 144 (proto2 default).
 * This runs once per published key (millions on a phone), so it switches on whole tags
 * instead of going through the generic field walker.
 */
export function readKey(reader: WireReader, end: number): TemporaryExposureKey {
  const stop = embeddedEnd(reader, end, MESSAGE);
  let keyData: Uint8Array | undefined;
  let start: number | undefined;
  let period = DEFAULT_ROLLING_PERIOD;
  let risk: number | undefined;
  let type: number | undefined;
  let onset: number | undefined;

  while (reader.pos < stop) {
    const tag = reader.uint32();
    if (tag === TAG.keyData) keyData = new Uint8Array(reader.bytes());
    else if (tag === TAG.rollingStart) start = reader.int32();
    else if (tag === TAG.rollingPeriod) period = reader.int32();
    else if (tag === TAG.transmissionRiskLevel) risk = reader.int32();
    else if (tag === TAG.reportType) type = reader.int32();
    else if (tag === TAG.daysSinceOnset) onset = reader.sint32();
    else skipOther(reader, tag);
  }
  if (reader.pos > stop) malformed(MESSAGE, 'a field runs past the end of the message');

  if (keyData === undefined) return invalidKey('key_data is missing');
  if (start === undefined) return invalidKey('rolling_start_interval_number is missing');
  const key: TemporaryExposureKey = {
    keyData,
    rollingStartIntervalNumber: start,
    rollingPeriod: period,
  };
  if (risk !== undefined) key.transmissionRiskLevel = risk;
  if (type !== undefined) key.reportType = type as ReportType;
  if (onset !== undefined) key.daysSinceOnsetOfSymptoms = onset;
  checkKey(key);
  return key;
}

/** Skips an unknown field, refusing a known field that arrived with the wrong wire type. */
function skipOther(reader: WireReader, tag: number): void {
  const field = tag >>> 3;
  const name = FIELD_NAMES[field];
  if (name !== undefined && field !== 0) {
    malformed(MESSAGE, `field ${name} has wire type ${tag & 7}`);
  }
  checkTag(MESSAGE, tag);
  reader.skipType(tag & 7, 0, field);
}
