import { describe, expect, it } from 'vitest';
import { parseDumpsys } from './dumpsys.ts';
import { ReplayError } from './errors.ts';
import { parseLogTimestamp } from './timestamp.ts';

const RPI = '2B790F8268C90432C9B458C057D514DD';
const LOG = [
  'Part of a data series',
  '',
  '    Flags:',
  '      rssi_offset = 4',
  '      tx_calibration_power = -29',
  '      calibration_confidence = 3',
  '    Advertisement records:',
  `      2021-03-12T09:20:48-05\tRPI=${RPI}\tTEK=#0\tintervalNum=2692598 (2021-03-12T09:20:00-05)\tmetadata=54EC0000 (ver=84, txPower=-20)\tencryptedMeta=76C09CBA`,
  '      2021-02-26T12:40:00-05    RPI=fake    TEK=#0  intervalNum=2690602 (2021-02-26T12:40:00-05)    metadata=fake (ver=0, txPower=-20)  encryptedMeta=fake',
  '    Sighting records:',
  `      RPI=${RPI}\tencryptedMetadata=E12A1DB7`,
  '        2021-03-12T09:20:46-05 (3s) rssi=[-77, -74, -71]',
  '        2021-03-12T09:28:48-0500 (?s) rssi=[-80]',
].join('\n');

/** Logs holding one value no phone can report: case name, text, line at fault, message. */
const IMPOSSIBLE_VALUES: [string, string, number, string][] = [
  [
    'an RSSI offset past any signed byte',
    LOG.replace('rssi_offset = 4', 'rssi_offset = 99999999999999999999'),
    4,
    'rssi_offset must be an integer between -127 and 127 dB',
  ],
  [
    'a calibration TX power past any signed byte',
    LOG.replace('tx_calibration_power = -29', 'tx_calibration_power = -300'),
    5,
    'tx_calibration_power must be an integer between -127 and 127 dBm',
  ],
  [
    'a calibration confidence above high',
    LOG.replace('calibration_confidence = 3', 'calibration_confidence = 4'),
    6,
    'calibration_confidence must be an integer between 0 and 3',
  ],
  [
    'a metadata TX power past any signed byte',
    LOG.replace('txPower=-20)', 'txPower=128)'),
    8,
    'metadata txPower must be an integer between -127 and 127 dBm',
  ],
  [
    'an advertisement dated on a day the calendar lacks',
    LOG.replace('2021-03-12T09:20:48-05', '2021-02-30T09:20:48-05'),
    8,
    'unreadable or impossible advertisement timestamp',
  ],
  [
    'a scan dated in month 13 on day 45',
    LOG.replace('2021-03-12T09:20:46-05', '2099-13-45T15:17:37-05'),
    12,
    'unreadable or impossible scan timestamp',
  ],
  [
    'a scan dated 29 February of a common year',
    LOG.replace('2021-03-12T09:28:48-0500', '2021-02-29T09:28:48-0500'),
    13,
    'unreadable or impossible scan timestamp',
  ],
  [
    'an RSSI reading weaker than a radio reports',
    LOG.replace('[-80]', '[-80, -128]'),
    13,
    'every RSSI reading must be an integer between -127 and 20 dBm',
  ],
];

