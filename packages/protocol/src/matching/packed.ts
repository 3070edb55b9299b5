import { ProtocolError } from '../errors.ts';
import { SERVICE_DATA_LENGTH } from '../payload.ts';
import type { Sighting } from './types.ts';

/**
 * Sightings packed into typed arrays, one column per field. A phone that has heard others for
 * 14 days holds tens of thousands of readings; handing them to the matcher as one object per
 * reading made building the index cost more than matching. A device can point the columns
 * straight into its decrypted records: `bytes` holds each reading's RPI ‖ AEM (16 + 4 bytes)
 * at `serviceDataAt[i]`, and several readings of one advertisement may share those bytes.
 */
export interface PackedSightings {
  /** Number of readings. */
  readonly count: number;
  readonly bytes: Uint8Array;
  /** Offset in `bytes` of the RPI of each reading; its AEM follows it. */
  readonly serviceDataAt: Int32Array;
  /** When each reading was taken, Unix milliseconds. */
  readonly timestampMs: Float64Array;
  /** Received signal strength of each reading in dBm, before the receiver's correction. */
  readonly rssi: Float64Array;
  /** Scan id of each reading, NaN where unknown (scans are then told apart by time). */
  readonly scanId: Float64Array;
}

/** Whether a value is already in packed form. */
export function isPackedSightings(value: unknown): value is PackedSightings {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as PackedSightings).serviceDataAt instanceof Int32Array
  );
}

/** Packs sightings given one object per reading, checking each; copies their bytes. */
export function packSightings(sightings: Iterable<Sighting>): PackedSightings {
  const list = Array.isArray(sightings) ? (sightings as Sighting[]) : [...sightings];
  const count = list.length;
  const bytes = new Uint8Array(count * SERVICE_DATA_LENGTH);
  const serviceDataAt = new Int32Array(count);
  const timestampMs = new Float64Array(count);
  const rssi = new Float64Array(count);
  const scanId = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const s = list[i]!;
    checkSighting(s, i);
    bytes.set(s.rollingProximityId, i * SERVICE_DATA_LENGTH);
    bytes.set(s.associatedEncryptedMetadata, i * SERVICE_DATA_LENGTH + 16);
    serviceDataAt[i] = i * SERVICE_DATA_LENGTH;
    timestampMs[i] = s.timestampMs;
    rssi[i] = s.rssi;
    scanId[i] = s.scanId ?? Number.NaN;
  }
  return { count, bytes, serviceDataAt, timestampMs, rssi, scanId };
}

/** Checks packed sightings made elsewhere, naming the first bad reading's field. */
export function checkPackedSightings(p: PackedSightings): void {
  const { count } = p;
  if (
    !Number.isInteger(count) ||
    count < 0 ||
    !(p.bytes instanceof Uint8Array) ||
    !(p.serviceDataAt instanceof Int32Array) ||
    !(p.timestampMs instanceof Float64Array) ||
    !(p.rssi instanceof Float64Array) ||
    !(p.scanId instanceof Float64Array) ||
    p.serviceDataAt.length < count ||
    p.timestampMs.length < count ||
    p.rssi.length < count ||
    p.scanId.length < count
  ) {
    throw new ProtocolError(
      'SIGHTING_INVALID',
      'sightings: expected columns of at least `count` readings',
    );
  }
  const limit = p.bytes.length - SERVICE_DATA_LENGTH;
  for (let i = 0; i < count; i++) {
    const at = p.serviceDataAt[i]!;
    if (at < 0 || at > limit) invalidSighting(i, 'serviceDataAt', 'an offset inside bytes');
    const t = p.timestampMs[i]!;
    if (!Number.isFinite(t) || t < 0) invalidSighting(i, 'timestampMs', 'a time in ms');
    if (!Number.isFinite(p.rssi[i]!)) invalidSighting(i, 'rssi', 'a number in dBm');
    const id = p.scanId[i]!;
    if (id === Infinity || id === -Infinity) invalidSighting(i, 'scanId', 'a number or NaN');
  }
}

// Hot: runs for every sighting of every check, so it creates no closure per call.
function checkSighting(s: Sighting, position: number): void {
  if (typeof s !== 'object' || s === null) invalidSighting(position, '', 'an object');
  if (!(s.rollingProximityId instanceof Uint8Array) || s.rollingProximityId.length !== 16) {
    invalidSighting(position, 'rollingProximityId', '16 bytes');
  }
  if (
    !(s.associatedEncryptedMetadata instanceof Uint8Array) ||
    s.associatedEncryptedMetadata.length !== 4
  ) {
    invalidSighting(position, 'associatedEncryptedMetadata', '4 bytes');
  }
  if (!Number.isFinite(s.timestampMs) || s.timestampMs < 0) {
    invalidSighting(position, 'timestampMs', 'a time in ms');
  }
  if (!Number.isFinite(s.rssi)) invalidSighting(position, 'rssi', 'a number in dBm');
  if (s.scanId !== undefined && !Number.isFinite(s.scanId)) {
    invalidSighting(position, 'scanId', 'a number');
  }
}

function invalidSighting(position: number, field: string, expected: string): never {
  throw new ProtocolError(
    'SIGHTING_INVALID',
    `sightings[${position}].${field}: expected ${expected}`,
  );
}
