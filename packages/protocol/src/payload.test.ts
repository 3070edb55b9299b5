import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtocolError } from './errors.ts';
import {
  decodeAdvertisement,
  decodeServiceData,
  encodeAdvertisement,
  encodeServiceData,
} from './payload.ts';

const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const rpi = hex('8be6cd371c5c891604bfbe49df845096');
const aem = hex('72033874');

function expectOnlyProtocolErrors(decode: (b: Uint8Array) => unknown): void {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      try {
        decode(bytes);
      } catch (error) {
        expect(error).toBeInstanceOf(ProtocolError);
      }
    }),
    { numRuns: 2000 },
  );
}

describe('service data', () => {
  it('is RPI then AEM, 20 bytes', () => {
    const bytes = encodeServiceData({ rollingProximityId: rpi, associatedEncryptedMetadata: aem });
    expect(Buffer.from(bytes).toString('hex')).toBe('8be6cd371c5c891604bfbe49df84509672033874');
    expect(decodeServiceData(bytes)).toEqual({
      rollingProximityId: rpi,
      associatedEncryptedMetadata: aem,
    });
  });

  it.each([
    [
      'a 15-byte RPI',
      { rollingProximityId: rpi.subarray(1), associatedEncryptedMetadata: aem },
      'SERVICE_DATA_RPI_INVALID',
    ],
    [
      'a 3-byte AEM',
      { rollingProximityId: rpi, associatedEncryptedMetadata: aem.subarray(1) },
      'SERVICE_DATA_AEM_INVALID',
    ],
  ])('refuses to encode %s', (_name, data, code) => {
    expect(() => encodeServiceData(data)).toThrow(expect.objectContaining({ code }));
  });

  it('refuses 19 or 21 bytes, naming the field', () => {
    for (const n of [19, 21]) {
      expect(() => decodeServiceData(new Uint8Array(n))).toThrow(
        expect.objectContaining({
          code: 'SERVICE_DATA_LENGTH_INVALID',
          message: expect.stringContaining('serviceData'),
        }),
      );
    }
  });

  it('round-trips any RPI and AEM', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 4, maxLength: 4 }),
        (r, a) => {
          const data = { rollingProximityId: r, associatedEncryptedMetadata: a };
          expect(decodeServiceData(encodeServiceData(data))).toEqual(data);
          expect(decodeAdvertisement(encodeAdvertisement(data))).toEqual(data);
        },
      ),
    );
  });

  it('never throws anything but ProtocolError on random bytes', () => {
    expectOnlyProtocolErrors(decodeServiceData);
  });
});

describe('advertisement', () => {
  const data = { rollingProximityId: rpi, associatedEncryptedMetadata: aem };

  it('carries the UUID list [0xFD6F] then 0xFD6F service data', () => {
    const bytes = encodeAdvertisement(data);
    expect(Buffer.from(bytes.subarray(0, 8)).toString('hex')).toBe('03036ffd17166ffd');
    expect(bytes).toHaveLength(28);
  });

  it('skips structures of other services before the EN one', () => {
    const other = hex('020106' + '05166f1c0102');
    const joined = new Uint8Array([...other, ...encodeAdvertisement(data)]);
    expect(decodeAdvertisement(joined)).toEqual(data);
  });

  it.each([
    ['no EN service data', hex('020106'), 'ADVERTISEMENT_NO_EN_SERVICE_DATA'],
    ['a truncated structure', hex('17166ffd0102'), 'ADVERTISEMENT_TRUNCATED'],
    ['EN service data of the wrong length', hex('05166ffd0102'), 'SERVICE_DATA_LENGTH_INVALID'],
  ])('refuses %s', (_name, bytes, code) => {
    expect(() => decodeAdvertisement(bytes)).toThrow(expect.objectContaining({ code }));
  });

  it('never throws anything but ProtocolError on random bytes', () => {
    expectOnlyProtocolErrors(decodeAdvertisement);
  });
});

describe('privacy of errors', () => {
  it('never echoes the bytes it refuses', () => {
    const secret = hex('8be6cd371c5c891604bfbe49df84509672033874ff');
    for (const decode of [decodeServiceData, decodeAdvertisement]) {
      try {
        decode(secret);
        expect.unreachable();
      } catch (error) {
        const message = (error as Error).message.toLowerCase();
        expect(message).not.toContain('8be6cd37');
        expect(message).not.toContain(Buffer.from(secret).toString('base64').slice(0, 8));
      }
    }
  });
});
