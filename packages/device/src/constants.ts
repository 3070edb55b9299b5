/** Timing and retention constants of the engine (protocol.md §1, §3, §7). */

/** A scan of a few seconds runs about every 5 minutes. */
export const SCAN_INTERVAL_MS = 5 * 60_000;

/** Exposure checks run about every 4 hours (and whenever the app opens). */
export const CHECK_INTERVAL_MS = 4 * 60 * 60_000;

/** Beyond this difference from the server's clock the engine warns and does not score. */
export const CLOCK_SKEW_LIMIT_MS = 2 * 60 * 60_000;

/** Mean time between decoy submissions. */
export const DEFAULT_DECOY_MEAN_INTERVAL_MS = 2 * 24 * 60 * 60_000;

/** Days that keys, sightings and contact days are kept. */
export const RETENTION_DAYS = 14;
