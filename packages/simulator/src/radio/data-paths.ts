/** Locations of the measured data sets the radio model is fitted to. */
import { sharedDataPath } from '@cocoa/protocol/node';
import type { RadioDataPaths } from './fit.ts';

/** The three data folders inside the shared reference data. */
export function radioDataPaths(): RadioDataPaths {
  return {
    distanceSweepDir: sharedDataPath('rssi', 'nist-rpi-distance'),
    staticCapturesDir: sharedDataPath('rssi', 'mitre-static-6ft'),
    phoneLogsDir: sharedDataPath('en-logs', 'mitll-ua'),
  };
}
