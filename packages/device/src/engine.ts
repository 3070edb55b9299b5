/**
 * `createDevice`: wires own keys, radio, sightings, exposure checks and registration into one
 * engine whose status the home screen can trust. All work runs one step at a time through a
 * queue, so "delete all data" can never interleave with a scan that would write after it.
 */
import { INTERVAL_SECONDS, enIntervalNumber } from '@cocoa/protocol';
import { systemClock, type TimerHandle } from './clock.ts';
import {
  CHECK_INTERVAL_MS,
  CLOCK_SKEW_LIMIT_MS,
  DEFAULT_DECOY_MEAN_INTERVAL_MS,
  SCAN_INTERVAL_MS,
} from './constants.ts';
import { contactDayStore } from './contact-days.ts';
import { runExposureCheck } from './exposure-check.ts';
import { ownKeys } from './own-keys.ts';
import { secureRecords } from './records.ts';
import { sendDecoySubmission, submitRegistration, type SubmissionContext } from './registration.ts';
import { SETTINGS_RECORD, defaultSettings, loadSettings, type Settings } from './settings.ts';
import { sightingLog } from './sightings.ts';
import type { DeviceEngine, DeviceOptions, DeviceStatus, ExposureCheckResult } from './types.ts';
import { webCryptoVerifier } from './verify/webcrypto.ts';

const INTERVAL_MS = INTERVAL_SECONDS * 1000;

