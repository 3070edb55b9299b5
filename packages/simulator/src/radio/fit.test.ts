import { describe, expect, it } from 'vitest';
import { seededRandom } from '@cocoa/device';
import { radioDataPaths } from './data-paths.ts';
import { fitRadioConstants } from './fit.ts';
import { FITTED_RADIO_CONSTANTS } from './fitted-constants.ts';
import { fitLogDistance } from './fit-path-loss.ts';
import { createRadioModel, type LinkContext } from './model.ts';

const handToHand: LinkContext = {
  senderCarriage: 'hand',
  receiverCarriage: 'hand',
  bodyLossDb: 0,
  walls: 0,
  glassPanes: 0,
};

describe('radio model fit', () => {
  it('re-fitting the shared data reproduces the committed constants', () => {
    expect(fitRadioConstants(radioDataPaths())).toEqual(FITTED_RADIO_CONSTANTS);
  });

  it('drops the nonsense RSSI rows and keeps a line-of-sight slope near free space', () => {
    const c = FITTED_RADIO_CONSTANTS;
    expect(c.provenance.sweepRowsDropped).toBeGreaterThan(0);
    expect(c.provenance.sweepRowsUsed).toBeGreaterThan(10_000);
    expect(c.pathLossExponent).toBeGreaterThan(1.5);
    expect(c.pathLossExponent).toBeLessThan(4);
    expect(c.shadowingSigmaDb).toBeGreaterThan(2);
  });

  it('recovers known parameters from synthetic readings', () => {
    const random = seededRandom(7);
    const readings = [0.5, 1, 2, 4].flatMap((d) =>
      Array.from({ length: 500 }, () => ({
        distanceM: d,
        rssi: -50 - 25 * Math.log10(d) + 3 * (random() - 0.5),
      })),
    );
    const fit = fitLogDistance(readings);
    expect(fit.exponent).toBeCloseTo(2.5, 1);
    expect(fit.rssiAt1mDbm).toBeCloseTo(-50, 0);
  });
});

describe('radio model', () => {
  const model = createRadioModel();

  it('grows with distance and with every wall or pane in the way', () => {
    const near = model.meanAttenuationDb(1, handToHand);
    expect(near).toBeCloseTo(FITTED_RADIO_CONSTANTS.attenuationAt1mDb, 5);
    expect(model.meanAttenuationDb(3, handToHand)).toBeGreaterThan(near);
    expect(model.meanAttenuationDb(1, { ...handToHand, walls: 1 })).toBeCloseTo(
      near + FITTED_RADIO_CONSTANTS.wallLossDb,
      5,
    );
    expect(model.meanAttenuationDb(1, { ...handToHand, glassPanes: 1 })).toBeGreaterThan(near);
  });

  it('scatters readings around the mean with the fitted shadowing', () => {
    const random = seededRandom(3);
    const samples = Array.from({ length: 4000 }, () =>
      model.sampleAttenuationDb(2, handToHand, random),
    );
    const mean = samples.reduce((s, x) => s + x, 0) / samples.length;
    const sd = Math.sqrt(samples.reduce((s, x) => s + (x - mean) ** 2, 0) / samples.length);
    expect(mean).toBeCloseTo(model.meanAttenuationDb(2, handToHand), 0);
    expect(sd).toBeGreaterThan(FITTED_RADIO_CONSTANTS.shadowingSigmaDb * 0.9);
    expect(sd).toBeLessThan(FITTED_RADIO_CONSTANTS.shadowingSigmaDb * 1.1);
  });
});
