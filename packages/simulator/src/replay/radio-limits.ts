/**
 * The widest values a phone can report for its radio readings and calibration. A log value
 * outside them cannot come from a phone (a corrupted or hand-edited file) and would change
 * every attenuation computed from it without a word, so readers refuse it.
 */

/** An inclusive range of whole numbers, with the unit a message shows after the bounds. */
export interface RadioLimit {
  min: number;
  max: number;
  unit: string;
}

/** RSSI of one reading: the Bluetooth controller reports it from -127 to +20 dBm. */
export const RSSI_LIMIT: RadioLimit = { min: -127, max: 20, unit: ' dBm' };

/**
 * A receiver's RSSI correction. Calibration tables keep it within a few tens of dB; a signed
 * byte's ±127 dB is allowed so no real phone's correction is refused.
 */
export const RSSI_OFFSET_LIMIT: RadioLimit = { min: -127, max: 127, unit: ' dB' };

/**
 * TX power as written in the advertisement metadata or a calibration flag: one signed byte, the
 * same range Bluetooth gives its TX Power Level field (phones use about -30 to +10 dBm).
 */
export const TX_POWER_LIMIT: RadioLimit = { min: -127, max: 127, unit: ' dBm' };

/** Exposure Notification calibration confidence: lowest (0) to high (3). */
export const CALIBRATION_CONFIDENCE_LIMIT: RadioLimit = { min: 0, max: 3, unit: '' };

/** True when `value` is a whole number within `limit`. */
export function isWithin(value: number, limit: RadioLimit): boolean {
  return Number.isInteger(value) && value >= limit.min && value <= limit.max;
}

/** `<what> must be an integer between <min> and <max><unit>`, for an error message. */
export function limitRule(what: string, limit: RadioLimit): string {
  return `${what} must be an integer between ${limit.min} and ${limit.max}${limit.unit}`;
}
