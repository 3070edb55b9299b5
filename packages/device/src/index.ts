/**
 * The device engine: what the Exposure Notification framework does inside a phone (daily keys,
 * rolling identifiers, encrypted sightings, exposure checks, positive registration), runnable
 * in browsers and in Node. Node-only storage lives in `@cocoa/device/node`.
 */
export type {
  DeviceCalibration,
  DeviceServerConfig,
  VerificationKey,
  ContactNotification,
  DeviceOptions,
  CannotCheckReason,
  DeviceState,
  DeviceStatus,
  StorageProblem,
  ContactDay,
  RegistrationInput,
  RegistrationResult,
  RegistrationProgress,
  ExposureCheckResult,
  DeviceEngine,
} from './types.ts';
export { createDevice } from './engine.ts';
export type { KeyTableSource } from './exposure-check.ts';
export {
  CHECK_INTERVAL_MS,
  SCAN_INTERVAL_MS,
  CLOCK_SKEW_LIMIT_MS,
  DEFAULT_DECOY_MEAN_INTERVAL_MS,
} from './constants.ts';

export {
  systemClock,
  createManualClock,
  type Clock,
  type ManualClock,
  type TimerHandle,
} from './clock.ts';

export type { Radio, RadioReading } from './radio/radio.ts';
export {
  createSimulatedMedium,
  type SimulatedMedium,
  type SimulatedMediumOptions,
  type SimulatedRadio,
  type AttachOptions,
  type Position,
} from './radio/simulated.ts';
export {
  createNearbyChannelRadio,
  NEARBY_CHANNEL_NAME,
  type NearbyChannelOptions,
  type NearbyChannelRadio,
} from './radio/nearby-channel.ts';
export {
  logDistancePathLoss,
  DEFAULT_LOG_DISTANCE,
  seededRandom,
  reseedableRandom,
  standardNormal,
  type PathLossModel,
  type LogDistanceParameters,
} from './radio/path-loss.ts';

export { DeviceStorageError, type DeviceStorage, type KeyVault } from './storage/storage.ts';
export { memoryStorage, memoryKeyVault, type MemoryStorage } from './storage/memory.ts';
export { indexedDbStorage, indexedDbKeyVault } from './storage/indexeddb.ts';

export type { SignatureVerifier } from './verify/verifier.ts';
export { webCryptoVerifier, derToRawSignature, pemToDer } from './verify/webcrypto.ts';

export { localDateRange, utcDateString, type LocalDateRange } from './local-dates.ts';
