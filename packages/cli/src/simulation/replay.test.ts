import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDataPath } from '@cocoa/protocol/node';
import { CLI_TEST_TIMEOUT_MS, runCocoa } from '../testing/run-cli.ts';

const LOGS = sharedDataPath('en-logs', 'mitll-ua');

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cocoa-cli-replay-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('cocoa replay', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('prints the tables for every scenario of the real logs and writes them with --out', async () => {
    const out = path.join(dir, 'tables.md');
    const run = await runCocoa(['replay', '--out', out]);

    expect(run.code).toBe(0);
    for (const scenario of ['ActiveLearningSpace', 'BusQueue', 'MBTA_Bus', 'SmallParty']) {
      expect(run.stdout).toContain(`${scenario}/`);
    }
    expect(run.stdout).toMatch(/\| phone \| agent \|/);
    expect(run.stdout).toMatch(/\| \d+ \| [A-Z] \| \w+ \| [\d.]+ \| \d+ \| (yes|no) \|/);
    expect(await readFile(out, 'utf8')).toBe(`${run.stdout.trimEnd()}\n`);
  });

  it('names the broken file and still scores the other runs', async () => {
    const scenario = path.join(dir, 'logs', 'SmallParty');
    await cp(path.join(LOGS, 'SmallParty'), scenario, { recursive: true });
    const broken = path.join(scenario, 'small_party_1', 'small_party_1_info.json');
    await writeFile(broken, '{ "this is": not json');

    const run = await runCocoa(['replay', path.join(dir, 'logs')]);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^cocoa: SmallParty\/small_party_1: \w+ .*small_party_1_info\.json/m,
    );
    expect(run.stderr).toMatch(
      /^cocoa: error REPLAY_INCOMPLETE: 1 log\(s\) above could not be read/m,
    );
    expect(run.stdout).toContain('small_party_1_info.json');
    expect(run.stdout).toContain('SmallParty/small_party_2');
    expect(run.stdout).toContain('SmallParty/small_party_3');
  });

  it.each([
    ['a folder that does not exist', () => path.join(dir, 'nope'), 'FILE_NOT_FOUND'],
    ['a file instead of a folder', () => path.join(LOGS, 'LICENSE.md'), 'NOT_A_DIRECTORY'],
  ])('fails clearly for %s', async (_name, folder, code) => {
    const run = await runCocoa(['replay', folder()]);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^cocoa: error ${code}: `, 'm'));
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('says where the default logs were looked for when the reference data is missing', async () => {
    const missing = path.join(dir, 'no-shared-data');
    const run = await runCocoa(['replay'], { env: { COCOA_SHARED_DATA: missing } });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `cocoa: error SHARED_DATA_NOT_FOUND: shared reference data not found at ${missing}; ` +
        'set COCOA_SHARED_DATA, or name the folder of scenarios: cocoa replay FOLDER',
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('names a phone whose log has a malformed line, on the error stream, and scores the rest', async () => {
    const scenario = path.join(dir, 'malformed', 'SmallParty');
    await cp(path.join(LOGS, 'SmallParty'), scenario, { recursive: true });
    const log = path.join(
      scenario,
      'small_party_2',
      '2021_03_12_small_party_2_05',
      '05_dumpsys.txt',
    );
    const lines = (await readFile(log, 'utf8')).split('\n');
    const scan = lines.findIndex((l) => l.includes('rssi=['));
    lines[scan] = lines[scan]!.replace('rssi=[', 'rssi=(');
    await writeFile(log, lines.join('\n'));

    const run = await runCocoa(['replay', path.join(dir, 'malformed')]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `cocoa: SmallParty/small_party_2 phone 05: REPLAY_MALFORMED_LINE ${log}:${scan + 1}`,
    );
    expect(run.stderr).toMatch(/error REPLAY_INCOMPLETE: 1 log\(s\) above could not be read/);
    expect(run.stdout).toContain('SmallParty/small_party_3');
  });

  it('refuses values no phone can report, naming file and line, and scores the rest', async () => {
    const scenario = path.join(dir, 'impossible', 'SmallParty');
    await cp(path.join(LOGS, 'SmallParty'), scenario, { recursive: true });
    const phoneLog = (run: number, id: string) =>
      path.join(
        scenario,
        `small_party_${run}`,
        `2021_03_12_small_party_${run}_${id}`,
        `${id}_dumpsys.txt`,
      );
    const offsetLog = phoneLog(1, '05');
    const offsetText = await readFile(offsetLog, 'utf8');
    await writeFile(
      offsetLog,
      offsetText.replace('rssi_offset = 8', 'rssi_offset = 99999999999999999999'),
    );
    const dateLog = phoneLog(2, '07');
    const dateLines = (await readFile(dateLog, 'utf8')).split('\n');
    const scan = dateLines.findIndex((l) => l.includes('rssi=['));
    dateLines[scan] = dateLines[scan]!.replace(/\S+T\S+/, '2099-13-45T15:17:37-05');
    await writeFile(dateLog, dateLines.join('\n'));

    const run = await runCocoa(['replay', path.join(dir, 'impossible')]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `cocoa: SmallParty/small_party_1 phone 05: REPLAY_MALFORMED_LINE ${offsetLog}:8: ` +
        'rssi_offset must be an integer between -127 and 127 dB',
    );
    expect(run.stderr).toContain(
      `cocoa: SmallParty/small_party_2 phone 07: REPLAY_MALFORMED_LINE ${dateLog}:${scan + 1}: ` +
        'unreadable or impossible scan timestamp',
    );
    expect(run.stderr).toMatch(/error REPLAY_INCOMPLETE: 2 log\(s\) above could not be read/);
    expect(run.stdout).toContain('SmallParty/small_party_3');
  });

  it('names an empty phone log as unreadable and still scores the rest', async () => {
    const root = path.join(dir, 'not-logs');
    await cp(path.join(LOGS, 'SmallParty'), path.join(root, 'SmallParty'), { recursive: true });
    const phoneDir = path.join(root, 'SmallParty', 'small_party_3', '2021_03_12_small_party_3_05');
    const empty = path.join(phoneDir, '05_dumpsys.txt');
    await writeFile(empty, '');

    const run = await runCocoa(['replay', root]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `cocoa: SmallParty/small_party_3 phone 05: REPLAY_NOT_A_PHONE_LOG ${empty}: the file is empty`,
    );
    expect(run.stderr).toMatch(/error REPLAY_INCOMPLETE: 1 log\(s\) above could not be read/);
    expect(run.stdout).not.toMatch(/No sightings in the log[^\n]*small_party_3 phone 05/);
    expect(run.stdout).toContain('SmallParty/small_party_2');
  });

  it('names a missing phone log where it belongs: in the phone folder of its run', async () => {
    const root = path.join(dir, 'missing');
    await cp(path.join(LOGS, 'SmallParty'), path.join(root, 'SmallParty'), { recursive: true });
    const log = path.join(
      root,
      'SmallParty',
      'small_party_1',
      '2021_03_12_small_party_1_13',
      '13_dumpsys.txt',
    );
    await rm(log);

    const run = await runCocoa(['replay', root]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `cocoa: SmallParty/small_party_1 phone 13: REPLAY_FILE_MISSING ${log}: no log for phone 13`,
    );
  });

  it('prints no tables for a scenario that has its setup but no phone logs', async () => {
    const scenario = path.join(dir, 'setup-only', 'Lonely');
    await mkdir(scenario, { recursive: true });
    await cp(
      path.join(LOGS, 'SmallParty', 'small_party_setup.json'),
      path.join(scenario, 'lonely_setup.json'),
    );

    const run = await runCocoa(['replay', path.dirname(scenario)]);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^cocoa: Lonely: REPLAY_NO_PHONE_LOGS .*scenario Lonely has its setup but no run/m,
    );
    expect(run.stderr).toMatch(/^cocoa: error REPLAY_NOTHING_REPLAYED: no phone log in /m);
  });

  it.each([
    ['an empty --out', () => '', 2, /^cocoa: error OUT_EMPTY: --out is empty; /],
    ['a directory as --out', () => dir, 1, /^cocoa: error NOT_A_FILE: --out .* is a directory; /],
    [
      'an --out nobody may write',
      () => '/proc/tables.md',
      1,
      /^cocoa: error FILE_NOT_ACCESSIBLE: cannot write output directory \/proc: /,
    ],
  ])('refuses %s before it replays anything', async (_name, out, code, message) => {
    const run = await runCocoa(['replay', path.join(LOGS, 'SmallParty'), '--out', out()]);

    expect(run.code).toBe(code);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toContain('replaying the phone logs');
  });

  it('refuses an empty log folder instead of replaying the working directory', async () => {
    const run = await runCocoa(['replay', '']);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^cocoa: error DIR_EMPTY: the log folder is empty; [^\n]+--help\)\n$/,
    );
    expect(run.stderr).not.toContain('replaying the phone logs');
  });

  it('explains in its help where the default logs come from and what exit code 1 means', async () => {
    const run = await runCocoa(['replay', '--help']);

    expect(run.stdout).toContain('COCOA_SHARED_DATA');
    expect(run.stdout).toMatch(/1 some logs could not be read/);
  });
});