/** Creates an engine; nothing runs until `start()`. */
export function createDevice(options: DeviceOptions): DeviceEngine {
  const clock = options.clock ?? systemClock;
  const fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const random = options.random ?? Math.random;
  const verifier = options.verifier ?? webCryptoVerifier();
  const backend = options.cryptoBackend;
  const records = secureRecords(options.storage, options.vault);
  const keys = ownKeys(records, backend, options.calibration);
  const sightings = sightingLog(records, {
    batchMs: options.sightingBatchMs ?? 0,
    keepOpen: options.keepSightingsOpen ?? true,
  });
  const contactDays = contactDayStore(records);
  const listeners = new Set<(status: DeviceStatus) => void>();
  const submission: SubmissionContext = {
    fetch: fetchFn,
    clock,
    random,
    randomBytes: (n) => backend.randomBytes(n),
    submissionUrl: options.server.submissionUrl,
    region: options.region,
    platform: options.platform ?? 'web',
    appPackageName: options.appPackageName ?? 'jp.example.cocoa.web',
  };

  let settings: Settings = defaultSettings();
  let settingsLoaded = false;
  const readSettings = async (): Promise<Settings> => {
    const loaded = await loadSettings(records);
    settingsLoaded = true;
    return loaded;
  };
  let running = false;
  let scanTimer: TimerHandle | null = null;
  let rotateTimer: TimerHandle | null = null;
  let checkTimer: TimerHandle | null = null;
  let decoyTimer: TimerHandle | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  // One step at a time; a failed step does not block the next one.
  const exclusive = <T>(step: () => Promise<T>): Promise<T> => {
    const run = queue.then(step, step);
    queue = run.catch(() => undefined);
    return run;
  };

  const status = (): DeviceStatus => {
    const unreadable = records.unreadable().size;
    const skew = settings.clockSkewMs;
    const base = {
      recording: settings.recording,
      notifications: settings.notifications,
      lastCheckMs: settings.lastCheckMs,
      lastAttemptMs: settings.lastAttemptMs,
      clockSkewMs: skew,
      clockSkewWarning: skew !== null && Math.abs(skew) > CLOCK_SKEW_LIMIT_MS,
      firstUseMs: settings.firstUseMs,
      storageProblem:
        unreadable > 0
          ? { code: 'STORAGE_CORRUPTED' as const, unreadableRecords: unreadable }
          : null,
    };
    if (unreadable > 0) return { ...base, state: 'cannot-check', reason: 'storage' };
    if (!settings.recording) return { ...base, state: 'stopped' };
    if (settings.failure) return { ...base, state: 'cannot-check', reason: settings.failure };
    return { ...base, state: 'working' };
  };

  const emit = (): void => {
    const snapshot = status();
    for (const listener of listeners) listener(snapshot);
  };

  const saveSettings = async (patch: Partial<Settings>): Promise<void> => {
    // A toggle may come before start() has read the stored settings; writing defaults then
    // would lose the first-use date, the last check and the last handled file.
    if (!settingsLoaded) settings = await readSettings();
    settings = { ...settings, ...patch };
    await records.write(SETTINGS_RECORD, settings);
  };

  const clear = (timer: TimerHandle | null): null => {
    if (timer !== null) clock.clearTimeout(timer);
    return null;
  };

  // Timers capture the time they fire at and schedule their successor at once: a fast-forwarded
  // clock (Playwright's, or the simulator's) may run several timers before queued work starts,
  // and the work must still carry the instant it belongs to.

  // Advertising: the RPI and AEM change at every 10-minute interval boundary.
  const advertise = async (atMs: number): Promise<void> => {
    if (!running || !settings.recording) return;
    options.radio.advertise(await keys.serviceDataAt(atMs));
  };
  const scheduleRotate = (): void => {
    const now = clock.now();
    const next = (enIntervalNumber(now) + 1) * INTERVAL_MS;
    rotateTimer = clock.setTimeout(() => {
      const at = clock.now();
      scheduleRotate();
      return exclusive(() => advertise(at));
    }, next - now);
  };

  // Scanning: a few seconds of readings about every 5 minutes, stored sealed.
  const scan = async (atMs: number): Promise<void> => {
    if (!running || !settings.recording) return;
    const readings = await options.radio.scan(atMs);
    if (!settings.recording) return;
    await sightings.record(atMs, readings);
  };
  const scheduleScan = (delayMs: number): void => {
    scanTimer = clock.setTimeout(() => {
      const at = clock.now();
      scheduleScan(SCAN_INTERVAL_MS);
      return exclusive(() => scan(at));
    }, delayMs);
  };

  const startRadio = async (): Promise<void> => {
    await advertise(clock.now());
    scheduleRotate();
    scheduleScan(0);
  };
  const stopRadio = (): void => {
    scanTimer = clear(scanTimer);
    rotateTimer = clear(rotateTimer);
    options.radio.advertise(null);
  };

  const check = async (): Promise<ExposureCheckResult> => {
    const now = clock.now();
    await Promise.all([sightings.prune(now), keys.prune(now), contactDays.prune(now)]);
    const outcome = await runExposureCheck({
      fetch: fetchFn,
      server: options.server,
      region: options.region,
      verificationKeys: options.verificationKeys,
      verifier,
      backend,
      rssiCorrection: options.calibration.rssiCorrection,
      nowMs: now,
      lastHandledCreatedMs: settings.lastHandledCreatedMs,
      sightings: () => sightings.packed(),
      ...(options.keyTables ? { keyTables: options.keyTables } : {}),
    });

    const added = await contactDays.merge(outcome.candidates, now);
    await saveSettings({
      lastAttemptMs: now,
      lastCheckMs: outcome.failure ? settings.lastCheckMs : now,
      failure: outcome.failure ?? null,
      clockSkewMs: outcome.clockSkewMs ?? settings.clockSkewMs,
      lastHandledCreatedMs: outcome.lastHandledCreatedMs,
    });
    if (added.length > 0 && settings.notifications) options.notify?.({ newContactDays: added });
    return outcome.failure
      ? {
          ok: false,
          reason: outcome.failure,
          filesProcessed: outcome.filesProcessed,
          newContactDays: added,
        }
      : { ok: true, filesProcessed: outcome.filesProcessed, newContactDays: added };
  };
  const scheduleCheck = (): void => {
    checkTimer = clock.setTimeout(() => {
      scheduleCheck();
      return exclusive(check)
        .catch(() => undefined)
        .finally(emit);
    }, options.checkIntervalMs ?? CHECK_INTERVAL_MS);
  };

  // Decoys at random times (exponential gaps), so real registrations hide among them.
  const scheduleDecoy = (): void => {
    const mean = options.decoyMeanIntervalMs ?? DEFAULT_DECOY_MEAN_INTERVAL_MS;
    if (mean <= 0) return;
    const delay = -Math.log(1 - random()) * mean;
    decoyTimer = clock.setTimeout(() => {
      scheduleDecoy();
      return sendDecoy().catch(() => undefined);
    }, delay);
  };

  const sendDecoy = async (): Promise<void> => {
    const count = (await exclusive(() => keys.keysForSubmission(clock.now()))).length;
    await sendDecoySubmission(submission, Math.max(1, count));
  };

  const engine: DeviceEngine = {
    async start() {
      if (running) return;
      await exclusive(async () => {
        settings = await readSettings();
        await records.sweep();
        sightings.reload();
        running = true;
        if (settings.firstUseMs === null) await saveSettings({ firstUseMs: clock.now() });
        if (settings.recording) await startRadio();
      });
      scheduleCheck();
      scheduleDecoy();
      emit();
      await engine.checkExposure().catch(() => undefined);
    },

    async stop() {
      running = false;
      stopRadio();
      checkTimer = clear(checkTimer);
      decoyTimer = clear(decoyTimer);
      await exclusive(() => sightings.flush());
      emit();
    },

    async setRecording(on) {
      await exclusive(async () => {
        await saveSettings({ recording: on });
        if (!running) return;
        if (on) {
          stopRadio();
          await startRadio();
        } else {
          stopRadio();
          await sightings.flush();
        }
      });
      emit();
    },

    async setNotifications(on) {
      await exclusive(() => saveSettings({ notifications: on }));
      emit();
    },

    status,

    async checkExposure() {
      try {
        return await exclusive(check);
      } finally {
        emit();
      }
    },

    contactDays: () => exclusive(() => contactDays.list(clock.now())),

    async register(input, onProgress) {
      const result = await submitRegistration(
        submission,
        input,
        () =>
          exclusive(async () => {
            // Today's key ends now so it can be published (after its embargo); a fresh key
            // carries on for the rest of the day.
            await keys.releaseToday(clock.now());
            await advertise(clock.now());
            return keys.keysForSubmission(clock.now());
          }),
        onProgress,
      );
      emit();
      return result;
    },

    sendDecoy,

    async deleteAllData() {
      await exclusive(async () => {
        stopRadio();
        await records.wipe();
        keys.forget();
        sightings.forget();
        settings = defaultSettings();
        settingsLoaded = true;
        if (running) await saveSettings({ firstUseMs: clock.now() });
      });
      emit();
    },

    async repairStorage() {
      await exclusive(async () => {
        await records.repair();
        sightings.reload();
        settings = await readSettings();
        await saveSettings({});
      });
      emit();
    },

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return engine;
}
