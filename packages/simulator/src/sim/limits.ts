/**
 * The town sizes and lengths a run accepts, and what it runs when not told. 100,000 phones is
 * the largest town measured on the reference 2-core machine; larger towns ran out of memory
 * there. Kept apart from the rest of the simulator so the command line can show them without
 * loading it.
 */

/** Town size, length and seed of a run that sets none: the default run of the documentation. */
export const SIMULATION_DEFAULTS = { phones: 1_000, days: 14, seed: 1 } as const;

/**
 * Smallest and largest town, run length and seed accepted. Every random draw hashes the seed
 * as a 32-bit number, so larger seeds are refused rather than silently repeating smaller ones.
 */
export const SIMULATION_LIMITS = {
  phones: { min: 2, max: 100_000 },
  days: { min: 1, max: 60 },
  seed: { min: 0, max: 4_294_967_295 },
} as const;
