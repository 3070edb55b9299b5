/**
 * Fits every radio constant from the shared measured data: path-loss slope and shadowing from
 * the distance sweep, carriage/body/wall losses from the static captures, the 1 m level from
 * the phone logs. `generate-constants.ts` writes the result to `fitted-constants.ts`.
 */
import { fitAttenuationAnchor } from './fit-anchor.ts';
import { fitBodyLosses } from './fit-body.ts';
import { fitLogDistance, readDistanceSweep } from './fit-path-loss.ts';
import type { RadioConstants } from './types.ts';

/** Where the three data sets live. */
export interface RadioDataPaths {
  distanceSweepDir: string;
  staticCapturesDir: string;
  phoneLogsDir: string;
}

// Ordinary float glass at 2.4 GHz; no measured data set covers glass, so this is not fitted.
const GLASS_LOSS_DB = 2;

/** Fits the model; deterministic for the same input files. */
export function fitRadioConstants(paths: RadioDataPaths): RadioConstants {
  const sweep = readDistanceSweep(paths.distanceSweepDir);
  const pathLoss = fitLogDistance(sweep.readings);
  const body = fitBodyLosses(paths.staticCapturesDir);
  const anchor = fitAttenuationAnchor(paths.phoneLogsDir, pathLoss.exponent, body.carriageLossDb);

  return {
    pathLossExponent: round2(pathLoss.exponent),
    shadowingSigmaDb: round2(pathLoss.sigmaDb),
    sweepRssiAt1mDbm: round2(pathLoss.rssiAt1mDbm),
    attenuationAt1mDb: round2(anchor.attenuationAt1mDb),
    carriageLossDb: body.carriageLossDb,
    bodyLossSamplesDb: body.bodyLossSamplesDb,
    wallLossDb: body.wallLossDb,
    glassLossDb: GLASS_LOSS_DB,
    provenance: {
      sweepRowsUsed: pathLoss.rowsUsed,
      sweepRowsDropped: sweep.dropped,
      carriageRows: body.rows,
      anchorReadings: anchor.readings,
    },
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
