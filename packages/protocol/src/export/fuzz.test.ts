import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.ts';
import { batchArbitrary, tekSignatureArbitrary } from './arbitraries.test-helpers.ts';
import { parseCocoaList } from './cocoa-list.ts';
import { decodeExportBin, encodeExportBin, iterateExportKeys } from './export-bin.ts';
import { parseIndexTxt } from './index-txt.ts';
import { decodeSignatureList, encodeSignatureList } from './signature-list.ts';
import { EXPORT_HEADER } from './types.ts';
import { packExportZip, unpackExportZip } from './zip.ts';

/**
 * Untrusted bytes reach these decoders straight from the network; whatever arrives, they
 * either return or throw ProtocolError (LimitError is one), never a bare TypeError or hang.
 */

const header = new TextEncoder().encode(EXPORT_HEADER);
const withHeader = (body: Uint8Array) => new Uint8Array([...header, ...body]);

function onlyProtocolErrors(action: () => unknown): void {
  try {
    action();
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
  }
}

/** A valid input with a few bytes overwritten, truncated or extended. */
function mutated(valid: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(
      valid,
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 4,
      }),
      fc.nat(),
      fc.uint8Array({ maxLength: 8 }),
    )
    .map(([bytes, edits, cut, tail]) => {
      const copy = bytes.slice();
      for (const [position, value] of edits) copy[position % Math.max(copy.length, 1)] = value;
      const kept = copy.subarray(0, copy.length - (cut % Math.max(copy.length, 1)) / 2);
      return new Uint8Array([...kept, ...tail]);
    });
}

const validExportBin = batchArbitrary.map(encodeExportBin);
const validSig = fc.array(tekSignatureArbitrary, { maxLength: 3 }).map(encodeSignatureList);
const validZip = fc
  .tuple(validExportBin, validSig)
  .map(([exportBin, exportSig]) => packExportZip({ exportBin, exportSig }));

const decoders: [string, (bytes: Uint8Array) => unknown][] = [
  ['decodeExportBin', (bytes) => decodeExportBin(bytes)],
  ['iterateExportKeys', (bytes) => [...iterateExportKeys(bytes)]],
  ['decodeSignatureList', (bytes) => decodeSignatureList(bytes)],
  ['unpackExportZip', (bytes) => unpackExportZip(bytes)],
  ['parseCocoaList', (bytes) => parseCocoaList(new TextDecoder().decode(bytes))],
  ['parseIndexTxt', (bytes) => parseIndexTxt(new TextDecoder().decode(bytes))],
];

describe.each(decoders)('%s on hostile input', (_name, decode) => {
  it('survives random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) =>
        onlyProtocolErrors(() => decode(bytes)),
      ),
      { numRuns: 1000 },
    );
  });

  it('survives random bytes after a valid header', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) =>
        onlyProtocolErrors(() => decode(withHeader(bytes))),
      ),
      { numRuns: 500 },
    );
  });
});

describe('mutated valid files', () => {
  it('export.bin: every mutation decodes or fails with ProtocolError', () => {
    fc.assert(
      fc.property(mutated(validExportBin), (bytes) => {
        onlyProtocolErrors(() => decodeExportBin(bytes));
        onlyProtocolErrors(() => [...iterateExportKeys(bytes)]);
      }),
      { numRuns: 500 },
    );
  });

  it('export.sig: every mutation decodes or fails with ProtocolError', () => {
    fc.assert(
      fc.property(mutated(validSig), (bytes) =>
        onlyProtocolErrors(() => decodeSignatureList(bytes)),
      ),
      { numRuns: 500 },
    );
  });

  it('zip: every mutation unpacks or fails with ProtocolError', () => {
    fc.assert(
      fc.property(mutated(validZip), (bytes) => onlyProtocolErrors(() => unpackExportZip(bytes))),
      { numRuns: 500 },
    );
  });

  it('zip: valid files round-trip', () => {
    fc.assert(
      fc.property(validExportBin, validSig, (exportBin, exportSig) => {
        expect(unpackExportZip(packExportZip({ exportBin, exportSig }))).toEqual({
          exportBin,
          exportSig,
        });
      }),
      { numRuns: 100 },
    );
  });
});
