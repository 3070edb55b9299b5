import { ProtocolError } from '../errors.ts';
import type { TemporaryExposureKey } from '../model.ts';
import { encodeMetadata, METADATA_LENGTH, describeLength, type EnMetadata } from '../metadata.ts';
import { enIntervalNumber, INTERVALS_PER_DAY, rollingStartOf } from '../time.ts';
import type { CryptoBackend } from './backend.ts';

/**
 * Exposure Notification cryptography v1.2 (protocol.md §2): daily keys, the keys derived from
 * them, rolling proximity identifiers and the associated encrypted metadata.
 */

/** Length of every key and identifier in the protocol. */
export const KEY_LENGTH = 16;

const encoder = new TextEncoder();
const RPIK_INFO = encoder.encode('EN-RPIK');
const AEMK_INFO = encoder.encode('EN-AEMK');
const RPI_PREFIX = encoder.encode('EN-RPI');
const NO_SALT = new Uint8Array(0);

/** A fresh daily key from the backend's CSPRNG, starting at the UTC midnight of `atMs`. */
export function generateTemporaryExposureKey(
  backend: CryptoBackend,
  atMs: number = Date.now(),
): TemporaryExposureKey {
  return {
    keyData: backend.randomBytes(KEY_LENGTH),
    rollingStartIntervalNumber: rollingStartOf(enIntervalNumber(atMs)),
    rollingPeriod: INTERVALS_PER_DAY,
  };
}

/** Rolling Proximity Identifier Key: HKDF-SHA256(TEK, no salt, "EN-RPIK", 16). */
export function deriveRpik(backend: CryptoBackend, tek: Uint8Array): Uint8Array {
  checkKey('tek', tek);
  return backend.hkdfSha256(tek, NO_SALT, RPIK_INFO, KEY_LENGTH);
}

/** Associated Encrypted Metadata Key: HKDF-SHA256(TEK, no salt, "EN-AEMK", 16). */
export function deriveAemk(backend: CryptoBackend, tek: Uint8Array): Uint8Array {
  checkKey('tek', tek);
  return backend.hkdfSha256(tek, NO_SALT, AEMK_INFO, KEY_LENGTH);
}

/** The RPI a phone broadcasts during `interval`. */
export function rollingProximityId(
  backend: CryptoBackend,
  rpik: Uint8Array,
  interval: number,
): Uint8Array {
  return rollingProximityIdBlock(backend, rpik, interval, 1);
}

/** RPIs of `count` consecutive intervals from `firstInterval`, computed in one AES call. */
export function rollingProximityIds(
  backend: CryptoBackend,
  rpik: Uint8Array,
  firstInterval: number,
  count: number,
): Uint8Array[] {
  const block = rollingProximityIdBlock(backend, rpik, firstInterval, count);
  const ids: Uint8Array[] = [];
  for (let i = 0; i < count; i++) ids.push(block.subarray(i * KEY_LENGTH, (i + 1) * KEY_LENGTH));
  return ids;
}

/** RPIs of consecutive intervals as one contiguous buffer of `count` 16-byte blocks. */
export function rollingProximityIdBlock(
  backend: CryptoBackend,
  rpik: Uint8Array,
  firstInterval: number,
  count: number,
): Uint8Array {
  checkKey('rpik', rpik);
  checkInterval(firstInterval);
  if (!Number.isInteger(count) || count < 0 || firstInterval + count - 1 > 0xffffffff) {
    throw new ProtocolError('INTERVAL_COUNT_INVALID', 'count: expected a non-negative integer');
  }
  const padded = new Uint8Array(count * KEY_LENGTH);
  for (let i = 0; i < count; i++) writePaddedData(padded, i * KEY_LENGTH, firstInterval + i);
  return backend.aes128EcbEncrypt(rpik, padded);
}

/** Writes PaddedData_j ("EN-RPI", six zeros, uint32 LE interval) at `offset`. */
export function writePaddedData(target: Uint8Array, offset: number, interval: number): void {
  target.set(RPI_PREFIX, offset);
  target.fill(0, offset + 6, offset + 12);
  target[offset + 12] = interval & 0xff;
  target[offset + 13] = (interval >>> 8) & 0xff;
  target[offset + 14] = (interval >>> 16) & 0xff;
  target[offset + 15] = (interval >>> 24) & 0xff;
}

/** AEM = AES-128-CTR(AEMK, IV = RPI, metadata); accepts the metadata as fields or 4 bytes. */
export function encryptMetadata(
  backend: CryptoBackend,
  aemk: Uint8Array,
  rpi: Uint8Array,
  metadata: EnMetadata | Uint8Array,
): Uint8Array {
  const plain = metadata instanceof Uint8Array ? metadata : encodeMetadata(metadata);
  return applyAem(backend, aemk, rpi, plain);
}

/** Recovers the 4 metadata bytes from an AEM; CTR decryption is the encryption operation. */
export function decryptMetadata(
  backend: CryptoBackend,
  aemk: Uint8Array,
  rpi: Uint8Array,
  aem: Uint8Array,
): Uint8Array {
  return applyAem(backend, aemk, rpi, aem);
}

function applyAem(
  backend: CryptoBackend,
  aemk: Uint8Array,
  rpi: Uint8Array,
  data: Uint8Array,
): Uint8Array {
  checkKey('aemk', aemk);
  checkKey('rpi', rpi);
  if (!(data instanceof Uint8Array) || data.length !== METADATA_LENGTH) {
    throw new ProtocolError(
      'METADATA_LENGTH_INVALID',
      `metadata: expected ${METADATA_LENGTH} bytes, got ${describeLength(data)}`,
    );
  }
  return backend.aes128Ctr(aemk, rpi, data);
}

function checkKey(field: string, key: Uint8Array): void {
  if (!(key instanceof Uint8Array) || key.length !== KEY_LENGTH) {
    throw new ProtocolError(
      'KEY_LENGTH_INVALID',
      `${field}: expected ${KEY_LENGTH} bytes, got ${describeLength(key)}`,
    );
  }
}

function checkInterval(interval: number): void {
  if (!Number.isInteger(interval) || interval < 0 || interval > 0xffffffff) {
    throw new ProtocolError('INTERVAL_INVALID', 'interval: expected a uint32 ENIntervalNumber');
  }
}
