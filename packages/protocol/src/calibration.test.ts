import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attenuationDb, CalibrationTable, parseCalibrationCsv } from './calibration.ts';
import { ProtocolError } from './errors.ts';
import { sharedDataPath } from './node/shared-data.ts';

const csv = readFileSync(sharedDataPath('calibration', 'en-calibration.csv'), 'utf8');
const HEADER = 'oem,device,model,rssi_correction,tx_power_correction,calibration_confidence';

describe('attenuationDb', () => {
  it('is TX power minus corrected RSSI, floored at 0', () => {
    expect(attenuationDb(-26, -80, 5)).toBe(49);
    expect(attenuationDb(8, -60, 0)).toBe(68);
    expect(attenuationDb(-30, -10, 5)).toBe(0);
  });
});

describe('the shared calibration table', () => {
  const table = parseCalibrationCsv(csv);

  it('has all 551 rows', () => {
    expect(table.entries).toHaveLength(551);
  });

  it('finds a Pixel 3 by device and model, case-insensitively', () => {
    expect(table.lookup({ manufacturer: 'Google', device: 'blueline', model: 'pixel 3' })).toEqual({
      rssiCorrection: 5,
      txPowerCorrection: -33,
      calibrationConfidence: 3,
      fallback: false,
    });
  });

  it('finds a phone by model alone', () => {
    expect(table.lookup({ model: 'Pixel' })).toMatchObject({ rssiCorrection: -3, fallback: false });
  });

  it('falls back to the manufacturer median with LOW confidence for an unknown model', () => {
    const result = table.lookup({ manufacturer: 'google', device: 'nope', model: 'Pixel 99' });
    expect(result.fallback).toBe(true);
    expect(result.calibrationConfidence).toBe(1);
    const google = table.entries.filter((e) => e.manufacturer === 'google');
    const rssi = google.map((e) => e.rssiCorrection);
    expect(result.rssiCorrection).toBeGreaterThanOrEqual(Math.min(...rssi));
    expect(result.rssiCorrection).toBeLessThanOrEqual(Math.max(...rssi));
  });

  it('falls back to the table median with LOWEST confidence for an unknown manufacturer', () => {
    expect(table.lookup({ manufacturer: 'acme', model: 'Rocket' })).toEqual({
      rssiCorrection: 4,
      txPowerCorrection: -26,
      calibrationConfidence: 0,
      fallback: true,
    });
    expect(table.lookup({})).toMatchObject({ fallback: true, calibrationConfidence: 0 });
  });
});

describe('parseCalibrationCsv bad input', () => {
  it.each([
    ['a wrong header', 'a,b,c\n', 'CALIBRATION_CSV_HEADER_INVALID', 'header'],
    ['no rows', `${HEADER}\n\n`, 'CALIBRATION_CSV_EMPTY', 'no rows'],
    ['a short row', `${HEADER}\nx,y,z,1,2\n`, 'CALIBRATION_CSV_ROW_INVALID', 'line 2'],
    [
      'a non-number',
      `${HEADER}\nx,y,z,abc,2,3\n`,
      'CALIBRATION_CSV_VALUE_INVALID',
      'rssi_correction',
    ],
    [
      'a bad confidence',
      `${HEADER}\nx,y,z,1,2,7\n`,
      'CALIBRATION_CSV_VALUE_INVALID',
      'calibration_confidence',
    ],
  ])('refuses %s, naming it', (_name, text, code, fragment) => {
    expect(() => parseCalibrationCsv(text)).toThrow(
      expect.objectContaining({ code, message: expect.stringContaining(fragment) }),
    );
  });

  it('round-trips generated rows', () => {
    const row = fc.record({
      manufacturer: fc.stringMatching(/^[a-z][a-z0-9 ]{0,10}[a-z0-9]$/),
      device: fc.stringMatching(/^[A-Za-z0-9_]{1,12}$/),
      model: fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/),
      rssiCorrection: fc.integer({ min: -128, max: 127 }),
      txPowerCorrection: fc.integer({ min: -128, max: 127 }),
      calibrationConfidence: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 10 }), (rows) => {
        const text = [HEADER, ...rows.map((r) => Object.values(r).join(','))].join('\r\n');
        expect(parseCalibrationCsv(text).entries).toEqual(rows);
      }),
    );
  });

  it('never throws anything but ProtocolError on random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (tail) => {
        for (const text of [tail, `${HEADER}\n${tail}`]) {
          try {
            expect(parseCalibrationCsv(text)).toBeInstanceOf(CalibrationTable);
          } catch (error) {
            expect(error).toBeInstanceOf(ProtocolError);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});
