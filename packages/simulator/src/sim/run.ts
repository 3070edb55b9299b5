/**
 * Runs a simulation: builds the town, starts the real servers, gives every app user a real
 * device engine, and steps the town 5 minutes at a time — infections, tests, numbers issued
 * through the health-center console, registrations through the phones, export runs and the
 * phones' own scans and checks — then compares contact days with the ground truth.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { nodeCryptoBackend } from '@cocoa/protocol/node';
import type { DeviceEngine } from '@cocoa/device';
import { createRadioModel } from '../radio/model.ts';
import { loadScoringConfigFile } from '../scoring-config-file.ts';
import { DEFAULT_EPIDEMIC, createEpidemic, type PositiveResult } from './epidemic.ts';
import { createEventClock } from './event-clock.ts';
import { buildReport, type RunRecord } from './evaluate.ts';
import { resolveOptions, type SimulationOptions, type SimulationProgress } from './options.ts';
import { sharedKeyTables } from './key-tables.ts';
import { emptyTraffic } from './phone-fetch.ts';
import { createPhone, SIMULATED_TX_POWER_DBM } from './phones.ts';
import { labelled } from './random.ts';
import { requestGate } from './request-gate.ts';
import type { SimulationReport } from './report-types.ts';
import { startServers } from './servers.ts';
import { signInStaff } from './staff-client.ts';
import { buildTown } from './town.ts';
import { STEP_MINUTES, createWhereabouts } from './whereabouts.ts';

/** The first simulated instant: a Monday, 00:00 UTC (09:00 in Japan). */
export const SIMULATION_START_MS = Date.UTC(2026, 5, 1);
const STEP_MS = STEP_MINUTES * 60_000;
const STEPS_PER_HOUR = 60 / STEP_MINUTES;
// Enough to keep both servers busy; far below the 511 connections their listen queues hold.
const PHONE_REQUESTS_IN_FLIGHT = 64;
// Engines stopped together at the end of a run; see stopEngines.
const STOP_BATCH = 64;
// Engines started together: enough to keep the crypto threads busy, few enough that a stop
// request is seen within a second or so.
const START_BATCH = 1_000;

