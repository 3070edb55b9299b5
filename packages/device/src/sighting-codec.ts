/**
 * The binary layout of stored scans. A phone hears each nearby phone a few times per scan, so
 * readings are grouped by the advertisement heard; everything is little-endian:
 *
 *     u8 version (1)
 *     per scan:    f64 scan start (Unix ms) · u16 advertisements heard
 *     per advert:  20 bytes service data (RPI ‖ AEM) · u8 readings
 *     per reading: i8 RSSI (dBm) · i32 reading time minus scan start (ms)
 *
 * About 36 bytes per phone heard per scan, where JSON with base64 took over 160.
 */
import type { Sighting } from '@cocoa/protocol';
import type { RadioReading } from './radio/radio.ts';

const VERSION = 1;
const SERVICE_DATA_BYTES = 20;
const SCAN_HEADER_BYTES = 10;
const ADVERT_HEADER_BYTES = SERVICE_DATA_BYTES + 1;
const READING_BYTES = 5;
const MAX_READINGS_PER_ADVERT = 255;
const MAX_ADVERTS_PER_SCAN = 0xffff;
const MAX_OFFSET_MS = 2 ** 31 - 1;

interface Advert {
  serviceData: Uint8Array;
  readings: { rssi: number; offsetMs: number }[];
}

/** Scans collected in memory, to be encoded as one record. */
export class ScanBatch {
  private readonly scans: { scanMs: number; adverts: Advert[] }[] = [];
  private bytes = 1;

  /** Adds one scan's usable readings; false when there were none. */
  add(scanMs: number, readings: readonly RadioReading[]): boolean {
    const adverts: Advert[] = [];
    // The advertisement being filled for each service data, found by its first four bytes.
    const current = new Map<number, Advert[]>();
    for (const r of readings) {
      const offsetMs = Math.round(r.timestampMs - scanMs);
      // BLE reports RSSI as a signed byte; anything else is not a reading.
      const rssi = Math.round(r.rssi);
      const data = r.serviceData;
      if (data.length !== SERVICE_DATA_BYTES) continue;
      if (!Number.isFinite(offsetMs) || Math.abs(offsetMs) > MAX_OFFSET_MS) continue;
      if (!Number.isFinite(rssi) || rssi < -128 || rssi > 127) continue;
      const prefix = (data[0]! | (data[1]! << 8) | (data[2]! << 16) | (data[3]! << 24)) >>> 0;
      const candidates = current.get(prefix) ?? [];
      let at = candidates.findIndex((a) => sameBytes(a.serviceData, data));
      if (at < 0 || candidates[at]!.readings.length === MAX_READINGS_PER_ADVERT) {
        // No phone hears tens of thousands of others in one scan of a few seconds.
        if (adverts.length === MAX_ADVERTS_PER_SCAN) continue;
        const advert: Advert = { serviceData: data.slice(), readings: [] };
        adverts.push(advert);
        if (at < 0) at = candidates.push(advert) - 1;
        else candidates[at] = advert;
        current.set(prefix, candidates);
      }
      candidates[at]!.readings.push({ rssi, offsetMs });
    }
    if (adverts.length === 0) return false;
    this.scans.push({ scanMs, adverts });
    this.bytes += SCAN_HEADER_BYTES;
    for (const a of adverts) this.bytes += ADVERT_HEADER_BYTES + a.readings.length * READING_BYTES;
    return true;
  }

  isEmpty(): boolean {
    return this.scans.length === 0;
  }

  firstScanMs(): number {
    return this.scans[0]?.scanMs ?? Number.NaN;
  }

  lastScanMs(): number {
    return this.scans.at(-1)?.scanMs ?? Number.NaN;
  }

  /** The record's plaintext. */
  encode(): Uint8Array<ArrayBuffer> {
    const out = new Uint8Array(this.bytes);
    const view = new DataView(out.buffer);
    out[0] = VERSION;
    let at = 1;
    for (const scan of this.scans) {
      view.setFloat64(at, scan.scanMs, true);
      view.setUint16(at + 8, scan.adverts.length, true);
      at += SCAN_HEADER_BYTES;
      for (const advert of scan.adverts) {
        out.set(advert.serviceData, at);
        out[at + SERVICE_DATA_BYTES] = advert.readings.length;
        at += ADVERT_HEADER_BYTES;
        for (const r of advert.readings) {
          view.setInt8(at, r.rssi);
          view.setInt32(at + 1, r.offsetMs, true);
          at += READING_BYTES;
        }
      }
    }
    return out;
  }
}

/** Number of scans in a record's plaintext, or null when it is not a valid record. */
export function countScans(bytes: Uint8Array): number | null {
  if (bytes.length < 1 || bytes[0] !== VERSION) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 1;
  let scans = 0;
  while (at < bytes.length) {
    if (at + SCAN_HEADER_BYTES > bytes.length) return null;
    if (!Number.isFinite(view.getFloat64(at, true))) return null;
    const adverts = view.getUint16(at + 8, true);
    at += SCAN_HEADER_BYTES;
    for (let a = 0; a < adverts; a++) {
      if (at + ADVERT_HEADER_BYTES > bytes.length) return null;
      at += ADVERT_HEADER_BYTES + (bytes[at + SERVICE_DATA_BYTES] ?? 0) * READING_BYTES;
    }
    if (at > bytes.length) return null;
    scans += 1;
  }
  return scans;
}

/**
 * The sightings of a valid record (see `countScans`), numbering its scans from
 * `firstScanId`. RPI and AEM are views into `bytes`, not copies.
 */
export function* readScans(bytes: Uint8Array, firstScanId: number): Generator<Sighting> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 1;
  let scanId = firstScanId;
  while (at < bytes.length) {
    const scanMs = view.getFloat64(at, true);
    const adverts = view.getUint16(at + 8, true);
    at += SCAN_HEADER_BYTES;
    for (let a = 0; a < adverts; a++) {
      const rollingProximityId = bytes.subarray(at, at + 16);
      const associatedEncryptedMetadata = bytes.subarray(at + 16, at + SERVICE_DATA_BYTES);
      const readings = bytes[at + SERVICE_DATA_BYTES] ?? 0;
      at += ADVERT_HEADER_BYTES;
      for (let r = 0; r < readings; r++) {
        yield {
          rollingProximityId,
          associatedEncryptedMetadata,
          rssi: view.getInt8(at),
          timestampMs: scanMs + view.getInt32(at + 1, true),
          scanId,
        };
        at += READING_BYTES;
      }
    }
    scanId += 1;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return a.length === b.length;
}
