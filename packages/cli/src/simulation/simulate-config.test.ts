import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDataPath } from '@cocoa/protocol/node';
import type { SimulationReport } from '@cocoa/simulator';
import {
  CLI_TEST_TIMEOUT_MS,
  RAW_SYSTEM_ERROR,
  runCocoa,
  type CliRun,
} from '../testing/run-cli.ts';

// With the default options this town's first registration comes minutes after the start, its
// key is published by the first export and phones that met the person are notified on day 2.
const TOWN = ['--phones', '40', '--days', '2', '--seed', '36'];

// A day has 86,400 seconds, and production weighs a second at most 2.5 (nearest attenuation
// bucket) × 1 (infectiousness) × 1 (report type): a phone that heard all 40 phones of the town
// all day long would score 8.64 million, far below this.
const UNREACHABLE_SCORE_SUM = 1e9;

type JsonObject = Record<string, unknown>;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cocoa-cli-simulate-config-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** COCOA's production `configuration.json` with its risk document, `ScoreSum` set to `min`. */
async function productionConfiguration(name: string, min?: number): Promise<string> {
  const read = async (file: string): Promise<JsonObject> =>
    JSON.parse(await readFile(sharedDataPath('cocoa-config', file), 'utf8')) as JsonObject;
  const configuration = await read('configuration.json');
  const risk = await read('risk_calculation_configuration.json');
  if (min !== undefined) risk.DailySummary_DaySummary_ScoreSum = { op: '>=', value: min };
  const file = path.join(dir, name);
  await writeFile(
    file,
    JSON.stringify({ ...configuration, risk_calculation_configuration: risk }, null, 2),
  );
  return file;
}

async function simulate(
  name: string,
  config?: string,
): Promise<{ run: CliRun; report: SimulationReport }> {
  const out = path.join(dir, name);
  const run = await runCocoa([
    'simulate',
    ...TOWN,
    ...(config === undefined ? [] : ['--config', config]),
    '--out',
    out,
  ]);
  expect(run.stderr).not.toMatch(/cocoa: (unexpected )?error/);
  expect(run.code).toBe(0);
  const report = JSON.parse(
    await readFile(path.join(out, 'report.json'), 'utf8'),
  ) as SimulationReport;
  return { run, report };
}

describe('cocoa simulate --config', { timeout: CLI_TEST_TIMEOUT_MS * 2 }, () => {
  let production: string;
  let unreachable: string;
  let builtIn: Awaited<ReturnType<typeof simulate>>;
  let copied: Awaited<ReturnType<typeof simulate>>;
  let strict: Awaited<ReturnType<typeof simulate>>;

  beforeAll(async () => {
    production = await productionConfiguration('production.json');
    unreachable = await productionConfiguration('unreachable.json', UNREACHABLE_SCORE_SUM);
    builtIn = await simulate('built-in');
    copied = await simulate('production', production);
    strict = await simulate('unreachable', unreachable);
  }, CLI_TEST_TIMEOUT_MS * 3);

  it('names the configuration it used in the report and the summary', () => {
    expect(builtIn.report.parameters.configuration).toBe('COCOA production');
    expect(builtIn.run.stdout).toContain('configuration: COCOA production.');
    for (const { run, report, file } of [
      { ...copied, file: production },
      { ...strict, file: unreachable },
    ]) {
      expect(report.parameters.configuration).toBe(file);
      expect(run.stdout).toContain(`configuration: ${file}.`);
    }
  });

  it("scores a copy of COCOA's production file exactly as the built-in configuration", () => {
    expect(builtIn.report.overall.registrations.succeeded).toBeGreaterThan(0);
    expect(builtIn.report.overall.notifications).toBeGreaterThan(0);
    expect(copied.report.days).toEqual(builtIn.report.days);
    expect(copied.report.overall.notifications).toBe(builtIn.report.overall.notifications);
  });

  it('notifies nobody with a score threshold no day can reach, against the same truth', () => {
    const before = builtIn.report.overall.contactDays;
    expect(strict.report.town).toEqual(builtIn.report.town);
    expect(strict.report.overall.registrations).toEqual(builtIn.report.overall.registrations);
    expect(strict.report.overall.exportFiles).toBe(builtIn.report.overall.exportFiles);
    expect(strict.report.overall.notifications).toBe(0);
    expect(strict.report.overall.contactDays).toEqual({
      truePositives: 0,
      falsePositives: 0,
      falseNegatives: before.truePositives + before.falseNegatives,
      trueNegatives: before.falsePositives + before.trueNegatives,
    });
  });
});

describe('cocoa simulate with an unusable --config', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it.each([
    ['a missing file', 'missing.json', null, 'FILE_NOT_FOUND'],
    [
      'a file that is not JSON',
      'broken.json',
      '{ "google_exposure_config": ',
      'CONFIG_FILE_INVALID',
    ],
    ['JSON without the sections', 'empty.json', '{}', 'CONFIG_FILE_INVALID'],
    ['a folder', 'folder.json', 'folder', 'CONFIG_FILE_INVALID'],
  ])('refuses %s before simulating and writes no report', async (_name, name, content, code) => {
    const file = path.join(dir, 'unusable', name);
    await mkdir(path.dirname(file), { recursive: true });
    if (content === 'folder') await mkdir(file);
    else if (content !== null) await writeFile(file, content);
    const out = path.join(dir, `out-${name}`);

    const run = await runCocoa(['simulate', ...TOWN, '--config', file, '--out', out]);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`cocoa: error ${code}: configuration file ${file}`);
    expect(run.stderr).not.toContain('simulating');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).not.toMatch(RAW_SYSTEM_ERROR);
    expect(await readdir(out).catch(() => [])).toEqual([]);
  });
});