/** Runs one simulation and returns its report. */
export async function runSimulation(
  options: SimulationOptions = {},
  hooks: {
    /** Phones started so far, of all app users' phones, while the run sets up. */
    onStarting?: (started: number, phones: number) => void;
    onProgress?: (p: SimulationProgress) => void;
    /** Stops the run between steps; it then rejects with `SimulationInterruptedError`. */
    signal?: AbortSignal;
  } = {},
): Promise<SimulationReport> {
  const o = resolveOptions(options);
  const wallStart = performance.now();
  const totalSteps = o.days * 24 * STEPS_PER_HOUR;
  const config = o.configFile ? loadScoringConfigFile(o.configFile) : undefined;
  const risk = config
    ? (config.exposureJson as Record<string, unknown>).risk_calculation_configuration
    : undefined;

  const town = buildTown(o.phones, o.adoption, o.seed);
  const whereabouts = createWhereabouts(town, o.seed);
  const hasApp = (p: number) => town.people[p]?.hasApp ?? false;
  const epidemic = createEpidemic(o.phones, hasApp, whereabouts, o.seed, {
    ...DEFAULT_EPIDEMIC,
    initialInfectedShare: o.initialInfectedShare,
  });
  const clock = createEventClock(SIMULATION_START_MS);
  const record: RunRecord = {
    positives: [],
    issued: new Map(),
    registrations: new Map(),
    notifications: [],
    keysSubmitted: 0,
    exportRuns: [],
  };

  // Processing numbers arrive by SMS; the phone number says whose they are.
  const servers = await startServers({
    now: () => clock.now(),
    exportPeriodSeconds: o.exportPeriodHours * 3600,
    ...(config ? { exposureConfigurationJson: readFileSync(o.configFile ?? '', 'utf8') } : {}),
    ...(risk ? { riskCalculationJson: JSON.stringify(risk) } : {}),
    onSms: (to, text) => {
      const person = personOfPhoneNumber(to);
      const number = /\b(\d{8})\b/.exec(text.replace(/number=/, ' '))?.[1];
      if (person === undefined || !number) return;
      // People open the app some minutes after the text arrives.
      const delaySteps = 1 + Math.floor(labelled(o.seed, person, currentStep, 31)() * 9);
      record.issued.set(person, {
        number,
        step: currentStep,
        registerStep: currentStep + delaySteps,
      });
    },
  });
  let currentStep = 0;
  const traffic = emptyTraffic();
  const air = {
    whereabouts,
    model: createRadioModel(),
    seed: o.seed,
    startMs: SIMULATION_START_MS,
    txPowerDbm: SIMULATED_TX_POWER_DBM,
    advertising: new Map<number, Uint8Array>(),
    readings: { count: 0 },
  };

  const engines = new Map<number, DeviceEngine>();
  const pending: Promise<unknown>[] = [];
  try {
    const staff = await signInStaff(servers.healthCenterUrl, servers.staff);
    const fleet = {
      clock,
      air,
      servers,
      traffic,
      gate: requestGate(PHONE_REQUESTS_IN_FLIGHT),
      seed: o.seed,
      checkIntervalMs: o.checkIntervalHours * 3_600_000,
      storageDir: path.join(servers.folder, 'phones'),
      keyTables: sharedKeyTables(nodeCryptoBackend),
      onNotify: (person: number, n: { newContactDays: { dateMs: number }[] }) => {
        record.notifications.push({
          person,
          step: currentStep,
          days: n.newContactDays.map((d) => d.dateMs),
        });
        epidemic.notified(person, currentStep);
      },
    };
    for (const p of town.people) if (p.hasApp) engines.set(p.id, createPhone(p.id, fleet));
    // The app's consent screen is behind us: recording and notifications are on. Starting
    // takes minutes in a large town, so it goes in batches that a stop request can end.
    const all = [...engines.values()];
    for (let i = 0; i < all.length; i += START_BATCH) {
      if (hooks.signal?.aborted) throw new SimulationInterruptedError(0, totalSteps);
      await Promise.all(
        all.slice(i, i + START_BATCH).map(async (e) => {
          await e.start();
          await e.setRecording(true);
          await e.setNotifications(true);
        }),
      );
      hooks.onStarting?.(Math.min(i + START_BATCH, all.length), all.length);
    }

    const exportEvery = o.exportPeriodHours * STEPS_PER_HOUR;
    for (let step = 0; step < totalSteps; step++) {
      if (hooks.signal?.aborted) throw new SimulationInterruptedError(step, totalSteps);
      currentStep = step;
      await clock.advanceTo(SIMULATION_START_MS + step * STEP_MS);

      for (const result of epidemic.step(step)) {
        // Results due before the start arrive at the start: that is when the nurse sees them.
        record.positives.push({ ...result, step });
        await issueNumber(staff, result, whereabouts.localTime);
      }
      const registering: Promise<unknown>[] = [];
      for (const [person, issued] of record.issued) {
        if (issued.registerStep !== step || record.registrations.has(person)) continue;
        const engine = engines.get(person);
        if (!engine || labelled(o.seed, person, 0, 29)() >= o.registrationShare) continue;
        // Each upload finishes within its step, so which export publishes its keys does not
        // depend on how fast the servers answered. Only an upload waiting to retry (after an
        // overloaded server) goes on in simulated time.
        let retrying = (): void => undefined;
        const waiting = new Promise<void>((resolve) => (retrying = resolve));
        const done = register(engine, person, issued.number, step, () => retrying());
        pending.push(done);
        registering.push(Promise.race([done, waiting]));
      }
      await Promise.all(registering);
      if (step > 0 && step % exportEvery === 0) {
        const run = await servers.notificationServer.runExport();
        record.exportRuns.push({
          step,
          files: run.files.length,
          keys: run.files.reduce((s, f) => s + f.keyCount, 0),
        });
      }
      if (step % STEPS_PER_HOUR === 0) {
        hooks.onProgress?.({
          step,
          totalSteps,
          day: Math.floor(step / (24 * STEPS_PER_HOUR)),
          infected: epidemic.infectedCount(),
          positiveResults: record.positives.length,
          registrations: record.registrations.size,
          notifications: record.notifications.length,
        });
      }
    }
    await clock.advanceTo(SIMULATION_START_MS + totalSteps * STEP_MS);
    await Promise.all(pending);

    const finalDays = new Map<number, number[]>();
    for (const [person, engine] of engines) {
      finalDays.set(
        person,
        (await engine.contactDays()).map((d) => d.dateMs),
      );
    }
    await stopEngines(engines.values());
    return buildReport({
      options: o,
      town,
      epidemic,
      record,
      finalDays,
      traffic,
      staffRequests: staff.requests(),
      verificationRequests: servers.verificationRequests(),
      readings: air.readings.count,
      startMs: SIMULATION_START_MS,
      wallSeconds: (performance.now() - wallStart) / 1000,
      // The kernel's own peak for the process, not a sample that could miss a short spike.
      peakRssMiB: (process.resourceUsage().maxRSS * 1024) / 2 ** 20,
    });
  } finally {
    // After an interruption registrations may still be under way; let them end first.
    await Promise.allSettled(pending);
    await stopEngines(engines.values());
    await servers.close();
  }

  async function register(
    engine: DeviceEngine,
    person: number,
    number: string,
    step: number,
    onRetry: () => void,
  ) {
    const positive = record.positives.find((r) => r.person === person);
    record.registrations.set(person, { step, ok: false, keys: 0 });
    const onsetStep = positive?.onsetStep ?? positive?.testStep ?? step;
    const result = await engine.register(
      {
        consent: true,
        processingNumber: number,
        hasSymptom: positive?.onsetStep !== undefined,
        onsetOrTestDate: `${localDate(whereabouts.localTime(onsetStep).day)}T00:00:00+09:00`,
      },
      (progress) => {
        if (progress.state === 'retrying') onRetry();
      },
    );
    const ok = result.outcome === 'success';
    record.registrations.set(person, {
      step,
      ok,
      keys: ok && 'keysSent' in result ? result.keysSent : 0,
    });
    if (ok && 'keysSent' in result) record.keysSubmitted += result.keysSent;
  }
}

