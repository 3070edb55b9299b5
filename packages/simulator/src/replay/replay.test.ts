import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedDataPath } from '@cocoa/protocol/node';
import { precision, recall } from '../metrics.ts';
import { failedRunLabel } from './cases.ts';
import { loadLogFolder } from './loader.ts';
import { replayLogs } from './replay.ts';
import { formatReplayTables } from './tables.ts';

const LOGS = sharedDataPath('en-logs', 'mitll-ua');

describe('replay of the MITLL-UA logs', () => {
  const results = replayLogs(LOGS);

  it('replays every run of all six scenarios without failures', () => {
    expect(results.failures).toEqual([]);
    const runs = new Set(results.rows.map((r) => `${r.case.scenario}/${r.case.run}`));
    expect(runs.size).toBe(18);
    expect(new Set(results.rows.map((r) => r.case.scenario)).size).toBe(6);
    // Reduced iPhone logs hold no sightings: listed, never scored.
    expect(results.notEvaluable.length).toBeGreaterThan(0);
    expect(results.notEvaluable.every((c) => ['17', '18', '19', '20'].includes(c.phone))).toBe(
      true,
    );
  });

  it('agrees with the real EN apps on most phones, as the same pipeline should', () => {
    const agree = results.rows.filter(
      (r) => r.cocoa.contactDay === (r.case.reportedLevel === 'high'),
    ).length;
    expect(agree / results.rows.length).toBeGreaterThan(0.75);
  });

  it('scores the Small Party close contacts as contact days under COCOA production', () => {
    const party = results.rows.filter((r) => r.case.run === 'small_party_1');
    expect(party.length).toBe(7);
    expect(party.every((r) => r.case.closeContact)).toBe(true);
    expect(party.filter((r) => r.cocoa.contactDay).length).toBeGreaterThanOrEqual(5);
    for (const r of party) expect(r.cocoa.weightedDurationSeconds).toBeGreaterThan(0);
  });

  it('computes the geometric truth from the setup positions', () => {
    // Bus queue: agent D arrives 8 ft behind the sick agent at minute 5 and is 4 ft away from
    // minute 15 to the end of the 31-minute run.
    const row = results.rows.find((r) => r.case.run === 'bus_q_1' && r.case.agent === 'D');
    expect(row?.case.minutesWithin6ft).toBe(16);
    expect(row?.case.closestFeet).toBeCloseTo(4, 5);
    expect(row?.case.closeContact).toBe(true);
  });

  it('shows tuning on the same data over-fits: held-out does worse than in-sample', () => {
    const inSample = results.confusion.tunedInSample;
    const heldOut = results.confusion.tunedHeldOut;
    expect((recall(heldOut) ?? 0) + (precision(heldOut) ?? 0)).toBeLessThan(
      (recall(inSample) ?? 0) + (precision(inSample) ?? 0),
    );
    expect(results.tunedPerScenario.size).toBe(6);
  });

  it('prints every table with one row per receiving phone', () => {
    const text = formatReplayTables(results);
    expect(text).toContain('| COCOA production |');
    expect(text).toContain('#### SmallParty/small_party_1');
    const phoneRows = text.split('\n').filter((l) => /^\| \d\d \| [A-Z] \|/.test(l));
    expect(phoneRows).toHaveLength(results.rows.length);
  });
});

describe('replay of a single scenario', () => {
  const results = replayLogs(path.join(LOGS, 'SmallParty'));

  it('holds nothing out, and says so instead of showing in-sample numbers as held out', () => {
    expect(results.rows.length).toBeGreaterThan(0);
    expect(results.rows.every((r) => r.tunedHeldOut === undefined)).toBe(true);
    expect(results.tunedPerScenario.size).toBe(0);
    const text = formatReplayTables(results);
    expect(text).toMatch(
      /\| tuned with the scenario held out: needs a second scenario to tune on \| – \| – \|/,
    );
    expect(text).toMatch(/\| SmallParty \| \d+ \| \d+ \| [\d/]+ \| [\d/]+ \| – \| – \|/);
  });
});

