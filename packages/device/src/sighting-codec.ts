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
import type { PackedSightings, Sighting } from '@cocoa/protocol';
import type { RadioReading } from './radio/radio.ts';

const VERSION = 1;
const SERVICE_DATA_BYTES = 20;
const SCAN_HEADER_BYTES = 10;
const ADVERT_HEADER_BYTES = SERVICE_DATA_BYTES + 1;
const READING_BYTES = 5;
const MAX_READINGS_PER_ADVERT = 255;
const MAX_ADVERTS_PER_SCAN = 0xffff;
const MAX_OFFSET_MS = 2 ** 31 - 1;

// Scratch space of `ScanBatch.add`, grown as needed and shared: engines add one scan at a time.
let advertOf = new Int32Array(64);
let rssiOf = new Int32Array(64);
let offsetOf = new Int32Array(64);
let placed = new Int32Array(64);
let advertSize = new Int32Array(64);
let advertStart = new Int32Array(65);
let previousSame = new Int32Array(64);
const advertData: Uint8Array[] = [];
const latestByPrefix = new Map<number, number>();

function grow(readings: number): void {
  if (advertOf.length >= readings) return;
  const size = 2 ** Math.ceil(Math.log2(readings));
  advertOf = new Int32Array(size);
  rssiOf = new Int32Array(size);
  offsetOf = new Int32Array(size);
  placed = new Int32Array(size);
  advertSize = new Int32Array(size);
  advertStart = new Int32Array(size + 1);
  previousSame = new Int32Array(size);
}

/** Scans collected in memory, encoded as they come, to be sealed as one record. */
export class ScanBatch {
  private out = new Uint8Array(256);
  private length = 1;
  private first = Number.NaN;
  private last = Number.NaN;

  constructor() {
    this.out[0] = VERSION;
  }

  /** Adds one scan's usable readings; false when there were none. */
  add(scanMs: number, readings: readonly RadioReading[]): boolean {
    grow(readings.length);
    // Each usable reading joins the advertisement being filled for its service data: the
    // latest one with those bytes, unless it is full. Readings of one phone mostly come
    // together with the same bytes object, which is checked first.
    let adverts = 0;
    let usable = 0;
    let lastData: Uint8Array | null = null;
    let lastAdvert = -1;
    latestByPrefix.clear();
    for (let i = 0; i < readings.length; i++) {
      const r = readings[i]!;
      advertOf[i] = -1;
      const offsetMs = Math.round(r.timestampMs - scanMs);
      // BLE reports RSSI as a signed byte; anything else is not a reading.
      const rssi = Math.round(r.rssi);
      const data = r.serviceData;
      if (data.length !== SERVICE_DATA_BYTES) continue;
      if (!Number.isFinite(offsetMs) || Math.abs(offsetMs) > MAX_OFFSET_MS) continue;
      if (!Number.isFinite(rssi) || rssi < -128 || rssi > 127) continue;
      let a = data === lastData ? lastAdvert : this.find(data);
      if (a < 0 || advertSize[a] === MAX_READINGS_PER_ADVERT) {
        // No phone hears tens of thousands of others in one scan of a few seconds.
        if (adverts === MAX_ADVERTS_PER_SCAN) continue;
        a = adverts++;
        const prefix = prefixOf(data);
        previousSame[a] = latestByPrefix.get(prefix) ?? -1;
        latestByPrefix.set(prefix, a);
        advertData[a] = data;
        advertSize[a] = 0;
      }
      advertOf[i] = a;
      advertSize[a]!++;
      rssiOf[i] = rssi;
      offsetOf[i] = offsetMs;
      usable++;
      lastData = data;
      lastAdvert = a;
    }
    if (adverts === 0) return false;

    // Readings grouped by advertisement, each group in the order heard.
    advertStart[0] = 0;
    for (let a = 0; a < adverts; a++) advertStart[a + 1] = advertStart[a]! + advertSize[a]!;
    for (let i = 0; i < readings.length; i++) {
      const a = advertOf[i]!;
      if (a >= 0) placed[advertStart[a]! + --advertSize[a]!] = i;
    }

    this.reserve(SCAN_HEADER_BYTES + adverts * ADVERT_HEADER_BYTES + usable * READING_BYTES);
    const out = this.out;
    const view = new DataView(out.buffer);
    let at = this.length;
    view.setFloat64(at, scanMs, true);
    view.setUint16(at + 8, adverts, true);
    at += SCAN_HEADER_BYTES;
    for (let a = 0; a < adverts; a++) {
      out.set(advertData[a]!, at);
      const from = advertStart[a]!;
      const to = advertStart[a + 1]!;
      out[at + SERVICE_DATA_BYTES] = to - from;
      at += ADVERT_HEADER_BYTES;
      // Placed from the end backwards above, so read them backwards to keep their order.
      for (let k = to - 1; k >= from; k--) {
        const i = placed[k]!;
        view.setInt8(at, rssiOf[i]!);
        view.setInt32(at + 1, offsetOf[i]!, true);
        at += READING_BYTES;
      }
    }
    this.length = at;
    advertData.length = 0;
    if (Number.isNaN(this.first)) this.first = scanMs;
    this.last = scanMs;
    return true;
  }

