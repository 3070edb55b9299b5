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

    expect(run.code).toBe(0);
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
});
