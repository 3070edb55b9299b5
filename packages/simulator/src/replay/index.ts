/** Replay of real Exposure Notification phone logs through our risk pipeline. */
export { failedRunLabel, type FailedRun } from './cases.ts';
export { replayLogs, type ReplayOptions, type ReplayResults, type ReplayRow } from './replay.ts';
export { formatReplayTables } from './tables.ts';
export { ReplayError, type ReplayErrorCode } from './errors.ts';
export { loadLogFolder } from './loader.ts';
export { COCOA_PRODUCTION, type ScoringConfig, type Score } from './scoring.ts';
