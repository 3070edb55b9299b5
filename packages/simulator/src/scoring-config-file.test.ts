import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedDataPath } from '@cocoa/protocol/node';
import { ConfigFileError, loadScoringConfigFile } from './scoring-config-file.ts';

describe('loadScoringConfigFile', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cocoa-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads COCOA's production document with the production contact-day rule", () => {
    const config = loadScoringConfigFile(sharedDataPath('cocoa-config', 'configuration.json'));
    expect(config.summaries.attenuationBucketThresholdDb).toEqual([46, 60, 65]);
    expect(config.summaries.attenuationBucketWeights).toEqual([1, 2.5, 1.3, 0.01]);
    expect(config.rule).toEqual({ minScoreSum: 1350, minTotalSeconds: 900 });
  });

  it('takes an embedded risk-calculation document as the contact-day rule', () => {
    const file = path.join(dir, 'strict.json');
    const base = loadScoringConfigFile(sharedDataPath('cocoa-config', 'configuration.json'));
    const risk = {
      format_version: 1,
      DailySummary_DaySummary_ScoreSum: { op: '>=', value: 2000 },
      DailySummary_DaySummary_WeightedDurationAverage: { op: 'NOP', value: 0 },
      ExposureWindow_ScanInstance_SecondsSinceLastScanSum: { op: 'NOP', value: 0 },
      ExposureWindow_ScanInstance_TypicalAttenuationDb_Max: { op: 'NOP', value: 0 },
      ExposureWindow_ScanInstance_TypicalAttenuationDb_Min: { op: 'NOP', value: 0 },
    };
    writeFileSync(
      file,
      JSON.stringify({ ...(base.exposureJson as object), risk_calculation_configuration: risk }),
    );
    expect(loadScoringConfigFile(file).rule).toEqual({ minScoreSum: 2000, minTotalSeconds: null });
  });

  it.each([
    ['missing', 'nope.json', null],
    ['not JSON', 'broken.json', '{'],
    ['missing sections', 'empty.json', '{}'],
  ])('refuses a %s file with a typed error naming it', (_what, name, content) => {
    const file = path.join(dir, name);
    if (content !== null) writeFileSync(file, content);
    expect(() => loadScoringConfigFile(file)).toThrow(ConfigFileError);
    expect(() => loadScoringConfigFile(file)).toThrow(name);
  });
});
