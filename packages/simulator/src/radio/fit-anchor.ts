/**
 * Anchors the model's attenuation at 1 m on calibrated phones: the distance sweep used
 * uncalibrated Raspberry Pis, so its level says nothing about what EN phones compute. The
 * phone logs do: real Android phones at known, fixed positions, with calibrated TX power and
 * RSSI correction. Each reading's attenuation, with the fitted slope and the carriage losses
 * removed, estimates the attenuation at 1 m between hand-held phones; the median is taken.
 */
import { loadLogFolder } from '../replay/loader.ts';
import { distanceFeet } from '../replay/geometry.ts';
import { scansOfSickPhone, txPowerFor } from '../replay/scans.ts';
import { carriageOf } from './carriage-of.ts';
import type { Carriage } from './types.ts';

const FOOT_M = 0.3048;
// Far pairs are heard only when the signal happens to be strong, which would bias the anchor.
const MAX_ANCHOR_DISTANCE_M = 3;

/** Median attenuation at 1 m of hand-held calibrated phones, and how many readings fed it. */
export function fitAttenuationAnchor(
  logRoot: string,
  exponent: number,
  carriageLossDb: Record<Carriage, number>,
): { attenuationAt1mDb: number; readings: number } {
  const estimates: number[] = [];
  for (const scenario of loadLogFolder(logRoot)) {
    const setup = scenario.setup;
    if (!setup) continue;
    for (const run of scenario.runs) {
      const sickDetail = run.info?.details.find((d) => d.exposure === 'sick');
      const sickLog = sickDetail && run.phones.get(sickDetail.phone)?.log;
      const sickAgent = setup.agents.find((a) => a.id === sickDetail?.agent);
      if (!sickDetail || !sickLog || !sickAgent || sickAgent.positions.length !== 1) continue;
      const sickPhone = setup.phones.find((p) => p.id === sickDetail.phone);
      const anyRpi = sickLog.advertisements[0]?.rollingProximityId ?? '';
      if (txPowerFor(anyRpi, sickLog, sickPhone)?.source !== 'metadata') continue;

      for (const detail of run.info?.details ?? []) {
        const agent = setup.agents.find((a) => a.id === detail.agent);
        const log = run.phones.get(detail.phone)?.log;
        if (detail === sickDetail || !agent || !log || agent.positions.length !== 1) continue;
        const feet = distanceFeet(agent.positions[0] ?? null, sickAgent.positions[0] ?? null);
        if (feet === undefined) continue;
        const meters = Math.max(0.1, feet * FOOT_M);
        if (meters > MAX_ANCHOR_DISTANCE_M) continue;

        const phone = setup.phones.find((p) => p.id === detail.phone);
        const loss =
          carriageLossDb[carriageOf(agent.phoneSituation)] +
          carriageLossDb[carriageOf(sickAgent.phoneSituation)];
        for (const scan of scansOfSickPhone(log, phone, sickLog, sickPhone)) {
          for (const a of scan.attenuations) {
            estimates.push(a - 10 * exponent * Math.log10(meters) - loss);
          }
        }
      }
    }
  }
  if (estimates.length === 0) throw new Error(`no usable phone-log readings under ${logRoot}`);
  estimates.sort((a, b) => a - b);
  return {
    attenuationAt1mDb: estimates[Math.floor(estimates.length / 2)] ?? NaN,
    readings: estimates.length,
  };
}