describe('replay of damaged logs', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cocoa-replay-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(path.join(LOGS, 'SmallParty'), path.join(dir, 'SmallParty'), { recursive: true });
  const run = (n: number) => path.join(dir, 'SmallParty', `small_party_${n}`);
  const phoneLog = (n: number, id: string) =>
    path.join(run(n), `2021_03_12_small_party_${n}_${id}`, `${id}_dumpsys.txt`);

  // Run 1: one receiver's log gets a malformed scan line at line 14.
  const lines = readFileSync(phoneLog(1, '01'), 'utf8').split('\n');
  lines[13] = '        2021-03-12T09:20:46-05 (3s) rssi=[-77, oops]';
  writeFileSync(phoneLog(1, '01'), lines.join('\n'));
  // Run 2: the sick phone's log is missing.
  rmSync(phoneLog(2, '11'));
  // Run 3: the info file names a phone the setup does not know.
  const info = path.join(run(3), 'small_party_3_info.json');
  writeFileSync(info, readFileSync(info, 'utf8').replace('"phone": "13"', '"phone": "99"'));

  it('names the file and line of each problem and still replays what it can', () => {
    const results = replayLogs(dir);
    const failures = Object.fromEntries(results.failures.map((f) => [f.run, f.error]));
    expect(failures.small_party_2).toMatchObject({
      code: 'REPLAY_FILE_MISSING',
      file: phoneLog(2, '11'),
    });
    expect(failures.small_party_2?.message).toContain(phoneLog(2, '11'));
    expect(failures.small_party_3).toMatchObject({ code: 'REPLAY_UNKNOWN_PHONE', file: info });
    expect(failures.small_party_3?.message).toContain('phone 99');

    // Run 1 still replays its other receivers; the damaged one is reported with its line.
    const run1 = results.rows.filter((r) => r.case.run === 'small_party_1');
    expect(run1.map((r) => r.case.phone).sort()).toEqual(['05', '07', '09', '11', '13', '16']);
    const broken = results.notEvaluable.find((c) => c.run === 'small_party_1' && c.phone === '01');
    expect(broken?.error).toMatchObject({ code: 'REPLAY_MALFORMED_LINE', line: 14 });
    expect(formatReplayTables(results)).toContain('01_dumpsys.txt:14');
  });

  it('refuses a folder with no scenario or run files', () => {
    expect(() => loadLogFolder(path.join(run(1), '2021_03_12_small_party_1_01'))).toThrow(
      expect.objectContaining({
        code: 'REPLAY_NOT_A_LOG_FOLDER',
        message: expect.stringContaining('pass a folder of scenarios, one scenario folder'),
      }),
    );
  });
});

describe('replay of files that are not phone logs, and of a scenario without any', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cocoa-replay-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(path.join(LOGS, 'SmallParty'), path.join(dir, 'SmallParty'), { recursive: true });
  const phoneLog = (id: string) =>
    path.join(
      dir,
      'SmallParty',
      'small_party_1',
      `2021_03_12_small_party_1_${id}`,
      `${id}_dumpsys.txt`,
    );
  writeFileSync(phoneLog('05'), '');
  writeFileSync(phoneLog('07'), 'not a log\nat all\n');
  // A scenario folder holding only its setup.
  mkdirSync(path.join(dir, 'Empty'));
  cpSync(
    path.join(LOGS, 'SmallParty', 'small_party_setup.json'),
    path.join(dir, 'Empty', 'empty_setup.json'),
  );

  it('reports each unreadable log by file, never as a reduced log without sightings', () => {
    const results = replayLogs(dir);
    const refused = results.notEvaluable.filter((c) => c.error !== undefined);

    expect(refused.map((c) => [c.phone, c.error?.code, c.error?.file])).toEqual([
      ['05', 'REPLAY_NOT_A_PHONE_LOG', phoneLog('05')],
      ['07', 'REPLAY_NOT_A_PHONE_LOG', phoneLog('07')],
    ]);
    const text = formatReplayTables(results);
    const reduced = text.split('\n').find((l) => l.startsWith('No sightings in the log')) ?? '';
    expect(reduced).not.toMatch(/small_party_1 phone 0[57]/);
    expect(text).toContain(
      `- SmallParty/small_party_1 phone 05: REPLAY_NOT_A_PHONE_LOG ${phoneLog('05')}`,
    );
  });

  it('names a scenario that has its setup but no phone logs, and replays the others', () => {
    const results = replayLogs(dir);

    expect(results.failures).toEqual([
      expect.objectContaining({
        scenario: 'Empty',
        run: '*',
        error: expect.objectContaining({ code: 'REPLAY_NO_PHONE_LOGS' }),
      }),
    ]);
    expect(failedRunLabel(results.failures[0]!)).toBe('Empty');
    expect(results.failures[0]?.error.message).toContain('scenario Empty has its setup but no run');
    expect(formatReplayTables(results)).toMatch(/^- Empty: REPLAY_NO_PHONE_LOGS /m);
    expect(results.rows.some((r) => r.case.run === 'small_party_2')).toBe(true);
  });

  it('replays nothing from a folder holding only such a scenario', () => {
    const results = replayLogs(path.join(dir, 'Empty'));

    expect(results.rows).toEqual([]);
    expect(results.notEvaluable).toEqual([]);
    expect(results.failures.map((f) => f.error.code)).toEqual(['REPLAY_NO_PHONE_LOGS']);
  });
});

