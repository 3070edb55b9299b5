import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.ts';
import { nodeCryptoBackend as backend } from '../node/crypto-backend.ts';
import { enIntervalNumber, rollingStartOf } from '../time.ts';
import {
  decryptMetadata,
  deriveRpik,
  generateTemporaryExposureKey,
  rollingProximityIdBlock,
} from './keys.ts';

describe('generateTemporaryExposureKey', () => {
  it('makes a 16-byte key aligned to the UTC midnight of the given time', () => {
    const at = Date.UTC(2020, 3, 2, 15, 30);
    const key = generateTemporaryExposureKey(backend, at);
    expect(key.keyData).toHaveLength(16);
    expect(key.rollingStartIntervalNumber).toBe(enIntervalNumber(Date.UTC(2020, 3, 2)));
    expect(key.rollingStartIntervalNumber).toBe(rollingStartOf(enIntervalNumber(at)));
    expect(key.rollingPeriod).toBe(144);
  });

  it('never repeats a key', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) {
      seen.add(Buffer.from(generateTemporaryExposureKey(backend).keyData).toString('hex'));
    }
    expect(seen.size).toBe(100);
  });
});

describe('input checks', () => {
  const key = new Uint8Array(16);

  it.each([
    ['a short key', () => deriveRpik(backend, new Uint8Array(15)), 'KEY_LENGTH_INVALID'],
    ['a long key', () => deriveRpik(backend, new Uint8Array(17)), 'KEY_LENGTH_INVALID'],
    ['a negative interval', () => rollingProximityIdBlock(backend, key, -1, 1), 'INTERVAL_INVALID'],
    [
      'a fractional interval',
      () => rollingProximityIdBlock(backend, key, 1.5, 1),
      'INTERVAL_INVALID',
    ],
    [
      'a negative count',
      () => rollingProximityIdBlock(backend, key, 1, -1),
      'INTERVAL_COUNT_INVALID',
    ],
    [
      'a 5-byte AEM',
      () => decryptMetadata(backend, key, key, new Uint8Array(5)),
      'METADATA_LENGTH_INVALID',
    ],
  ])('refuses %s with a typed error', (_name, call, code) => {
    expect(call).toThrow(ProtocolError);
    expect(call).toThrow(expect.objectContaining({ code }));
  });

  it('writes the interval little-endian in the padded data', () => {
    const zeroKey = new Uint8Array(16);
    const a = rollingProximityIdBlock(backend, zeroKey, 0x01020304, 1);
    const b = rollingProximityIdBlock(backend, zeroKey, 0x04030201, 1);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });
});
