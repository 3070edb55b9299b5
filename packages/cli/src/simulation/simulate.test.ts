import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_TEST_TIMEOUT_MS, COCOA_BIN, runCocoa } from '../testing/run-cli.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cocoa-cli-simulate-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('cocoa simulate', { timeout: CLI_TEST_TIMEOUT_MS * 2 }, () => {
  it('runs a small town through the real servers and writes the report', async () => {
    const out = path.join(dir, 'small');
    const run = await runCocoa([
      'simulate',
      '--phones',
      '40',
      '--days',
      '2',
      '--seed',
      '7',
      '--out',
      out,
    ]);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Simulated 40 phones .* for 2 days, seed 7/);
    expect(run.stdout).toContain(`report: ${path.join(out, 'report.json')}`);

    const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as {
      parameters: { phones: number; days: number; seed: number };
      days: unknown[];
      requests: Record<string, number>;
    };
    expect(report.parameters).toMatchObject({ phones: 40, days: 2, seed: 7 });
    expect(report.days).toHaveLength(2);
    // Phones really talked to the servers: they fetched the export index.
    expect(report.requests.list ?? 0).toBeGreaterThan(0);
    expect(await readFile(path.join(out, 'report.html'), 'utf8')).toContain('<svg');
  });

  it('stops cleanly on SIGTERM: no report, no temporary files, exit code 130', async () => {
    const out = path.join(dir, 'stopped');
    const temp = await mkdtemp(path.join(dir, 'tmp-'));
    const child = spawn(
      process.execPath,
      [COCOA_BIN, 'simulate', '--phones', '400', '--days', '14', '--out', out],
      { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TMPDIR: temp } },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

    // tsx keeps its cache there too; the servers' folders are the simulation's own.
    const serverFolders = async () =>
      (await readdir(temp)).filter((name) => name.startsWith('cocoa-sim-'));

    // Stop it once its servers are running, not while the command is still loading.
    while ((await serverFolders()).length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill('SIGTERM');

    expect(await exited).toBe(130);
    expect(stderr).toMatch(
      /error INTERRUPTED: simulation stopped at step \d+ of 4032; no report was written/,
    );
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(await serverFolders()).toEqual([]);
    expect(await readdir(out).catch(() => [] as string[])).toEqual([]);
  });

  it.each([
    ['a missing configuration file', ['--config', '/no/such/config.json'], 1, /FILE_NOT_FOUND/],
    ['too few phones', ['--phones', '1'], 2, /expected a whole number from 2/],
    ['too many days', ['--days', '61'], 2, /expected a whole number from 1 to 60/],
  ])('fails clearly for %s', async (_name, args, code, message) => {
    const run = await runCocoa(['simulate', ...args, '--out', path.join(dir, 'bad')]);

    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