/**
 * Stops engines a few at a time. Each seals the scans it still holds; all at once would keep
 * every phone's plain and sealed copies in memory together, gigabytes in a large town.
 * Stopping an engine twice does nothing more.
 */
async function stopEngines(engines: Iterable<DeviceEngine>): Promise<void> {
  const all = [...engines];
  for (let i = 0; i < all.length; i += STOP_BATCH) {
    await Promise.all(all.slice(i, i + STOP_BATCH).map((e) => e.stop()));
  }
}

/** Thrown when a run was stopped through its abort signal; servers and files are cleaned up. */
export class SimulationInterruptedError extends Error {
  /** Stable reason. */
  readonly code = 'SIMULATION_INTERRUPTED';

  constructor(step: number, totalSteps: number) {
    super(`simulation stopped at step ${step} of ${totalSteps}`);
    this.name = 'SimulationInterruptedError';
  }
}

/** Every person's phone number, `090` plus eight digits of the id (a fictitious block). */
export function phoneNumberOf(person: number): string {
  return `090${String(person).padStart(8, '0')}`;
}

function personOfPhoneNumber(e164: string): number | undefined {
  const m = /^\+8190(\d{8})$/.exec(e164);
  return m ? Number(m[1]) : undefined;
}

/** `YYYY-MM-DD` of a local day index (day 0 is the start's local date). */
function localDate(day: number): string {
  return new Date(SIMULATION_START_MS + day * 86_400_000).toISOString().slice(0, 10);
}

async function issueNumber(
  staff: Awaited<ReturnType<typeof signInStaff>>,
  result: PositiveResult,
  localTime: (step: number) => { day: number },
): Promise<void> {
  const onset =
    result.onsetStep === undefined ? undefined : localDate(localTime(result.onsetStep).day);
  await staff.issueNumber({
    phoneNumber: phoneNumberOf(result.person),
    testDate: localDate(localTime(result.testStep).day),
    ...(onset && onset <= localDate(localTime(result.testStep).day) ? { onsetDate: onset } : {}),
  });
}
