import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LimitError, ProtocolError } from '../errors.ts';
import type { TemporaryExposureKey } from '../model.ts';
import { batchArbitrary, sortedByKeyData } from './arbitraries.test-helpers.ts';
import {
  decodeExportBin,
  encodeExportBin,
  iterateExportKeys,
  readExportMetadata,
} from './export-bin.ts';
import { EXPORT_HEADER, type ExportBatch } from './types.ts';
import { newWriter } from './wire.ts';

const key = (fill: number, extra: Partial<TemporaryExposureKey> = {}): TemporaryExposureKey => ({
  keyData: new Uint8Array(16).fill(fill),
  rollingStartIntervalNumber: 2_766_816,
  rollingPeriod: 144,
  ...extra,
});

const baseBatch: ExportBatch = {
  startTimestamp: 1_660_042_800,
  endTimestamp: 1_660_046_400,
  region: '440',
  batchNum: 1,
  batchSize: 1,
  signatureInfos: [],
  keys: [key(3), key(1), key(2)],
  revisedKeys: [],
};

function caught(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

function expectCode(action: () => unknown, code: string): ProtocolError {
  const error = caught(action);
  expect(error).toBeInstanceOf(ProtocolError);
  expect((error as ProtocolError).code).toBe(code);
  return error as ProtocolError;
}

/** Builds an export.bin from hand-written protobuf fields, for inputs the encoder refuses. */
function rawExport(build: (writer: ReturnType<typeof newWriter>) => void): Uint8Array {
  const writer = newWriter();
  build(writer);
  const body = writer.finish();
  return new Uint8Array([...new TextEncoder().encode(EXPORT_HEADER), ...body]);
}

describe('encodeExportBin / decodeExportBin', () => {
  it('round-trips any valid batch, keys in key-byte order', () => {
    fc.assert(
      fc.property(batchArbitrary, (batch) => {
        const decoded = decodeExportBin(encodeExportBin(batch));
        expect(decoded).toEqual({
          ...batch,
          keys: sortedByKeyData(batch.keys),
          revisedKeys: sortedByKeyData(batch.revisedKeys),
        });
      }),
      { numRuns: 300 },
    );
  });

  it('streams the same keys a full decode returns', () => {
    fc.assert(
      fc.property(batchArbitrary, (batch) => {
        const bytes = encodeExportBin(batch);
        expect([...iterateExportKeys(bytes)]).toEqual(decodeExportBin(bytes).keys);
      }),
      { numRuns: 100 },
    );
  });

  it('sorts keys by their bytes so the file hides upload order', () => {
    const decoded = decodeExportBin(encodeExportBin(baseBatch));
    expect(decoded.keys.map((k) => k.keyData[0])).toEqual([1, 2, 3]);
  });

  it('reads the metadata without the keys', () => {
    const metadata = readExportMetadata(encodeExportBin(baseBatch));
    expect(metadata).toEqual({
      startTimestamp: 1_660_042_800,
      endTimestamp: 1_660_046_400,
      region: '440',
      batchNum: 1,
      batchSize: 1,
      signatureInfos: [],
    });
  });

  it('refuses batches the format cannot carry', () => {
    const bad: [string, Partial<ExportBatch>][] = [
      ['negative start', { startTimestamp: -1 }],
      ['end before start', { endTimestamp: 1 }],
      ['fractional time', { startTimestamp: 1.5 }],
      ['batch 0', { batchNum: 0 }],
      ['batch after size', { batchNum: 2 }],
    ];
    for (const [, change] of bad) {
      expectCode(() => encodeExportBin({ ...baseBatch, ...change }), 'EXPORT_BATCH_INVALID');
    }
  });

  it('refuses keys with out-of-range fields, naming the field', () => {
    const bad: [Partial<TemporaryExposureKey>, string][] = [
      [{ keyData: new Uint8Array(15) }, 'key_data'],
      [{ rollingPeriod: 0 }, 'rolling_period'],
      [{ rollingPeriod: 145 }, 'rolling_period'],
      [{ rollingStartIntervalNumber: -1 }, 'rolling_start_interval_number'],
      [{ transmissionRiskLevel: 9 }, 'transmission_risk_level'],
      [{ reportType: 6 as never }, 'report_type'],
    ];
    for (const [change, field] of bad) {
      const error = expectCode(
        () => encodeExportBin({ ...baseBatch, keys: [key(1, change)] }),
        'EXPORT_KEY_INVALID',
      );
      expect(error.message).toContain(field);
    }
  });
});

describe('decodeExportBin on bad input', () => {
  const good = encodeExportBin(baseBatch);

  it('refuses a wrong or missing header', () => {
    expectCode(() => decodeExportBin(new Uint8Array(0)), 'EXPORT_HEADER_INVALID');
    expectCode(() => decodeExportBin(good.subarray(0, 15)), 'EXPORT_HEADER_INVALID');
    const wrong = good.slice();
    wrong[11] = 0x32; // "EK Export v2"
    expectCode(() => decodeExportBin(wrong), 'EXPORT_HEADER_INVALID');
    expectCode(() => [...iterateExportKeys(wrong)], 'EXPORT_HEADER_INVALID');
  });

  it('accepts a header with an empty body as an empty batch', () => {
    const empty = decodeExportBin(good.subarray(0, 16));
    expect(empty.keys).toEqual([]);
  });

  it('refuses a protobuf truncated inside its last key', () => {
    // Protobuf has no end marker: a cut between two keys is a shorter valid file.
    const lastKeyBytes =
      good.length - encodeExportBin({ ...baseBatch, keys: [key(1), key(2)] }).length;
    for (let cut = 1; cut < lastKeyBytes; cut++) {
      expectCode(
        () => decodeExportBin(good.subarray(0, good.length - cut)),
        'EXPORT_PROTOBUF_MALFORMED',
      );
    }
  });

  it('refuses a known field with the wrong wire type, naming it', () => {
    const bytes = rawExport((w) => w.uint32((3 << 3) | 0).uint32(7));
    const error = expectCode(() => decodeExportBin(bytes), 'EXPORT_PROTOBUF_MALFORMED');
    expect(error.message).toContain('region');
  });

  it('refuses a key without key_data', () => {
    const bytes = rawExport((w) =>
      w
        .uint32((7 << 3) | 2)
        .fork()
        .uint32(3 << 3)
        .int32(5)
        .ldelim(),
    );
    expectCode(() => decodeExportBin(bytes), 'EXPORT_KEY_INVALID');
  });

  it('skips unknown fields at every level', () => {
    const bytes = rawExport((w) => {
      w.uint32((3 << 3) | 2).string('440');
      w.uint32((99 << 3) | 2).string('a future field');
      w.uint32((7 << 3) | 2).fork();
      w.uint32((1 << 3) | 2).bytes(new Uint8Array(16).fill(9));
      w.uint32((3 << 3) | 0).int32(100);
      w.uint32((42 << 3) | 5).fixed32(1);
      w.ldelim();
    });
    const batch = decodeExportBin(bytes);
    expect(batch.region).toBe('440');
    expect(batch.keys).toEqual([
      { keyData: new Uint8Array(16).fill(9), rollingStartIntervalNumber: 100, rollingPeriod: 144 },
    ]);
  });

  it('refuses timestamps beyond the safe integer range', () => {
    const bytes = rawExport((w) => w.uint32((1 << 3) | 1).fixed64('18446744073709551615'));
    expectCode(() => decodeExportBin(bytes), 'EXPORT_PROTOBUF_MALFORMED');
  });

  it('refuses more keys or bytes than the limits allow', () => {
    const error = caught(() => decodeExportBin(good, { maxKeys: 2 }));
    expect(error).toBeInstanceOf(LimitError);
    expect((error as LimitError).code).toBe('EXPORT_TOO_MANY_KEYS');
    expect(caught(() => [...iterateExportKeys(good, { maxKeys: 2 })])).toBeInstanceOf(LimitError);
    const tooBig = caught(() => decodeExportBin(good, { maxExportBinBytes: good.length - 1 }));
    expect((tooBig as LimitError).code).toBe('EXPORT_BIN_TOO_LARGE');
  });

  it('streams lazily: a broken tail fails only when reached', () => {
    const broken = good.slice(0, good.length - 3);
    const iterator = iterateExportKeys(broken)[Symbol.iterator]();
    expect(iterator.next().done).toBe(false);
    expect(iterator.next().done).toBe(false);
    expectCode(() => iterator.next(), 'EXPORT_PROTOBUF_MALFORMED');
  });
});

describe('error messages', () => {
  it('never carry key material, whatever breaks', () => {
    const secret = new Uint8Array([...'SECRETKEYBYTES!!'].map((c) => c.charCodeAt(0)));
    const bytes = encodeExportBin({ ...baseBatch, keys: [key(1, { keyData: secret })] });
    const forms = [
      'SECRETKEYBYTES',
      Array.from(secret, (b) => b.toString(16).padStart(2, '0')).join(''),
      btoa(String.fromCharCode(...secret)),
    ];
    const messages: string[] = [];
    for (let cut = 1; cut < bytes.length - 16; cut++) {
      for (const decode of [decodeExportBin, (b: Uint8Array) => [...iterateExportKeys(b)]]) {
        try {
          decode(bytes.subarray(0, bytes.length - cut));
        } catch (error) {
          messages.push((error as Error).message, String((error as Error).cause ?? ''));
        }
      }
    }
    const shortKey = rawExport((w) =>
      w
        .uint32((7 << 3) | 2)
        .fork()
        .uint32((1 << 3) | 2)
        .bytes(secret.subarray(0, 15))
        .ldelim(),
    );
    messages.push(expectCode(() => decodeExportBin(shortKey), 'EXPORT_KEY_INVALID').message);
    expect(messages.length).toBeGreaterThan(10);
    for (const message of messages) {
      for (const form of forms) expect(message).not.toContain(form);
    }
  });
});
