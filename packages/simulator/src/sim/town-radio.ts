/**
 * The engines' radio in the town: a scan hears the phones in the same place at that step,
 * with attenuation from the fitted radio model (distance, carriage, body, walls, shadowing).
 * Only co-located phones are considered, so a scan costs the size of its place, not the town.
 */
import { reseedableRandom, type Radio, type RadioReading } from '@cocoa/device';
import type { LinkContext, RadioModel } from '../radio/model.ts';
import { labelSeed } from './random.ts';
import { STEP_MINUTES, type Whereabouts } from './whereabouts.ts';

const STEP_MS = STEP_MINUTES * 60_000;
// Weaker signals than this are below a phone's receiver sensitivity.
const MAX_ATTENUATION_DB = 95;
const READINGS_PER_SCAN = 3;

/** What every town radio shares. */
export interface Air {
  whereabouts: Whereabouts;
  model: RadioModel;
  seed: number;
  startMs: number;
  /** Calibrated TX power every simulated phone advertises, dBm. */
  txPowerDbm: number;
  /** Current advertisement per person whose phone advertises. */
  advertising: Map<number, Uint8Array>;
  /** Readings handed to engines, for the report. */
  readings: { count: number };
}

/** The radio of one person's phone. */
export function townRadio(air: Air, person: number): Radio {
  // Reused for every pair heard: a scan hears a few others, hundreds of millions of times in a
  // large town, and each pair's draws depend only on its labels.
  const generator = reseedableRandom();
  const link: LinkContext = {
    senderCarriage: 'hand',
    receiverCarriage: 'hand',
    bodyLossDb: 0,
    walls: 0,
    glassPanes: 0,
  };
  return {
    advertise(serviceData) {
      if (serviceData) air.advertising.set(person, serviceData.slice());
      else air.advertising.delete(person);
    },
    scan(nowMs) {
      const step = Math.round((nowMs - air.startMs) / STEP_MS);
      const place = air.whereabouts.placeOf(step, person);
      if (place === undefined) return Promise.resolve([]);
      const occupants = air.whereabouts.at(step).get(place) ?? [];
      const me = occupants.find((o) => o.person === person);
      if (!me) return Promise.resolve([]);

      const heard: RadioReading[] = [];
      for (const other of occupants) {
        const serviceData = air.advertising.get(other.person);
        if (other.person === person || !serviceData) continue;
        generator.seed(labelSeed(air.seed, step, person, other.person));
        link.senderCarriage = other.carriage;
        link.receiverCarriage = me.carriage;
        link.bodyLossDb = air.model.drawBodyLoss(generator.random);
        link.walls = other.group === me.group ? 0 : 1;
        const mean = air.model.meanAttenuationDb(Math.hypot(other.x - me.x, other.y - me.y), link);
        for (let i = 0; i < READINGS_PER_SCAN; i++) {
          const attenuation = air.model.sampleAroundDb(mean, generator.random);
          if (attenuation > MAX_ATTENUATION_DB) continue;
          heard.push({
            serviceData,
            rssi: Math.round(air.txPowerDbm - attenuation),
            timestampMs: nowMs + i * 1000,
          });
        }
      }
      air.readings.count += heard.length;
      return Promise.resolve(heard);
    },
    close() {
      air.advertising.delete(person);
    },
  };
}
