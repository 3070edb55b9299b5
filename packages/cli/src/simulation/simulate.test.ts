import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulationReport } from '@cocoa/simulator';
import { CLI_TEST_TIMEOUT_MS, COCOA_BIN, runCocoa } from '../testing/run-cli.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cocoa-cli-simulate-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('cocoa simulate', { timeout: CLI_TEST_TIMEOUT_MS * 2 }, () => {
  it('runs a town of 200 phones for a week through the real servers and reports notifications', async () => {
    // In a town this small a week holds only a few registrations, and under some seeds none
    // yet; under seed 4 the first registers on the seventh day. The seed fixes the whole run.
    const out = path.join(dir, 'small');
    const run = await runCocoa([
      'simulate',
      '--phones',
      '200',
      '--days',
      '7',
      '--seed',
      '4',
      '--out',
      out,
    ]);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Simulated 200 phones .* for 7 days, seed 4/);
    expect(run.stdout).toContain(`report: ${path.join(out, 'report.json')}`);

    const report = JSON.parse(
      await readFile(path.join(out, 'report.json'), 'utf8'),
    ) as SimulationReport;
    const o = report.overall;
    expect(report.parameters).toMatchObject({
      phones: 200,
      days: 7,
      seed: 4,
      configuration: 'COCOA production',
    });
    expect(report.days).toHaveLength(7);

    // A positive person got a number through the console, registered, and the server verified it.
    expect(o.numbersIssued).toBeGreaterThan(0);
    expect(o.registrations.succeeded).toBeGreaterThan(0);
    expect(report.requests.verification).toBe(o.registrations.succeeded);
    // Their keys were published and every phone with the app downloaded the files.
    expect(o.keysPublished).toBeGreaterThanOrEqual(o.keysSubmitted);
    expect(o.exportFiles).toBeGreaterThan(0);
    expect(o.exportBytesPerPhone.count).toBe(report.town.appUsers);
    expect(o.exportBytesPerPhone.mean).toBeGreaterThan(0);
    // Phones that met them were notified, and most real close contacts were found.
    expect(o.notifications).toBeGreaterThan(0);
    expect(o.contactDays.truePositives).toBeGreaterThan(0);
    expect(o.recall).toBeGreaterThan(0.5);
    expect(o.notificationDelayHours.count).toBeGreaterThan(0);
    // Every app user is counted once on every day, against the ground truth.
    for (const day of report.days) {
      const c = day.contactDays;
      const counted = c.truePositives + c.falsePositives + c.falseNegatives + c.trueNegatives;
      expect(counted).toBe(report.town.appUsers);
    }
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

  it('clears the temporary folder of a run that was killed outright when the next one starts', async () => {
    const temp = await mkdtemp(path.join(dir, 'tmp-'));
    const env = { ...process.env, TMPDIR: temp };
    const serverFolders = async () =>
      (await readdir(temp)).filter((name) => name.startsWith('cocoa-sim-'));
    const child = spawn(
      process.execPath,
      [COCOA_BIN, 'simulate', '--phones', '400', '--out', path.join(dir, 'killed')],
      { stdio: 'ignore', env },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    while ((await serverFolders()).length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // SIGKILL cannot be caught: the run has no chance to remove its folder.
    child.kill('SIGKILL');
    await exited;
    const left = await serverFolders();
    expect(left).toHaveLength(1);

    const next = await runCocoa(
      ['simulate', '--phones', '2', '--days', '1', '--out', path.join(dir, 'next')],
      { env },
    );

    expect(next.code).toBe(0);
    expect(next.stderr).toContain(
      `cocoa: removed ${path.join(temp, left[0]!)}, left by a simulation that was killed`,
    );
    expect(await serverFolders()).toEqual([]);
  });

  it.each([
    ['a missing configuration file', ['--config', '/no/such/config.json'], 1, /FILE_NOT_FOUND/],
    ['too few phones', ['--phones', '1'], 2, /expected a whole number from 2/],
    ['too many days', ['--days', '61'], 2, /expected a whole number from 1 to 60/],
    ['more phones than it can hold', ['--phones', '100001'], 2, /from 2 to 100000/],
  ])('fails clearly for %s', async (_name, args, code, message) => {
    const run = await runCocoa(['simulate', ...args, '--out', path.join(dir, 'bad')]);

    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    // An empty folder name is a usage mistake; a folder that cannot be used is a failure.
    ['an empty --out', () => '', 2, /error OUT_EMPTY: --out is empty.*--help/],
    [
      'a file as --out',
      () => path.join(dir, 'a-file'),
      1,
      /error NOT_A_DIRECTORY: .*a-file is a file.*; choose another --out folder/,
    ],
    [
      'a folder that cannot be made',
      () => '/proc/cocoa-report',
      1,
      /error DIRECTORY_NOT_CREATED: .*; choose another --out folder/,
    ],
  ])('refuses %s before it simulates anything', async (_name, out, code, message) => {
    await writeFile(path.join(dir, 'a-file'), 'not a folder');

    const run = await runCocoa(['simulate', '--phones', '2', '--days', '1', '--out', out()]);

    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toContain('simulating');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
