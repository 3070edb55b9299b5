import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDataPath } from '@cocoa/protocol/node';
import { CLI_TEST_TIMEOUT_MS, RAW_SYSTEM_ERROR, runCocoa } from './testing/run-cli.ts';

const COCOA_CONFIG = sharedDataPath('cocoa-config', 'configuration.json');

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cocoa-cli-config-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('cocoa replay with an unusable --config', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it.each([
    ['a missing file', 'missing.json', null, 'FILE_NOT_FOUND', /does not exist; check the path/],
    [
      'a file that is not JSON',
      'broken.json',
      '{ "google_exposure_config": ',
      'CONFIG_FILE_INVALID',
      /broken\.json: /,
    ],
    ['JSON without the sections', 'empty.json', '{}', 'CONFIG_FILE_INVALID', /empty\.json: /],
    ['a folder', 'folder.json', 'folder', 'CONFIG_FILE_INVALID', /is a directory/],
  ])(
    'refuses %s in one line, as simulate does, before replaying',
    async (_name, name, content, code, message) => {
      const file = path.join(dir, name);
      if (content === 'folder') await mkdir(file);
      else if (content !== null) await writeFile(file, content);
      const out = path.join(dir, `tables-${name}.md`);

      const run = await runCocoa(['replay', '--config', file, '--out', out]);

      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(
        new RegExp(`^cocoa: error ${code}: configuration file ${file}[^\\n]+\\n$`),
      );
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(RAW_SYSTEM_ERROR);
      expect(run.stderr).not.toContain('replaying');
    },
  );

  it('refuses a device instead of reading it without end', async () => {
    const run = await runCocoa(['replay', '--config', '/dev/zero']);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^cocoa: error CONFIG_FILE_INVALID: configuration file \/dev\/zero is not a regular file; /,
    );
    expect(run.stderr).not.toContain('replaying');
  });

  it('refuses a file far larger than any configuration before reading it', async () => {
    const huge = path.join(dir, 'huge.json');
    // Sparse: the size is there, the bytes are not.
    await writeFile(huge, '');
    await truncate(huge, 2 ** 31);

    const run = await runCocoa(['simulate', '--config', huge, '--phones', '2', '--days', '1']);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^cocoa: error CONFIG_FILE_INVALID: [^\n]+ larger than 1 MiB/);
    expect(run.stderr).not.toContain('simulating');
  });

  it("replays with COCOA's own configuration file", async () => {
    const run = await runCocoa(['replay', '--config', COCOA_CONFIG]);

    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(COCOA_CONFIG);
  });
});
