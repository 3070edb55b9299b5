import { ProtocolError } from './errors.ts';

/**
 * The 4-byte Bluetooth metadata a phone encrypts into its AEM (protocol.md §2): version bits,
 * TX calibration confidence and the signed TX power it advertises at.
 */
export interface EnMetadata {
  /** Major version, bits 7:6 of byte 0; 1 for every published version of the spec. */
  versionMajor: number;
  /** Minor version, bits 5:4 of byte 0 (0 for v1.0, 1 for v1.1 and later). */
  versionMinor: number;
  /** TX calibration confidence 0..3, bits 3:2 of byte 0 (v1.1+). */
  calibrationConfidence: number;
  /** Transmit power in dBm, a signed byte. */
  txPowerDbm: number;
}

/** Length in bytes of encoded metadata. */
export const METADATA_LENGTH = 4;

/** Encodes metadata into its 4 bytes, refusing any field outside its bit width. */
export function encodeMetadata(metadata: EnMetadata): Uint8Array {
  checkRange('METADATA_VERSION_MAJOR_INVALID', 'versionMajor', metadata.versionMajor, 0, 3);
  checkRange('METADATA_VERSION_MINOR_INVALID', 'versionMinor', metadata.versionMinor, 0, 3);
  checkRange(
    'METADATA_CALIBRATION_CONFIDENCE_INVALID',
    'calibrationConfidence',
    metadata.calibrationConfidence,
    0,
    3,
  );
  checkRange('METADATA_TX_POWER_INVALID', 'txPowerDbm', metadata.txPowerDbm, -128, 127);

  const bytes = new Uint8Array(METADATA_LENGTH);
  bytes[0] =
    (metadata.versionMajor << 6) |
    (metadata.versionMinor << 4) |
    (metadata.calibrationConfidence << 2);
  bytes[1] = metadata.txPowerDbm & 0xff;
  return bytes;
}

/**
 * Decodes 4 metadata bytes. Reserved bits are ignored rather than refused so that a later
 * minor version that uses them still yields the TX power.
 */
export function decodeMetadata(bytes: Uint8Array): EnMetadata {
  if (!(bytes instanceof Uint8Array) || bytes.length !== METADATA_LENGTH) {
    throw new ProtocolError(
      'METADATA_LENGTH_INVALID',
      `metadata: expected ${METADATA_LENGTH} bytes, got ${describeLength(bytes)}`,
    );
  }
  const version = bytes[0] ?? 0;
  const power = bytes[1] ?? 0;
  return {
    versionMajor: version >> 6,
    versionMinor: (version >> 4) & 0b11,
    calibrationConfidence: (version >> 2) & 0b11,
    txPowerDbm: power >= 128 ? power - 256 : power,
  };
}

function checkRange(code: string, field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ProtocolError(code, `metadata.${field}: expected an integer ${min}..${max}`);
  }
}

/** Length of an unknown input for an error message, without echoing its content. */
export function describeLength(value: unknown): string {
  return value instanceof Uint8Array ? `${value.length} bytes` : typeof value;
}
