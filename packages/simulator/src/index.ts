/**
 * The simulator: a town of phones running the real device engine against the real servers,
 * and the replay of real Exposure Notification phone logs through our risk pipeline.
 */
export {
  replayLogs,
  failedRunLabel,
  formatReplayTables,
  loadLogFolder,
  ReplayError,
  COCOA_PRODUCTION,
  type FailedRun,
  type ReplayErrorCode,
  type ReplayOptions,
  type ReplayResults,
  type ReplayRow,
  type ScoringConfig,
  type Score,
} from './replay/index.ts';
export { loadScoringConfigFile, ConfigFileError } from './scoring-config-file.ts';
export { createRadioModel, type RadioModel, type LinkContext } from './radio/model.ts';
export { FITTED_RADIO_CONSTANTS } from './radio/fitted-constants.ts';
export type { RadioConstants, Carriage } from './radio/types.ts';
export { runSimulation, SimulationInterruptedError, SIMULATION_START_MS } from './sim/run.ts';
export { removeAbandonedRunFolders } from './sim/run-folder.ts';
export {
  SimulationOptionError,
  type SimulationOptions,
  type SimulationProgress,
} from './sim/options.ts';
export type { SimulationReport, DayReport, Distribution } from './sim/report-types.ts';
export { writeSimulationReport, type WrittenReport } from './report/write.ts';
export { formatSimulationSummary } from './report/summary.ts';
