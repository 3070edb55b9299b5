/**
 * The engines' radio in the town: a scan hears the phones in the same place at that step,
 * with attenuation from the fitted radio model (distance, carriage, body, walls, shadowing).
 * Only co-located phones are considered, so a scan costs the size of its place, not the town.
 */
import type { Radio, RadioReading } from '@cocoa/device';
import type { RadioModel } from '../radio/model.ts';
import { labelled } from './random.ts';
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
        const random = labelled(air.seed, step, person, other.person);
        const link = {
          senderCarriage: other.carriage,
          receiverCarriage: me.carriage,
          bodyLossDb: air.model.drawBodyLoss(random),
          walls: other.group === me.group ? 0 : 1,
          glassPanes: 0,
        };
        const distance = Math.hypot(other.x - me.x, other.y - me.y);
        for (let i = 0; i < READINGS_PER_SCAN; i++) {
          const attenuation = air.model.sampleAttenuationDb(distance, link, random);
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
