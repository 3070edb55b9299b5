/**
 * Builds the device engine for a browser window: IndexedDB storage with its key kept in a
 * separate database, the noble crypto backend, and the "nearby" BroadcastChannel radio that
 * lets windows of the same origin act as phones side by side.
 */
import { nobleCryptoBackend } from '@cocoa/protocol';
import {
  createDevice,
  createNearbyChannelRadio,
  indexedDbKeyVault,
  indexedDbStorage,
  type ContactNotification,
  type DeviceEngine,
  type NearbyChannelRadio,
} from '@cocoa/device';
import { endpointUrl, type AppConfig } from '../config.ts';
import { profiled, type WindowProfile } from '../profile.ts';
import { ENGINE_DATABASES } from './erase.ts';

/** The engine and the radio whose distance the settings screen can change. */
export interface BrowserDevice {
  engine: DeviceEngine;
  radio: NearbyChannelRadio;
}

/** Options of `createBrowserDevice`. */
export interface BrowserDeviceOptions {
  /** Distance this window claims on the nearby channel, metres. */
  distanceM: number;
  /** Shows the local notification for new contact days. */
  notify: (notification: ContactNotification) => void;
  /** Which phone this window is; selects its databases. */
  profile: WindowProfile;
}

/** Creates (but does not start) the engine of this browser window. */
export function createBrowserDevice(
  config: AppConfig,
  options: BrowserDeviceOptions,
): BrowserDevice {
  const page = window.location.href;
  const radio = createNearbyChannelRadio({
    distanceM: options.distanceM,
    txPowerDbm: config.calibration.txPowerDbm,
    rssiCorrection: config.calibration.rssiCorrection,
  });

  const engine = createDevice({
    storage: indexedDbStorage(profiled(ENGINE_DATABASES[0], options.profile)),
    vault: indexedDbKeyVault(profiled(ENGINE_DATABASES[1], options.profile)),
    radio,
    cryptoBackend: nobleCryptoBackend,
    calibration: config.calibration,
    server: {
      submissionUrl: endpointUrl(config, config.paths.submission, page),
      listUrl: endpointUrl(config, config.paths.list, page),
      exposureConfigurationUrl: endpointUrl(config, config.paths.exposureConfiguration, page),
      riskCalculationConfigurationUrl: endpointUrl(
        config,
        config.paths.riskCalculationConfiguration,
        page,
      ),
    },
    verificationKeys: config.exportVerificationKeys,
    region: config.region,
    notify: options.notify,
    platform: 'web',
    appPackageName: 'org.cocoa.web',
  });
  return { engine, radio };
}
