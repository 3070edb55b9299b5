/**
 * Distance to attenuation. A log-distance path-loss model with Gaussian shadowing: the
 * attenuation (TX power minus calibrated RSSI) grows by `10 · exponent` dB per decade of
 * distance. The simulator injects parameters fitted to measured RSSI; the defaults put 1 m in
 * COCOA's "near" bucket (46–60 dB) and 3 m beyond its "medium" bucket (> 65 dB).
 */

/** Maps a distance to one attenuation sample in dB. */
export interface PathLossModel {
  /** One sample for a reading at `distanceM`; `random` yields uniform numbers in [0, 1). */
  attenuationDb(distanceM: number, random: () => number): number;
}

/** Parameters of `logDistancePathLoss`. */
export interface LogDistanceParameters {
  /** Mean attenuation at 1 m, dB. */
  attenuationAt1mDb: number;
  /** Path-loss exponent (2 in free space, about 2–4 indoors and near bodies). */
  exponent: number;
  /** Standard deviation of per-reading shadowing, dB; 0 makes readings exact. */
  sigmaDb: number;
}

/** Defaults used when no fitted model is injected. */
export const DEFAULT_LOG_DISTANCE: LogDistanceParameters = {
  attenuationAt1mDb: 54,
  exponent: 3,
  sigmaDb: 2,
};

// Closer than this the far-field formula stops making sense; it is clamped there.
const MIN_DISTANCE_M = 0.1;

/** A log-distance model; missing parameters take the defaults above. */
export function logDistancePathLoss(
  parameters: Partial<LogDistanceParameters> = {},
): PathLossModel {
  const p = { ...DEFAULT_LOG_DISTANCE, ...parameters };
  if (!(p.exponent > 0) || !(p.sigmaDb >= 0) || !Number.isFinite(p.attenuationAt1mDb)) {
    throw new RangeError('logDistancePathLoss: expected exponent > 0, sigmaDb >= 0, finite A1m');
  }
  return {
    attenuationDb(distanceM, random) {
      const d = Math.max(MIN_DISTANCE_M, distanceM);
      const mean = p.attenuationAt1mDb + 10 * p.exponent * Math.log10(d);
      return p.sigmaDb === 0 ? mean : mean + p.sigmaDb * standardNormal(random);
    },
  };
}

/** A standard normal sample from two uniform ones (Box–Muller). */
export function standardNormal(random: () => number): number {
  const u = Math.max(Number.MIN_VALUE, random());
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A small seeded generator (mulberry32) so simulations and tests are reproducible. */
export function seededRandom(seed: number): () => number {
  const generator = reseedableRandom();
  generator.seed(seed);
  return generator.random;
}

/**
 * The same generator with its seed settable at any time, for hot loops that need a short
 * burst of draws about each of many things without making a generator for each.
 */
export function reseedableRandom(): { random: () => number; seed(value: number): void } {
  let state = 0;
  return {
    random() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    seed(value) {
      state = value >>> 0;
    },
  };
}
