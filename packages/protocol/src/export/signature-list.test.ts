import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LimitError, ProtocolError } from '../errors.ts';
import { tekSignatureArbitrary } from './arbitraries.test-helpers.ts';
import { decodeSignatureList, encodeSignatureList } from './signature-list.ts';
import { ECDSA_P256_SHA256_OID, type TekSignature } from './types.ts';
import { newWriter } from './wire.ts';

const entry: TekSignature = {
  signatureInfo: {
    verificationKeyVersion: 'v1',
    verificationKeyId: '440',
    signatureAlgorithm: ECDSA_P256_SHA256_OID,
  },
  batchNum: 1,
  batchSize: 1,
  signature: new Uint8Array([0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02]),
};

describe('encodeSignatureList / decodeSignatureList', () => {
  it('round-trips any list of signatures', () => {
    fc.assert(
      fc.property(fc.array(tekSignatureArbitrary, { maxLength: 4 }), (signatures) => {
        expect(decodeSignatureList(encodeSignatureList(signatures))).toEqual(signatures);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps several signatures in order', () => {
    const second = {
      ...entry,
      signatureInfo: { ...entry.signatureInfo, verificationKeyVersion: 'v2' },
    };
    const decoded = decodeSignatureList(encodeSignatureList([entry, second]));
    expect(decoded.map((s) => s.signatureInfo.verificationKeyVersion)).toEqual(['v1', 'v2']);
  });

  it('skips retired and unknown fields', () => {
    const writer = newWriter();
    writer.uint32((1 << 3) | 2).fork();
    writer.uint32((1 << 3) | 2).fork();
    writer.uint32((1 << 3) | 2).string('retired bundle id');
    writer.uint32((2 << 3) | 2).string('retired package');
    writer.uint32((4 << 3) | 2).string('262');
    writer.ldelim();
    writer.uint32((4 << 3) | 2).bytes(entry.signature);
    writer.uint32((77 << 3) | 0).uint32(5);
    writer.ldelim();
    const [decoded] = decodeSignatureList(writer.finish());
    expect(decoded?.signatureInfo.verificationKeyId).toBe('262');
    expect(decoded?.signature).toEqual(entry.signature);
  });

  it('refuses an empty signature when writing', () => {
    expect(() => encodeSignatureList([{ ...entry, signature: new Uint8Array(0) }])).toThrow(
      ProtocolError,
    );
  });

  it('refuses batch numbers the format cannot carry', () => {
    for (const batchNum of [0, 1.5, 2 ** 31]) {
      expect(() => encodeSignatureList([{ ...entry, batchNum }])).toThrow(ProtocolError);
    }
  });

  it('refuses truncated input and oversized input', () => {
    const bytes = encodeSignatureList([entry]);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(() => decodeSignatureList(bytes.subarray(0, bytes.length - cut))).toThrow(
        ProtocolError,
      );
    }
    expect(() => decodeSignatureList(bytes, { maxExportSigBytes: 4 })).toThrow(LimitError);
  });
});
