/**
 * The simulator's radio model: attenuation between two phones from their distance, how each
 * is carried, the body orientation between them, and walls or glass in the way, with
 * per-reading shadowing. Returns attenuation (what EN scores), as the device engine expects.
 */
import { standardNormal } from '@cocoa/device';
import { FITTED_RADIO_CONSTANTS } from './fitted-constants.ts';
import type { Carriage, RadioConstants } from './types.ts';

/** What stands between two phones during one contact. */
export interface LinkContext {
  senderCarriage: Carriage;
  receiverCarriage: Carriage;
  /** Body-orientation loss of this contact, dB (draw it once per contact with `drawBodyLoss`). */
  bodyLossDb: number;
  walls: number;
  glassPanes: number;
}

/** The fitted model with its constants bound. */
export interface RadioModel {
  readonly constants: RadioConstants;
  /** Mean attenuation (no shadowing) for a distance and context, dB. */
  meanAttenuationDb(distanceM: number, link: LinkContext): number;
  /** One reading's attenuation, with shadowing, dB. */
  sampleAttenuationDb(distanceM: number, link: LinkContext, random: () => number): number;
  /** One reading's attenuation around a mean from `meanAttenuationDb`, with shadowing, dB. */
  sampleAroundDb(meanDb: number, random: () => number): number;
  /** One body-orientation loss drawn from the measured angles. */
  drawBodyLoss(random: () => number): number;
}

// Closer than this the far-field formula stops making sense.
const MIN_DISTANCE_M = 0.1;

/** Binds a set of radio constants (the fitted ones by default). */
export function createRadioModel(constants: RadioConstants = FITTED_RADIO_CONSTANTS): RadioModel {
  const meanAttenuationDb = (distanceM: number, link: LinkContext): number =>
    constants.attenuationAt1mDb +
    10 * constants.pathLossExponent * Math.log10(Math.max(MIN_DISTANCE_M, distanceM)) +
    constants.carriageLossDb[link.senderCarriage] +
    constants.carriageLossDb[link.receiverCarriage] +
    link.bodyLossDb +
    link.walls * constants.wallLossDb +
    link.glassPanes * constants.glassLossDb;

  return {
    constants,
    meanAttenuationDb,
    sampleAttenuationDb(distanceM, link, random) {
      return this.sampleAroundDb(meanAttenuationDb(distanceM, link), random);
    },
    sampleAroundDb(meanDb, random) {
      return Math.max(0, meanDb + constants.shadowingSigmaDb * standardNormal(random));
    },
    drawBodyLoss(random) {
      const samples = constants.bodyLossSamplesDb;
      return samples[Math.floor(random() * samples.length)] ?? 0;
    },
  };
}
