/**
 * A page script for the browser test: one phone per window, on IndexedDB, WebCrypto, the
 * noble crypto backend and the BroadcastChannel nearby radio — everything a real browser
 * provides — driven from the test through `window.phoneHarness`.
 */
import { nobleCryptoBackend } from '@cocoa/protocol';
import { createDevice } from '../engine.ts';
import { createNearbyChannelRadio } from '../radio/nearby-channel.ts';
import { indexedDbKeyVault, indexedDbStorage } from '../storage/indexeddb.ts';
import type { DeviceStorage } from '../storage/storage.ts';
import type {
  ContactDay,
  ContactNotification,
  DeviceEngine,
  DeviceServerConfig,
  DeviceStatus,
  ExposureCheckResult,
  RegistrationInput,
  RegistrationResult,
} from '../types.ts';

/** What the test calls in the page. */
export interface PhoneHarness {
  start(options: {
    name: string;
    distanceM: number;
    server: DeviceServerConfig;
    pem: string;
  }): Promise<void>;
  register(input: RegistrationInput): Promise<RegistrationResult>;
  check(): Promise<ExposureCheckResult>;
  contactDays(): Promise<ContactDay[]>;
  status(): DeviceStatus;
  /** Number of stored scan records (sealed; only their names are counted). */
  storedScans(): Promise<number>;
  notifications: ContactNotification[];
}

declare global {
  interface Window {
    phoneHarness: PhoneHarness;
  }
}

let engine: DeviceEngine | null = null;
let storage: DeviceStorage | null = null;
const need = (): DeviceEngine => {
  if (!engine) throw new Error('phone not started');
  return engine;
};

const harness: PhoneHarness = {
  notifications: [],
  async start({ name, distanceM, server, pem }) {
    const calibration = { txPowerDbm: -30, rssiCorrection: 8, calibrationConfidence: 3 };
    storage = indexedDbStorage(`records-${name}`);
    engine = createDevice({
      storage,
      vault: indexedDbKeyVault(`key-${name}`),
      radio: createNearbyChannelRadio({ distanceM, ...calibration }),
      cryptoBackend: nobleCryptoBackend,
      calibration,
      server,
      verificationKeys: [{ pem, keyId: '440', version: 'v1' }],
      region: '440',
      notify: (n) => harness.notifications.push(n),
      decoyMeanIntervalMs: 0,
    });
    await engine.start();
    await engine.setNotifications(true);
    await engine.setRecording(true);
  },
  register: (input) => need().register(input),
  check: () => need().checkExposure(),
  contactDays: () => need().contactDays(),
  status: () => need().status(),
  storedScans: async () => (await storage?.keys('sightings/'))?.length ?? 0,
};
window.phoneHarness = harness;
