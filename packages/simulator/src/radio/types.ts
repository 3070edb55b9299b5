/**
 * The fitted radio model's constants: how attenuation grows with distance and how much the
 * body, the way a phone is carried, walls and glass add. Produced by `fit.ts` from measured
 * data and kept in `fitted-constants.ts` so the simulator runs without the data.
 */

/** How a phone is carried; each adds its own loss relative to a phone held in the hand. */
export type Carriage = 'hand' | 'pocket' | 'bag';

/** Every constant of the radio model. */
export interface RadioConstants {
  /** Log-distance slope from the line-of-sight distance sweep. */
  pathLossExponent: number;
  /** Per-reading shadowing (standard deviation of the fit residuals), dB. */
  shadowingSigmaDb: number;
  /** Mean RSSI at 1 m of the sweep's senders (uncalibrated Raspberry Pis), dBm. */
  sweepRssiAt1mDbm: number;
  /** Mean attenuation at 1 m between calibrated phones held in the hand, dB. */
  attenuationAt1mDb: number;
  /** Extra loss per carriage, dB, relative to the hand. */
  carriageLossDb: Record<Carriage, number>;
  /** Body-orientation losses around their mean, dB; one is drawn per contact. */
  bodyLossSamplesDb: number[];
  /** One interior wall between the phones, dB. */
  wallLossDb: number;
  /** A pane of glass between the phones, dB (not measured: a textbook value). */
  glassLossDb: number;
  /** What was fitted from how many rows, so a reader can judge the numbers. */
  provenance: {
    sweepRowsUsed: number;
    sweepRowsDropped: number;
    carriageRows: number;
    anchorReadings: number;
  };
}
