import { ProtocolError } from './errors.ts';
import { describeLength } from './metadata.ts';

/**
 * The Exposure Notification BLE advertisement (protocol.md §3): service data for UUID 0xFD6F
 * carrying RPI ‖ AEM, and the advertising-data structures that wrap it.
 */

/** The 16-bit Exposure Notification service UUID. */
export const EN_SERVICE_UUID = 0xfd6f;

/** The full 128-bit form of the service UUID. */
export const EN_SERVICE_UUID_128 = '0000fd6f-0000-1000-8000-00805f9b34fb';

/** Length of the service data: a 16-byte RPI followed by a 4-byte AEM. */
export const SERVICE_DATA_LENGTH = 20;

/** What one Exposure Notification advertisement carries. */
export interface ServiceData {
  rollingProximityId: Uint8Array;
  associatedEncryptedMetadata: Uint8Array;
}

const AD_COMPLETE_UUID16_LIST = 0x03;
const AD_SERVICE_DATA_UUID16 = 0x16;

/** Encodes the 20 service-data bytes, refusing an RPI or AEM of the wrong length. */
export function encodeServiceData(data: ServiceData): Uint8Array {
  checkLength('SERVICE_DATA_RPI_INVALID', 'rollingProximityId', data.rollingProximityId, 16);
  checkLength(
    'SERVICE_DATA_AEM_INVALID',
    'associatedEncryptedMetadata',
    data.associatedEncryptedMetadata,
    4,
  );
  const bytes = new Uint8Array(SERVICE_DATA_LENGTH);
  bytes.set(data.rollingProximityId, 0);
  bytes.set(data.associatedEncryptedMetadata, 16);
  return bytes;
}

/** Splits 20 service-data bytes into RPI and AEM (copies, so the caller's buffer may change). */
export function decodeServiceData(bytes: Uint8Array): ServiceData {
  checkLength('SERVICE_DATA_LENGTH_INVALID', 'serviceData', bytes, SERVICE_DATA_LENGTH);
  return {
    rollingProximityId: bytes.slice(0, 16),
    associatedEncryptedMetadata: bytes.slice(16, 20),
  };
}

/**
 * Encodes the advertising data a phone sends: the complete 16-bit UUID list [0xFD6F] and the
 * service data. Flags are left out because the advertisement is non-connectable.
 */
export function encodeAdvertisement(data: ServiceData): Uint8Array {
  const serviceData = encodeServiceData(data);
  const bytes = new Uint8Array(4 + 4 + SERVICE_DATA_LENGTH);
  bytes.set([3, AD_COMPLETE_UUID16_LIST, EN_SERVICE_UUID & 0xff, EN_SERVICE_UUID >> 8], 0);
  bytes.set([3 + SERVICE_DATA_LENGTH, AD_SERVICE_DATA_UUID16], 4);
  bytes.set([EN_SERVICE_UUID & 0xff, EN_SERVICE_UUID >> 8], 6);
  bytes.set(serviceData, 8);
  return bytes;
}

/**
 * Finds the Exposure Notification service data in raw advertising data. Other structures are
 * skipped, as scanners also hear unrelated devices; a truncated structure is an error.
 */
export function decodeAdvertisement(bytes: Uint8Array): ServiceData {
  if (!(bytes instanceof Uint8Array)) {
    throw new ProtocolError('ADVERTISEMENT_INVALID', 'advertisement: expected bytes');
  }
  let offset = 0;
  while (offset < bytes.length) {
    const length = bytes[offset] ?? 0;
    if (length === 0) break;
    const end = offset + 1 + length;
    if (end > bytes.length) {
      throw new ProtocolError(
        'ADVERTISEMENT_TRUNCATED',
        `advertisement: structure at offset ${offset} runs past the end`,
      );
    }
    const type = bytes[offset + 1];
    const uuid = (bytes[offset + 2] ?? 0) | ((bytes[offset + 3] ?? 0) << 8);
    if (type === AD_SERVICE_DATA_UUID16 && length >= 3 && uuid === EN_SERVICE_UUID) {
      return decodeServiceData(bytes.subarray(offset + 4, end));
    }
    offset = end;
  }
  throw new ProtocolError(
    'ADVERTISEMENT_NO_EN_SERVICE_DATA',
    'advertisement: no service data for UUID 0xFD6F',
  );
}

function checkLength(code: string, field: string, value: Uint8Array, length: number): void {
  if (!(value instanceof Uint8Array) || value.length !== length) {
    throw new ProtocolError(
      code,
      `${field}: expected ${length} bytes, got ${describeLength(value)}`,
    );
  }
}
