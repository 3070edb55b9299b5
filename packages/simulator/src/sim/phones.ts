/**
 * One real device engine per app user, on the shared event clock, the town radio, encrypted
 * storage with its sightings on disk, and HTTP to the simulated servers.
 */
import path from 'node:path';
import {
  createDevice,
  memoryKeyVault,
  type Clock,
  type ContactNotification,
  type DeviceEngine,
  type KeyTableSource,
} from '@cocoa/device';
import { nodeCryptoBackend } from '@cocoa/protocol/node';
import {
  DIAGNOSIS_PATH,
  EXPOSURE_CONFIGURATION_PREFIX,
  EXPORTS_PREFIX,
} from '@cocoa/notification-server';
import { labelled } from './random.ts';
import { phoneFetch, type TrafficCounters } from './phone-fetch.ts';
import { phoneStorage } from './phone-storage.ts';
import type { RequestGate } from './request-gate.ts';
import type { SimulatedServers } from './servers.ts';
import { townRadio, type Air } from './town-radio.ts';

/** Calibrated TX power of every simulated phone (a mid-range Android value). */
export const SIMULATED_TX_POWER_DBM = -25;

/** Options shared by every phone. */
export interface PhoneFleetOptions {
  clock: Clock;
  air: Air;
  servers: SimulatedServers;
  traffic: TrafficCounters;
  /** Limits the requests all phones have in flight together. */
  gate: RequestGate;
  seed: number;
  checkIntervalMs: number;
  onNotify: (person: number, notification: ContactNotification) => void;
  /** Folder under which each phone keeps its sighting records. */
  storageDir: string;
  /** The export files' key tables, shared by every phone. */
  keyTables: KeyTableSource;
}

/** Creates (not yet started) the engine of one app user. */
export function createPhone(person: number, o: PhoneFleetOptions): DeviceEngine {
  const ns = o.servers.notificationServerUrl;
  return createDevice({
    clock: o.clock,
    storage: phoneStorage(path.join(o.storageDir, String(person))),
    vault: memoryKeyVault(),
    radio: townRadio(o.air, person),
    cryptoBackend: nodeCryptoBackend,
    calibration: {
      txPowerDbm: SIMULATED_TX_POWER_DBM,
      rssiCorrection: 0,
      calibrationConfidence: 3,
    },
    server: {
      submissionUrl: `${ns}${DIAGNOSIS_PATH}`,
      listUrl: `${ns}${EXPORTS_PREFIX}/440/list.json`,
      exposureConfigurationUrl: `${ns}${EXPOSURE_CONFIGURATION_PREFIX}/configuration.json`,
      riskCalculationConfigurationUrl: `${ns}${EXPOSURE_CONFIGURATION_PREFIX}/risk_calculation_configuration.json`,
    },
    verificationKeys: [{ pem: o.servers.publicKeyPem, keyId: '440', version: 'v1' }],
    region: '440',
    fetch: phoneFetch({
      person,
      exportOrigin: o.servers.exportOrigin,
      serverUrl: ns,
      now: () => o.clock.now(),
      traffic: o.traffic,
      gate: o.gate,
    }),
    random: labelled(o.seed, person, 0, 23),
    notify: (n) => o.onNotify(person, n),
    checkIntervalMs: o.checkIntervalMs,
    // Sealing each scan costs more than everything else a simulated phone does; scans are
    // sealed once a simulated day instead, and records are decrypted at each check rather than
    // kept open, so memory holds a day of scans per phone. Neither changes a result.
    sightingBatchMs: 86_400_000,
    keepSightingsOpen: false,
    keyTables: o.keyTables,
    platform: 'simulation',
  });
}
