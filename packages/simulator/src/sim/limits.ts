/**
 * The town sizes and lengths a run accepts. 100,000 phones is the largest town measured on the
 * reference 2-core machine; larger towns ran out of memory there. Kept apart from the rest of
 * the simulator so the command line can show them without loading it.
 */
export const SIMULATION_LIMITS = {
  phones: { min: 2, max: 100_000 },
  days: { min: 1, max: 60 },
} as const;