describe('parseDumpsys', () => {
  it('reads flags, advertisements (skipping placeholders) and scans in every layout', () => {
    const log = parseDumpsys(LOG, 'x.txt');
    expect(log.flags).toEqual({ rssiOffset: 4, txCalibrationPower: -29, calibrationConfidence: 3 });
    expect(log.advertisements).toEqual([
      { rollingProximityId: RPI, enIntervalNumber: 2692598, txPower: -20, metadataIsReal: true },
    ]);
    expect(log.sightings).toHaveLength(1);
    expect(log.sightings[0]?.scans).toEqual([
      { timestampMs: Date.UTC(2021, 2, 12, 14, 20, 46), durationSeconds: 3, rssi: [-77, -74, -71] },
      { timestampMs: Date.UTC(2021, 2, 12, 14, 28, 48), durationSeconds: undefined, rssi: [-80] },
    ]);
  });

  it.each([
    ['a scan line with a broken RSSI list', LOG.replace('[-80]', '[-80, x]'), 13],
    [
      'a scan line before any sighting',
      LOG.replace(`      RPI=${RPI}\tencryptedMetadata=E12A1DB7\n`, ''),
      11,
    ],
    ['a garbled advertisement', LOG.replace('intervalNum=2692598', 'interval=2692598'), 8],
    ['an impossible timestamp', LOG.replace('09:20:46-05', '29:20:46-05'), 12],
  ])('refuses %s, naming file and line', (_name, text, line) => {
    const error = (() => {
      try {
        parseDumpsys(text, 'phone/01_dumpsys.txt');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ReplayError);
    expect(error).toMatchObject({
      code: 'REPLAY_MALFORMED_LINE',
      file: 'phone/01_dumpsys.txt',
      line,
    });
    expect((error as Error).message).toContain(`phone/01_dumpsys.txt:${line}`);
    expect((error as Error).message).not.toContain(RPI);
  });
});

describe('parseDumpsys on values no phone can report', () => {
  it.each(IMPOSSIBLE_VALUES)(
    'refuses %s and says what a phone can give',
    (_name, text, line, what) => {
      expect(() => parseDumpsys(text, 'phone/01_dumpsys.txt')).toThrow(
        expect.objectContaining({
          code: 'REPLAY_MALFORMED_LINE',
          line,
          message: expect.stringContaining(`phone/01_dumpsys.txt:${line}: ${what}`),
        }),
      );
    },
  );

  it('reads values at the edges of what a phone can report', () => {
    const edges = LOG.replace('rssi_offset = 4', 'rssi_offset = -127')
      .replace('calibration_confidence = 3', 'calibration_confidence = 0')
      .replace('txPower=-20)', 'txPower=127)')
      .replace('[-80]', '[-127, 20]')
      .replace('2021-03-12T09:28:48-0500', '2024-02-29T23:59:59+14:00');

    const log = parseDumpsys(edges, 'x.txt');

    expect(log.flags).toMatchObject({ rssiOffset: -127, calibrationConfidence: 0 });
    expect(log.advertisements[0]?.txPower).toBe(127);
    expect(log.sightings[0]?.scans[1]).toMatchObject({
      timestampMs: Date.UTC(2024, 1, 29, 9, 59, 59),
      rssi: [-127, 20],
    });
  });
});

describe('parseDumpsys on files that are not phone logs', () => {
  it.each([
    ['an empty file', '', undefined, 'the file is empty'],
    ['a file of blank lines', '\n  \n\t\n', undefined, 'the file is empty'],
    ['text with no log heading', 'hello\nworld\n', undefined, 'no `Advertisement records:`'],
    ['binary data', 'Part of a data series\n\u0000\u0007\ufffd\n', 2, 'binary data'],
  ])(
    'refuses %s instead of reading it as a phone that heard nothing',
    (_name, text, line, what) => {
      expect(() => parseDumpsys(text, 'run/05_dumpsys.txt')).toThrow(
        expect.objectContaining({
          code: 'REPLAY_NOT_A_PHONE_LOG',
          file: 'run/05_dumpsys.txt',
          line,
          message: expect.stringContaining(what),
        }),
      );
    },
  );

  it('still reads a reduced log that has headings but no sightings', () => {
    const reduced = LOG.slice(0, LOG.indexOf('    Sighting records:'));
    expect(parseDumpsys(reduced, 'x.txt').sightings).toEqual([]);
  });
});

describe('parseLogTimestamp', () => {
  it.each([
    ['2021-03-12T09:20:46-05', Date.UTC(2021, 2, 12, 14, 20, 46)],
    ['2021-03-12T9:19:00-0500', Date.UTC(2021, 2, 12, 14, 19, 0)],
    ['2021-03-15T10:10:00-04:00', Date.UTC(2021, 2, 15, 14, 10, 0)],
    ['2021-03-15T10:10:00Z', Date.UTC(2021, 2, 15, 10, 10, 0)],
  ])('reads %s', (text, ms) => {
    expect(parseLogTimestamp(text)).toBe(ms);
  });

  it.each([
    ['a leap day', '2024-02-29T12:00:00Z', Date.UTC(2024, 1, 29, 12, 0, 0)],
    ['a leap second', '2016-12-31T23:59:60Z', Date.UTC(2017, 0, 1, 0, 0, 0)],
    ['the easternmost zone', '2021-03-12T09:00:00+14:00', Date.UTC(2021, 2, 11, 19, 0, 0)],
  ])('reads %s', (_name, text, ms) => {
    expect(parseLogTimestamp(text)).toBe(ms);
  });

  it.each([
    ['text that is not a zoned timestamp', '2021-03-12 09:20:46'],
    ['month 13 and day 45', '2099-13-45T15:17:37-05'],
    ['month 0', '2021-00-12T09:20:46-05'],
    ['day 0', '2021-03-00T09:20:46-05'],
    ['31 April', '2021-04-31T09:20:46-05'],
    ['29 February of a common year', '2021-02-29T09:20:46-05'],
    ['hour 24', '2021-03-12T24:00:00-05'],
    ['minute 60', '2021-03-12T09:60:00-05'],
    ['second 61', '2021-03-12T09:20:61-05'],
    ['a zone 15 hours from UTC', '2021-03-12T09:20:46-15'],
    ['a zone with 60 minutes', '2021-03-12T09:20:46-05:60'],
  ])('refuses %s', (_name, text) => {
    expect(parseLogTimestamp(text)).toBeUndefined();
  });
});
