/**
 * One row of the replay per receiving phone and run: what the phone heard of the sick phone
 * (as scan instances and windows), the level its real EN app reported, and the geometric
 * ground truth from the setup positions.
 */
import { ReplayError } from './errors.ts';
import { closestFeet, minutesWithin } from './geometry.ts';
import type { LoadedRun, LoadedScenario } from './loader.ts';
import type { ReportedLevel } from './info-file.ts';
import {
  scansOfSickPhone,
  txPowerFor,
  windowsOf,
  type ReplayWindow,
  type TxPowerSource,
} from './scans.ts';

/** The contact criterion the scenarios were designed around: 15 minutes within 6 ft. */
export const CLOSE_CONTACT_MINUTES = 15;

/** One receiving phone in one run. */
export interface ReceiverCase {
  scenario: string;
  run: string;
  phone: string;
  agent: string;
  phoneSituation: string;
  /** The scenario's three attenuation thresholds (dB) from its setup. */
  scenarioThresholds: number[];
  /** Level the real EN app reported (the corrected one when the file gives it). */
  reportedLevel: ReportedLevel;
  minutesWithin6ft: number;
  closestFeet: number | undefined;
  /** Geometric truth: within 6 ft of the sick agent for at least 15 minutes. */
  closeContact: boolean;
  /** False when the log holds no sightings at all (reduced iPhone logs): no verdict possible. */
  evaluable: boolean;
  scanCount: number;
  windows: ReplayWindow[];
  sickTxPowerSource: TxPowerSource | undefined;
  error: ReplayError | undefined;
}

/** A run that could not be replayed, and why. */
export interface FailedRun {
  scenario: string;
  /** The run's folder name, or `*` when the whole scenario failed. */
  run: string;
  error: ReplayError;
}

/** `scenario/run`, or the scenario alone when all of it failed, to name a failure. */
export function failedRunLabel(failure: FailedRun): string {
  return failure.run === '*' ? failure.scenario : `${failure.scenario}/${failure.run}`;
}

/** Every receiver case of the loaded scenarios, plus the runs that failed. */
export function buildCases(scenarios: LoadedScenario[]): {
  cases: ReceiverCase[];
  failures: FailedRun[];
} {
  const cases: ReceiverCase[] = [];
  const failures: FailedRun[] = [];
  for (const scenario of scenarios) {
    if (scenario.error) {
      failures.push({ scenario: scenario.name, run: '*', error: scenario.error });
      continue;
    }
    for (const run of scenario.runs) {
      try {
        cases.push(...casesOfRun(scenario, run));
      } catch (error) {
        if (!(error instanceof ReplayError)) throw error;
        failures.push({ scenario: scenario.name, run: run.id, error });
      }
    }
  }
  return { cases, failures };
}

/** The cases of one run; throws a ReplayError when the run as a whole cannot be replayed. */
function casesOfRun(scenario: LoadedScenario, run: LoadedRun): ReceiverCase[] {
  if (run.error) throw run.error;
  const setup = scenario.setup;
  const info = run.info;
  if (!setup || !info)
    throw new ReplayError('REPLAY_FILE_MISSING', run.dir, undefined, 'run not loaded');

  const sickDetail = info.details.find((d) => d.exposure === 'sick');
  const infoFile = `${run.dir}/${run.id}_info.json`;
  if (!sickDetail)
    throw new ReplayError('REPLAY_NO_SICK_PHONE', infoFile, undefined, 'no phone is marked sick');
  const sickPhone = run.phones.get(sickDetail.phone);
  if (!sickPhone?.log) {
    throw (
      sickPhone?.error ??
      new ReplayError('REPLAY_FILE_MISSING', infoFile, undefined, 'no log for the sick phone')
    );
  }
  const sickSetup = setup.phones.find((p) => p.id === sickDetail.phone);
  const sickAgent = setup.agents.find((a) => a.id === sickDetail.agent);
  if (!sickAgent)
    throw new ReplayError(
      'REPLAY_UNKNOWN_AGENT',
      infoFile,
      undefined,
      `agent ${sickDetail.agent} is not in the setup`,
    );
  const sickLog = sickPhone.log;
  const firstRpi = sickLog.advertisements[0]?.rollingProximityId;
  const txSource = firstRpi ? txPowerFor(firstRpi, sickLog, sickSetup)?.source : undefined;
  const minutes = Math.round((info.stopMs - info.startMs) / 60_000);

  return info.details
    .filter((d) => d !== sickDetail)
    .map((detail) => {
      const agent = setup.agents.find((a) => a.id === detail.agent);
      const phone = run.phones.get(detail.phone);
      const within = agent ? minutesWithin(agent, sickAgent, minutes) : 0;
      const base = {
        scenario: scenario.name,
        run: run.id,
        phone: detail.phone,
        agent: detail.agent,
        phoneSituation: agent?.phoneSituation ?? '',
        scenarioThresholds: setup.thresholds,
        reportedLevel: detail.correctedExposure ?? detail.exposure,
        minutesWithin6ft: within,
        closestFeet: agent ? closestFeet(agent, sickAgent, minutes) : undefined,
        closeContact: within >= CLOSE_CONTACT_MINUTES,
        sickTxPowerSource: txSource,
      };
      if (!phone?.log) {
        return { ...base, evaluable: false, scanCount: 0, windows: [], error: phone?.error };
      }
      const phoneSetup = setup.phones.find((p) => p.id === detail.phone);
      const scans = scansOfSickPhone(phone.log, phoneSetup, sickLog, sickSetup);
      const confidence = sickLog.flags.calibrationConfidence ?? 0;
      return {
        ...base,
        evaluable: phone.log.sightings.length > 0,
        scanCount: scans.length,
        windows: windowsOf(scans, confidence),
        error: undefined,
      };
    });
}
