/**
 * Test phones: engines on one manual clock and one simulated medium, with calibration taken
 * from the real per-model table, talking to the fake backend.
 */
import { readFileSync } from 'node:fs';
import { parseCalibrationCsv, type PhoneIdentity } from '@cocoa/protocol';
import { nodeCryptoBackend, sharedDataPath } from '@cocoa/protocol/node';
import type { ManualClock } from '../clock.ts';
import { createDevice } from '../engine.ts';
import { seededRandom } from '../radio/path-loss.ts';
import type { SimulatedMedium, SimulatedRadio, Position } from '../radio/simulated.ts';
import { memoryKeyVault, memoryStorage, type MemoryStorage } from '../storage/memory.ts';
import type {
  ContactNotification,
  DeviceCalibration,
  DeviceEngine,
  DeviceOptions,
} from '../types.ts';
import type { FakeBackend } from './fake-backend.ts';

const table = parseCalibrationCsv(
  readFileSync(sharedDataPath('calibration', 'en-calibration.csv'), 'utf8'),
);

/** The calibration a phone model gets from the table. */
export function calibrationOf(phone: PhoneIdentity): DeviceCalibration {
  const c = table.lookup(phone);
  return {
    txPowerDbm: c.txPowerCorrection,
    rssiCorrection: c.rssiCorrection,
    calibrationConfidence: c.calibrationConfidence,
  };
}

/** One engine with everything a test wants to look at. */
export interface TestPhone {
  engine: DeviceEngine;
  radio: SimulatedRadio;
  storage: MemoryStorage;
  calibration: DeviceCalibration;
  notifications: ContactNotification[];
}

/** Builds a phone at `position`; `overrides` replace any option. */
export function testPhone(
  clock: ManualClock,
  medium: SimulatedMedium,
  backend: FakeBackend,
  position: Position,
  model: PhoneIdentity,
  seed: number,
  overrides: Partial<DeviceOptions> = {},
): TestPhone {
  const calibration = calibrationOf(model);
  const radio = medium.attach({
    position,
    txPowerDbm: calibration.txPowerDbm,
    rssiCorrection: calibration.rssiCorrection,
  });
  const storage = memoryStorage();
  const notifications: ContactNotification[] = [];
  const engine = createDevice({
    clock,
    storage,
    vault: memoryKeyVault(),
    radio,
    cryptoBackend: nodeCryptoBackend,
    calibration,
    server: backend.server,
    verificationKeys: backend.verificationKeys,
    region: '440',
    fetch: backend.fetch,
    notify: (n) => notifications.push(n),
    random: seededRandom(seed),
    decoyMeanIntervalMs: 0,
    ...overrides,
  });
  return { engine, radio, storage, calibration, notifications };
}
