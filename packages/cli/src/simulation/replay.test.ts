import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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
});