  isEmpty(): boolean {
    return this.length === 1;
  }

  firstScanMs(): number {
    return this.first;
  }

  lastScanMs(): number {
    return this.last;
  }

  /** The record's plaintext. */
  encode(): Uint8Array<ArrayBuffer> {
    return this.out.slice(0, this.length);
  }

  /** The advertisement being filled for `data` in the current scan, or −1. */
  private find(data: Uint8Array): number {
    for (let a = latestByPrefix.get(prefixOf(data)) ?? -1; a >= 0; a = previousSame[a]!) {
      if (sameBytes(advertData[a]!, data)) return a;
    }
    return -1;
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.out.length) return;
    let size = this.out.length * 2;
    while (size < this.length + bytes) size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(this.out.subarray(0, this.length));
    this.out = bigger;
  }
}

function prefixOf(data: Uint8Array): number {
  return data[0]! | (data[1]! << 8) | (data[2]! << 16) | (data[3]! << 24);
}

/** Number of scans in a record's plaintext, or null when it is not a valid record. */
export function countScans(bytes: Uint8Array): number | null {
  return shapeOf(bytes)?.scans ?? null;
}

/** Scans and readings in a record's plaintext, or null when it is not a valid record. */
function shapeOf(bytes: Uint8Array): { scans: number; readings: number } | null {
  if (bytes.length < 1 || bytes[0] !== VERSION) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 1;
  let scans = 0;
  let readings = 0;
  while (at < bytes.length) {
    if (at + SCAN_HEADER_BYTES > bytes.length) return null;
    if (!Number.isFinite(view.getFloat64(at, true))) return null;
    const adverts = view.getUint16(at + 8, true);
    at += SCAN_HEADER_BYTES;
    for (let a = 0; a < adverts; a++) {
      if (at + ADVERT_HEADER_BYTES > bytes.length) return null;
      const n = bytes[at + SERVICE_DATA_BYTES]!;
      readings += n;
      at += ADVERT_HEADER_BYTES + n * READING_BYTES;
    }
    if (at > bytes.length) return null;
    scans += 1;
  }
  return { scans, readings };
}

/**
 * The readings of valid records (see `countScans`) as packed columns for matching, their scans
 * numbered in record order from 0. The records are copied once into one buffer, which the
 * columns point into.
 */
export function packScans(records: readonly Uint8Array[]): PackedSightings {
  let total = 0;
  let count = 0;
  for (const bytes of records) {
    total += bytes.length;
    count += shapeOf(bytes)?.readings ?? 0;
  }
  const all = new Uint8Array(total);
  const serviceDataAt = new Int32Array(count);
  const timestampMs = new Float64Array(count);
  const rssi = new Float64Array(count);
  const scanId = new Float64Array(count);
  const view = new DataView(all.buffer);
  let base = 0;
  let i = 0;
  let scan = 0;
  for (const bytes of records) {
    all.set(bytes, base);
    let at = base + 1;
    const end = base + bytes.length;
    while (at < end) {
      const scanMs = view.getFloat64(at, true);
      const adverts = view.getUint16(at + 8, true);
      at += SCAN_HEADER_BYTES;
      for (let a = 0; a < adverts; a++) {
        const dataAt = at;
        const readings = all[at + SERVICE_DATA_BYTES]!;
        at += ADVERT_HEADER_BYTES;
        for (let r = 0; r < readings; r++, i++) {
          serviceDataAt[i] = dataAt;
          rssi[i] = view.getInt8(at);
          timestampMs[i] = scanMs + view.getInt32(at + 1, true);
          scanId[i] = scan;
          at += READING_BYTES;
        }
      }
      scan += 1;
    }
    base = end;
  }
  return { count, bytes: all, serviceDataAt, timestampMs, rssi, scanId };
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
