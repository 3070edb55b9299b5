/**
 * Turns what happened in a run into the report: per UTC day and overall, app users' contact
 * days against the ground truth (≥ 15 minutes within 1 m of a person who registered a
 * positive result), delays from positive result to notification, traffic and keys.
 */
import { DAY_MS } from '@cocoa/protocol';
import { addOutcome, emptyConfusion, mergeConfusion, precision, recall } from '../metrics.ts';
import type { Epidemic, PositiveResult } from './epidemic.ts';
import type { ResolvedOptions } from './options.ts';
import type { TrafficCounters } from './phone-fetch.ts';
import type { DayReport, Distribution, SimulationReport } from './report-types.ts';
import type { Town } from './town.ts';
import { STEP_MINUTES } from './whereabouts.ts';

const STEPS_PER_DAY = 1440 / STEP_MINUTES;
const CLOSE_CONTACT_MINUTES = 15;
const KEY_DAYS = 14;

/** What the run loop records as it goes. */
export interface RunRecord {
  positives: PositiveResult[];
  issued: Map<number, { number: string; step: number; registerStep: number }>;
  registrations: Map<number, { step: number; ok: boolean; keys: number }>;
  notifications: { person: number; step: number; days: number[] }[];
  keysSubmitted: number;
  exportRuns: { step: number; files: number; keys: number }[];
}

/** Inputs of `buildReport`. */
export interface ReportInput {
  options: ResolvedOptions;
  town: Town;
  epidemic: Epidemic;
  record: RunRecord;
  /** Contact days (UTC midnight ms) each app user's engine lists at the end. */
  finalDays: Map<number, number[]>;
  traffic: TrafficCounters;
  staffRequests: number;
  verificationRequests: number;
  readings: number;
  startMs: number;
  wallSeconds: number;
  peakRssMiB: number;
}

/** Builds the report. */
export function buildReport(input: ReportInput): SimulationReport {
  const { options: o, town, epidemic, record } = input;
  const size = town.people.length;
  const registered = [...record.registrations].filter(([, r]) => r.ok);
  const resultStep = new Map(record.positives.map((p) => [p.person, p.step]));

  // Ground truth per app user and day: minutes within 1 m of people who registered, on days
  // their published keys cover (the 14 days up to their registration).
  const truth = (person: number, day: number): boolean => {
    const pairs = epidemic.closeMinutes.get(day);
    if (!pairs) return false;
    let minutes = 0;
    for (const [other, r] of registered) {
      const regDay = Math.floor(r.step / STEPS_PER_DAY);
      if (other === person || day > regDay || day < regDay - KEY_DAYS) continue;
      minutes += pairs.get(Math.min(person, other) * size + Math.max(person, other)) ?? 0;
    }
    return minutes >= CLOSE_CONTACT_MINUTES;
  };

  const notifiedDays = new Map<number, Set<number>>();
  for (const [person, days] of input.finalDays) notifiedDays.set(person, new Set(days));
  for (const n of record.notifications) for (const d of n.days) notifiedDays.get(n.person)?.add(d);

  const days: DayReport[] = [];
  for (let day = 0; day < o.days; day++) {
    const dateMs = input.startMs + day * DAY_MS;
    const contactDays = emptyConfusion();
    for (const p of town.people) {
      if (p.hasApp)
        addOutcome(contactDays, notifiedDays.get(p.id)?.has(dateMs) ?? false, truth(p.id, day));
    }
    const onDay = (step: number) => Math.floor(step / STEPS_PER_DAY) === day;
    days.push({
      day,
      date: new Date(dateMs).toISOString().slice(0, 10),
      newInfections: epidemic.newInfectionsByDay[day] ?? 0,
      positiveResults: record.positives.filter((p) => onDay(p.step)).length,
      registrations: registered.filter(([, r]) => onDay(r.step)).length,
      notifications: record.notifications.filter((n) => onDay(n.step)).length,
      contactDays,
    });
  }
  const overall = days.reduce((t, d) => mergeConfusion(t, d.contactDays), emptyConfusion());

  // Delay: from the positive result of the latest registered person a notified phone met.
  const delays: number[] = [];
  for (const n of record.notifications) {
    let latest: number | undefined;
    for (const [other, r] of registered) {
      if (r.step > n.step || !metAtAll(epidemic, size, n.person, other)) continue;
      if (latest === undefined || r.step > (record.registrations.get(latest)?.step ?? -1))
        latest = other;
    }
    const from = latest === undefined ? undefined : resultStep.get(latest);
    if (from !== undefined) delays.push(((n.step - from) * STEP_MINUTES) / 60);
  }

  const bytes = [...town.people.filter((p) => p.hasApp)].map(
    (p) => input.traffic.exportBytesByPhone.get(p.id) ?? 0,
  );
  return {
    parameters: {
      phones: o.phones,
      days: o.days,
      seed: o.seed,
      adoption: o.adoption,
      registrationShare: o.registrationShare,
      configuration: o.configFile ?? 'COCOA production',
      exportPeriodHours: o.exportPeriodHours,
      checkIntervalHours: o.checkIntervalHours,
    },
    town: {
      households: town.households,
      officeRooms: town.rooms,
      classes: town.classes,
      shops: town.shops,
      lines: town.lines.length,
      appUsers: town.people.filter((p) => p.hasApp).length,
    },
    days,
    overall: {
      contactDays: overall,
      precision: precision(overall),
      recall: recall(overall),
      infected: epidemic.infectedCount(),
      positiveResults: record.positives.length,
      numbersIssued: record.issued.size,
      registrations: { attempted: record.registrations.size, succeeded: registered.length },
      keysSubmitted: record.keysSubmitted,
      keysPublished: record.exportRuns.reduce((s, r) => s + r.keys, 0),
      exportFiles: record.exportRuns.reduce((s, r) => s + r.files, 0),
      notifications: record.notifications.length,
      notificationDelayHours: distribution(delays),
      exportBytesPerPhone: distribution(bytes),
      radioReadings: input.readings,
    },
    requests: {
      ...input.traffic.requests,
      staffConsole: input.staffRequests,
      verification: input.verificationRequests,
    },
    runtime: {
      wallSeconds: Math.round(input.wallSeconds * 10) / 10,
      peakRssMiB: Math.round(input.peakRssMiB),
    },
  };
}

function metAtAll(epidemic: Epidemic, size: number, a: number, b: number): boolean {
  const key = Math.min(a, b) * size + Math.max(a, b);
  for (const pairs of epidemic.closeMinutes.values()) if (pairs.has(key)) return true;
  return false;
}

/** Count, mean, median, 90th percentile and maximum (nulls for an empty list). */
export function distribution(values: number[]): Distribution {
  if (values.length === 0) return { count: 0, mean: null, median: null, p90: null, max: null };
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? null;
  const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
  return {
    count: s.length,
    mean: round(s.reduce((t, v) => t + v, 0) / s.length),
    median: round(at(0.5)),
    p90: round(at(0.9)),
    max: round(s[s.length - 1] ?? null),
  };
}
