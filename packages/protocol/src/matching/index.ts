export type { ExposureWindow, ScanInstance, Sighting } from './types.ts';
export {
  createMatcher,
  PLAUSIBLE_TX_POWER_DBM,
  type Matcher,
  type MatcherOptions,
  type MatcherStats,
} from './matcher.ts';
export { KeyTable } from './key-table.ts';
export { isPackedSightings, packSightings, type PackedSightings } from './packed.ts';
export {
  DEFAULT_SECONDS_SINCE_LAST_SCAN,
  DRIFT_INTERVALS,
  MAX_SECONDS_SINCE_LAST_SCAN,
  SCAN_GAP_MS,
} from './sighting-index.ts';
export { MAX_WINDOW_MS } from './windows.ts';
