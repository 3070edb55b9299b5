export type { ExposureWindow, ScanInstance, Sighting } from './types.ts';
export * from './matcher.ts';
export {
  DEFAULT_SECONDS_SINCE_LAST_SCAN,
  DRIFT_INTERVALS,
  MAX_SECONDS_SINCE_LAST_SCAN,
  SCAN_GAP_MS,
} from './sighting-index.ts';
export { MAX_WINDOW_MS } from './windows.ts';
