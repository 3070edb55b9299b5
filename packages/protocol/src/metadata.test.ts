import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtocolError } from './errors.ts';
import { decodeMetadata, encodeMetadata, type EnMetadata } from './metadata.ts';

describe('metadata', () => {
  it('encodes the v1.0 vector metadata 40080000 (TX power 8 dBm)', () => {
    const m: EnMetadata = {
      versionMajor: 1,
      versionMinor: 0,
      calibrationConfidence: 0,
      txPowerDbm: 8,
    };
    expect(Buffer.from(encodeMetadata(m)).toString('hex')).toBe('40080000');
  });

  it('places minor version and calibration confidence in their bits and signs TX power', () => {
    const bytes = encodeMetadata({
      versionMajor: 1,
      versionMinor: 1,
      calibrationConfidence: 3,
      txPowerDbm: -20,
    });
    expect(Buffer.from(bytes).toString('hex')).toBe('5cec0000');
    expect(decodeMetadata(bytes)).toEqual({
      versionMajor: 1,
      versionMinor: 1,
      calibrationConfidence: 3,
      txPowerDbm: -20,
    });
  });

  it.each([
    ['versionMajor', { versionMajor: 4 }, 'METADATA_VERSION_MAJOR_INVALID'],
    ['versionMinor', { versionMinor: -1 }, 'METADATA_VERSION_MINOR_INVALID'],
    [
      'calibrationConfidence',
      { calibrationConfidence: 1.5 },
      'METADATA_CALIBRATION_CONFIDENCE_INVALID',
    ],
    ['txPowerDbm', { txPowerDbm: 128 }, 'METADATA_TX_POWER_INVALID'],
  ])('refuses an out-of-range %s', (field, patch, code) => {
    const base = { versionMajor: 1, versionMinor: 0, calibrationConfidence: 0, txPowerDbm: 0 };
    const call = () => encodeMetadata({ ...base, ...patch });
    expect(call).toThrow(
      expect.objectContaining({ code, message: expect.stringContaining(field) }),
    );
  });

  it('refuses metadata of the wrong length', () => {
    expect(() => decodeMetadata(new Uint8Array(3))).toThrow(
      expect.objectContaining({ code: 'METADATA_LENGTH_INVALID' }),
    );
  });

  it('round-trips every valid field combination', () => {
    const metadata = fc.record({
      versionMajor: fc.integer({ min: 0, max: 3 }),
      versionMinor: fc.integer({ min: 0, max: 3 }),
      calibrationConfidence: fc.integer({ min: 0, max: 3 }),
      txPowerDbm: fc.integer({ min: -128, max: 127 }),
    });
    fc.assert(
      fc.property(metadata, (m) => {
        expect(decodeMetadata(encodeMetadata(m))).toEqual(m);
      }),
    );
  });

  it('never throws anything but ProtocolError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 8 }), (bytes) => {
        try {
          decodeMetadata(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(ProtocolError);
        }
      }),
    );
  });
});
