/**
 * The Bluetooth seam. A real phone advertises `RPI ‖ AEM` as service data of UUID 0xFD6F and
 * scans a few seconds every ~5 minutes; here the radio is simulated (a shared medium in Node, a
 * BroadcastChannel between browser windows), but the engine only ever sees this interface.
 */

/** One RSSI reading of one advertisement during a scan. */
export interface RadioReading {
  /** The 20 service-data bytes: rolling proximity identifier (16) ‖ encrypted metadata (4). */
  serviceData: Uint8Array;
  /** Raw RSSI in dBm as the receiving radio measured it (before its calibration correction). */
  rssi: number;
  timestampMs: number;
}

/** What the engine needs from a radio. */
export interface Radio {
  /** Starts advertising `serviceData`, replacing the previous advertisement; null stops. */
  advertise(serviceData: Uint8Array | null): void;
  /** One scan of a few seconds starting at `nowMs`: every reading heard, a few per sender. */
  scan(nowMs: number): Promise<RadioReading[]>;
  /** Stops advertising and releases the radio. */
  close(): void;
}
