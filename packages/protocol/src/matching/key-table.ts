import type { CryptoBackend } from '../crypto/backend.ts';
import { deriveRpik, KEY_LENGTH, rollingProximityIdBlock } from '../crypto/keys.ts';
import type { TemporaryExposureKey } from '../model.ts';
import { checkKey, equalBytes } from './matcher.ts';
import { RpiTable, rpiPrefix } from './rpi-table.ts';
import { DRIFT_INTERVALS, type SightingIndex } from './sighting-index.ts';

const MAX_INTERVAL = 0xffffffff;

/**
 * Every RPI a set of published keys could have been heard with — each key's intervals widened
 * by the ±2 h of drift matching allows — in one hash table. Matching a phone against it costs
 * one lookup per distinct RPI the phone heard, however many keys there are, so many phones can
 * share one table per export file where each would otherwise derive every key's RPIs itself.
 * The table holds about 4.7 kB per key.
 */
export class KeyTable {
  readonly keys: readonly TemporaryExposureKey[];
  /** The RPI of each entry, 16 bytes each. */
  private readonly rpis: Uint8Array;
  /** Which key and interval each entry belongs to. */
  private readonly entryKey: Int32Array;
  private readonly entryInterval: Int32Array;
  private readonly byPrefix: RpiTable;

  /** Derives the RPIs of every key (one HKDF and one AES call per key); checks each key. */
  constructor(backend: CryptoBackend, keys: readonly TemporaryExposureKey[]) {
    let entries = 0;
    for (const key of keys) {
      checkKey(key);
      entries += key.rollingPeriod + 2 * DRIFT_INTERVALS;
    }
    this.keys = keys;
    this.rpis = new Uint8Array(entries * KEY_LENGTH);
    this.entryKey = new Int32Array(entries);
    this.entryInterval = new Int32Array(entries);
    const prefixes = new Int32Array(entries);
    let e = 0;
    keys.forEach((key, k) => {
      // Interval numbers are uint32: a key at either end of their range is widened less.
      const from = Math.max(0, key.rollingStartIntervalNumber - DRIFT_INTERVALS);
      const to = Math.min(
        MAX_INTERVAL,
        key.rollingStartIntervalNumber + key.rollingPeriod - 1 + DRIFT_INTERVALS,
      );
      const block = rollingProximityIdBlock(
        backend,
        deriveRpik(backend, key.keyData),
        from,
        to - from + 1,
      );
      this.rpis.set(block, e * KEY_LENGTH);
      for (let j = 0; j < block.length / KEY_LENGTH; j++, e++) {
        this.entryKey[e] = k;
        this.entryInterval[e] = from + j;
        prefixes[e] = rpiPrefix(block, j * KEY_LENGTH);
      }
    });
    this.byPrefix = new RpiTable(prefixes.subarray(0, e));
  }

  /**
   * Readings of a phone whose RPI is one of the table's, heard within ±2 h of that RPI's
   * interval: sorted by key, then by the RPI's interval, then in the phone's reading order.
   */
  lookUp(index: SightingIndex): { key: number; interval: number; reading: number }[] {
    const phone = index.byPrefix;
    const hits: { key: number; interval: number; reading: number; order: number }[] = [];
    const { members, groupStart } = this.byPrefix;
    for (let g = 0; g < phone.groups; g++) {
      const t = this.byPrefix.find(phone.groupPrefix[g]!);
      if (t < 0) continue;
      for (let m = groupStart[t]!; m < groupStart[t + 1]!; m++) {
        const e = members[m]!;
        for (let p = phone.groupStart[g]!; p < phone.groupStart[g + 1]!; p++) {
          const r = phone.members[p]!;
          if (Math.abs(index.interval[r]! - this.entryInterval[e]!) > DRIFT_INTERVALS) continue;
          if (!equalBytes(index.bytes, index.serviceDataAt[r]!, this.rpis, e * KEY_LENGTH)) {
            continue;
          }
          hits.push({
            key: this.entryKey[e]!,
            interval: this.entryInterval[e]!,
            reading: r,
            order: p,
          });
        }
      }
    }
    hits.sort((a, b) => a.key - b.key || a.interval - b.interval || a.order - b.order);
    return hits.map(({ key, interval, reading }) => ({ key, interval, reading }));
  }
}
