/**
 * `createDevice`: wires keys, radio, sightings, exposure checks and registration into one
 * engine with a status the home screen can trust.
 */
import type { DeviceEngine, DeviceOptions } from './types.ts';

/** Creates an engine; nothing runs until `start()`. */
export function createDevice(options: DeviceOptions): DeviceEngine {
  void options;
  throw new Error('createDevice: not implemented yet');
}
