/**
 * Radio constants fitted by `fit.ts` to the shared measured data; written by
 * `generate-constants.ts`, checked by `fit.test.ts`. Do not edit by hand.
 */
import type { RadioConstants } from './types.ts';

/** The fitted radio model the simulator uses by default. */
export const FITTED_RADIO_CONSTANTS: RadioConstants = {
  pathLossExponent: 2.17,
  shadowingSigmaDb: 8.08,
  sweepRssiAt1mDbm: -47.88,
  attenuationAt1mDb: 54.86,
  carriageLossDb: {
    hand: 0,
    pocket: -3.5,
    bag: -1.9,
  },
  bodyLossSamplesDb: [
    -8.3, -6.8, 7.9, 8.3, -0.3, 17.2, -9.1, -3.7, 1.7, 8.2, -7.1, 6.3, 0.7, 7.2, 3.9, -0.7, -2.3,
    8.2, -7.1, 9.3, 15.7, 6.2, -10.1, 8.3, 11.7, 4.2, -7.1, 4.3, -8.3, -11.8, -6.1, -7.7, -7.3,
    -14.8, 10.9, -9.7, -6.3, -14.8, 6.9, -7.7, 2.7, -2.8, 16.9, -6.7,
  ],
  wallLossDb: 2.7,
  glassLossDb: 2,
  provenance: {
    sweepRowsUsed: 17421,
    sweepRowsDropped: 175,
    carriageRows: 53330,
    anchorReadings: 540,
  },
};
