import type { CryptoBackend } from '../crypto/backend.ts';
import { deriveAemk, deriveRpik, encryptMetadata, rollingProximityId } from '../crypto/keys.ts';
import type { EnMetadata } from '../metadata.ts';
import type { TemporaryExposureKey } from '../model.ts';
import { enIntervalNumber, rollingStartOf } from '../time.ts';
import type { Sighting } from './types.ts';

/** A simulated sending phone for tests: one daily key and what it broadcasts. */
export interface TestSender {
  key: TemporaryExposureKey;
  /** The sighting a receiver records when it hears this phone at `atMs`. */
  heard(atMs: number, rssi: number, options?: HeardOptions): Sighting;
}

/** Variations of one reading. */
export interface HeardOptions {
  /** The sender's own clock, when it differs from the receiver's. */
  senderMs?: number;
  metadata?: Partial<EnMetadata>;
  scanId?: number;
}

/** Makes a sender whose daily key starts at the UTC midnight of `dayMs`. */
export function testSender(
  backend: CryptoBackend,
  dayMs: number,
  patch: Partial<TemporaryExposureKey> = {},
): TestSender {
  const key: TemporaryExposureKey = {
    keyData: backend.randomBytes(16),
    rollingStartIntervalNumber: rollingStartOf(enIntervalNumber(dayMs)),
    rollingPeriod: 144,
    ...patch,
  };
  const rpik = deriveRpik(backend, key.keyData);
  const aemk = deriveAemk(backend, key.keyData);
  return {
    key,
    heard(atMs, rssi, options = {}) {
      const rpi = rollingProximityId(backend, rpik, enIntervalNumber(options.senderMs ?? atMs));
      const metadata = {
        versionMajor: 1,
        versionMinor: 1,
        calibrationConfidence: 2,
        txPowerDbm: -20,
        ...options.metadata,
      };
      return {
        rollingProximityId: rpi,
        associatedEncryptedMetadata: encryptMetadata(backend, aemk, rpi, metadata),
        timestampMs: atMs,
        rssi,
        ...(options.scanId === undefined ? {} : { scanId: options.scanId }),
      };
    },
  };
}

/** Wraps a backend to count its calls. */
export function countingBackend(inner: CryptoBackend): CryptoBackend & { calls: () => number } {
  let calls = 0;
  return {
    randomBytes: (n) => inner.randomBytes(n),
    hkdfSha256: (...args) => (calls++, inner.hkdfSha256(...args)),
    aes128EcbEncrypt: (...args) => (calls++, inner.aes128EcbEncrypt(...args)),
    aes128Ctr: (...args) => (calls++, inner.aes128Ctr(...args)),
    calls: () => calls,
  };
}

/** Key fields matching must refuse, each with the error code it must give. */
export const invalidKeyCases: [string, Partial<TemporaryExposureKey>, string][] = [
  ['period 0', { rollingPeriod: 0 }, 'KEY_ROLLING_PERIOD_INVALID'],
  ['period 145', { rollingPeriod: 145 }, 'KEY_ROLLING_PERIOD_INVALID'],
  ['a negative start', { rollingStartIntervalNumber: -1 }, 'KEY_ROLLING_START_INVALID'],
  ['15 key bytes', { keyData: new Uint8Array(15) }, 'KEY_LENGTH_INVALID'],
];