describe('replay of logs holding values no phone can report', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cocoa-replay-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(path.join(LOGS, 'SmallParty'), path.join(dir, 'SmallParty'), { recursive: true });
  const phoneLog = (n: number, id: string) =>
    path.join(
      dir,
      'SmallParty',
      `small_party_${n}`,
      `2021_03_12_small_party_${n}_${id}`,
      `${id}_dumpsys.txt`,
    );
  const edit = (file: string, from: string, to: string) => {
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(from);
    writeFileSync(file, text.replace(from, to));
  };
  // Run 1, phone 05: an RSSI correction far past a signed byte, at line 8.
  edit(phoneLog(1, '05'), 'rssi_offset = 8', 'rssi_offset = 99999999999999999999');
  // Run 2, phone 07: a scan dated in month 13 on day 45, at line 21.
  edit(phoneLog(2, '07'), '2021-03-12T12:17:25-05 (4s)', '2099-13-45T15:17:37-05 (4s)');
  // A second scenario whose setup gives an iPhone a TX power no radio has.
  cpSync(path.join(LOGS, 'SmallParty'), path.join(dir, 'SmallParty2'), { recursive: true });
  const setup = path.join(dir, 'SmallParty2', 'small_party_setup.json');
  edit(setup, '"tx": 0', '"tx": 999');

  it('refuses each such log with its file and line and still replays everything else', () => {
    const results = replayLogs(dir);
    const refused = results.notEvaluable.filter((c) => c.error !== undefined);

    expect(
      refused.map((c) => [c.run, c.phone, c.error?.code, c.error?.file, c.error?.line]),
    ).toEqual([
      ['small_party_1', '05', 'REPLAY_MALFORMED_LINE', phoneLog(1, '05'), 8],
      ['small_party_2', '07', 'REPLAY_MALFORMED_LINE', phoneLog(2, '07'), 21],
    ]);
    expect(refused[0]?.error?.message).toContain('rssi_offset must be an integer between');
    expect(refused[1]?.error?.message).toContain('impossible scan timestamp');

    const scored = (run: string) =>
      results.rows.filter((r) => r.case.run === run).map((r) => r.case.phone);
    expect(scored('small_party_1')).not.toContain('05');
    expect(scored('small_party_1')).toContain('07');
    expect(scored('small_party_2')).not.toContain('07');
    expect(scored('small_party_2')).toContain('05');
    expect(scored('small_party_3').length).toBeGreaterThan(0);
  });

  it('refuses a setup with an impossible TX power, naming the field, and replays the rest', () => {
    const results = replayLogs(dir);

    expect(results.failures).toEqual([
      expect.objectContaining({
        scenario: 'SmallParty2',
        error: expect.objectContaining({ code: 'REPLAY_MALFORMED_JSON', file: setup }),
      }),
    ]);
    expect(results.failures[0]?.error.message).toMatch(
      /phones\[\d+\]\.tx must be an integer between -127 and 127 dBm/,
    );
    expect(results.rows.every((r) => r.case.scenario === 'SmallParty')).toBe(true);
  });
});
