/** Options of a simulation run, with the defaults the command line shows. */
import { SIMULATION_DEFAULTS, SIMULATION_LIMITS } from './limits.ts';

/** What a caller may set; every field has a default. */
export interface SimulationOptions {
  /** People in the town, one phone each (default 1,000). */
  phones?: number;
  /** Simulated days (default 14). */
  days?: number;
  /** Seed of every random draw; the same seed repeats the run exactly (default 1). */
  seed?: number;
  /** Share of phones running the app (default 0.5). */
  adoption?: number;
  /** Share of app users with a positive result who register it (default 0.6). */
  registrationShare?: number;
  /** COCOA-shaped exposure configuration file; COCOA's production values when absent. */
  configFile?: string;
  /** Share of the town infected in the week before the start (default 0.01). */
  initialInfectedShare?: number;
  /** Hours between export job runs (default 12). */
  exportPeriodHours?: number;
  /** Hours between each phone's exposure checks (default 24, about once a day). */
  checkIntervalHours?: number;
}

/** Progress of a run, reported about once per simulated hour. */
export interface SimulationProgress {
  step: number;
  totalSteps: number;
  day: number;
  infected: number;
  positiveResults: number;
  registrations: number;
  notifications: number;
}

/** Options with defaults applied. */
export type ResolvedOptions = Required<Omit<SimulationOptions, 'configFile'>> & {
  configFile: string | undefined;
};

/** Thrown for options that make no sense, with a stable code. */
export class SimulationOptionError extends Error {
  /** Stable reason. */
  readonly code = 'SIMULATION_OPTION_INVALID';

  constructor(message: string) {
    super(message);
    this.name = 'SimulationOptionError';
  }
}

/** Applies defaults and checks ranges. */
export function resolveOptions(o: SimulationOptions): ResolvedOptions {
  const r: ResolvedOptions = {
    phones: o.phones ?? SIMULATION_DEFAULTS.phones,
    days: o.days ?? SIMULATION_DEFAULTS.days,
    seed: o.seed ?? SIMULATION_DEFAULTS.seed,
    adoption: o.adoption ?? 0.5,
    registrationShare: o.registrationShare ?? 0.6,
    configFile: o.configFile,
    initialInfectedShare: o.initialInfectedShare ?? 0.01,
    exportPeriodHours: o.exportPeriodHours ?? 12,
    checkIntervalHours: o.checkIntervalHours ?? 24,
  };
  const check = (ok: boolean, what: string) => {
    if (!ok) throw new SimulationOptionError(what);
  };
  const within = (n: number, { min, max }: { min: number; max: number }) =>
    Number.isInteger(n) && n >= min && n <= max;
  const { phones, days, seed } = SIMULATION_LIMITS;
  check(
    within(r.phones, phones),
    `phones must be an integer from ${phones.min} to ${phones.max.toLocaleString('en')}`,
  );
  check(within(r.days, days), `days must be an integer from ${days.min} to ${days.max}`);
  check(within(r.seed, seed), `seed must be an integer from ${seed.min} to ${seed.max}`);
  check(r.adoption > 0 && r.adoption <= 1, 'adoption must be in (0, 1]');
  check(
    r.registrationShare >= 0 && r.registrationShare <= 1,
    'registration share must be in [0, 1]',
  );
  check(
    r.initialInfectedShare > 0 && r.initialInfectedShare < 1,
    'initial infected share must be in (0, 1)',
  );
  check(24 % r.exportPeriodHours === 0, 'export period must divide 24 hours');
  check(r.checkIntervalHours > 0, 'check interval must be positive');
  return r;
}
