/**
 * Sizes carriage, body-orientation and wall losses from the static 6 ft captures: four phones
 * on one person (front pocket, purse, back pocket, held to the ear) turned through eight
 * angles, in an anechoic chamber, behind a conference-room wall and in a courtyard.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readCsvRecords } from './csv.ts';
import type { Carriage } from './types.ts';

/** Result of the fit. */
export interface BodyFit {
  carriageLossDb: Record<Carriage, number>;
  bodyLossSamplesDb: number[];
  wallLossDb: number;
  rows: number;
}

const DEVICES = ['TestPhone1', 'TestPhone2', 'TestPhone3', 'TestPhone4'] as const;
type Device = (typeof DEVICES)[number];
const FILE = /^ubertooth_capture_\d+(?:_\d+)?\.csv$/;

/** Median RSSI per device, one map per capture file of an environment. */
function capturesOf(dir: string): { medians: Map<Device, number>[]; rows: number } {
  const folder = path.join(dir, 'Ubertooth');
  if (!existsSync(folder)) throw new Error(`missing capture folder ${folder}`);
  const medians: Map<Device, number>[] = [];
  let rows = 0;
  for (const name of readdirSync(folder).sort()) {
    if (!FILE.test(name)) continue;
    // The captures hold a few non-UTF-8 bytes in device names of strangers' devices.
    const records = readCsvRecords(readFileSync(path.join(folder, name), 'latin1'));
    const byDevice = new Map<Device, number[]>();
    for (const r of records) {
      const device = DEVICES.find((d) => d === r.DeviceName);
      const rssi = Number(r.RSSI);
      if (!device || !Number.isInteger(rssi) || rssi < -127 || rssi > 20) continue;
      byDevice.set(device, [...(byDevice.get(device) ?? []), rssi]);
      rows++;
    }
    medians.push(new Map([...byDevice].map(([d, list]) => [d, median(list)])));
  }
  return { medians, rows };
}

/** Mean over captures of each device's median RSSI. */
function levels(medians: Map<Device, number>[]): Map<Device, number> {
  const out = new Map<Device, number>();
  for (const d of DEVICES) {
    const values = medians.map((m) => m.get(d)).filter((v): v is number => v !== undefined);
    if (values.length > 0) out.set(d, mean(values));
  }
  return out;
}

/** Fits the losses from the capture root (`mitre-static-6ft`). */
export function fitBodyLosses(root: string): BodyFit {
  const chamber = capturesOf(path.join(root, '1-May_Anechoic_Chamber'));
  const wall = capturesOf(path.join(root, '5-May_Conference_Room_Wall'));
  const open = capturesOf(path.join(root, '5-May_Courtyard'));

  // Carriage: the chamber has no reflections, so level differences are the carriage alone.
  const level = levels(chamber.medians);
  const at = (d: Device) => level.get(d) ?? NaN;
  const carriageLossDb: Record<Carriage, number> = {
    hand: 0,
    pocket: at('TestPhone4') - mean([at('TestPhone1'), at('TestPhone3')]),
    bag: at('TestPhone4') - at('TestPhone2'),
  };

  // Body orientation: how far each capture angle falls below that phone's own mean level.
  const bodyLossSamplesDb = chamber.medians.flatMap((m) =>
    DEVICES.flatMap((d) => {
      const v = m.get(d);
      return v === undefined ? [] : [round1(at(d) - v)];
    }),
  );

  // Wall: the same people and phones behind a wall versus in the open courtyard.
  const behind = levels(wall.medians);
  const outside = levels(open.medians);
  const wallLossDb = mean(DEVICES.map((d) => (outside.get(d) ?? NaN) - (behind.get(d) ?? NaN)));

  return {
    carriageLossDb: {
      hand: 0,
      pocket: round1(carriageLossDb.pocket),
      bag: round1(carriageLossDb.bag),
    },
    bodyLossSamplesDb,
    wallLossDb: round1(wallLossDb),
    rows: chamber.rows + wall.rows + open.rows,
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}

function mean(values: number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
