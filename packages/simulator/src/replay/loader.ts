/**
 * Finds and reads every scenario and run under a log folder laid out as
 * `<scenario>/<name>_setup.json`, `<scenario>/<run>/<run>_info.json` and
 * `<scenario>/<run>/<any>/<nn>_dumpsys.txt`. A broken file spoils only what depends on it:
 * its phone, its run or its scenario, and every other run is still loaded.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDumpsys, type DumpsysLog } from './dumpsys.ts';
import { ReplayError } from './errors.ts';
import { parseInfo, type RunInfo } from './info-file.ts';
import { parseSetup, type ScenarioSetup } from './setup-file.ts';

/** One phone's log in a run, or why it could not be read. */
export interface LoadedPhone {
  id: string;
  file: string;
  log: DumpsysLog | undefined;
  error: ReplayError | undefined;
}

/** One run: its info file and phone logs, or the error that stopped it. */
export interface LoadedRun {
  id: string;
  dir: string;
  info: RunInfo | undefined;
  phones: Map<string, LoadedPhone>;
  error: ReplayError | undefined;
}

/** One scenario with its runs. */
export interface LoadedScenario {
  name: string;
  dir: string;
  setup: ScenarioSetup | undefined;
  runs: LoadedRun[];
  error: ReplayError | undefined;
}

const SETUP_SUFFIX = '_setup.json';
const DUMPSYS = /^(.+)_dumpsys\.txt$/;

/** Told after each run is read, with how many runs there are in all. */
export type LoadProgress = (runsRead: number, runsInAll: number) => void;

/** Loads every scenario found in `folder` (a root of scenarios, one scenario, or one run). */
export function loadLogFolder(folder: string, onProgress?: LoadProgress): LoadedScenario[] {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new ReplayError('REPLAY_FILE_MISSING', folder, undefined, 'log folder not found');
  }
  const scenarioDirs = findScenarioDirs(folder);
  if (scenarioDirs.length > 0) {
    const plans = scenarioDirs.map((dir) => ({ dir, runs: listRuns(dir) }));
    const counter = progressCounter(
      plans.reduce((sum, p) => sum + p.runs.length, 0),
      onProgress,
    );
    return plans.map((p) => loadScenario(p.dir, p.runs, counter));
  }

  // A single run folder: its scenario's setup file sits one level up.
  if (existsSync(infoPath(folder))) {
    const runs = [path.basename(folder)];
    return [loadScenario(path.dirname(folder), runs, progressCounter(1, onProgress))];
  }
  throw new ReplayError(
    'REPLAY_NOT_A_LOG_FOLDER',
    folder,
    undefined,
    `no *${SETUP_SUFFIX} scenario file or <folder name>_info.json run file found; pass a folder of ` +
      'scenarios, one scenario folder, or one run folder inside its scenario',
  );
}

/** Directories (the folder itself or below it) that hold a setup file, sorted by path. */
function findScenarioDirs(folder: string): string[] {
  const found: string[] = [];
  const visit = (dir: string, depth: number) => {
    const names = readdirSync(dir).sort();
    if (names.some((n) => n.endsWith(SETUP_SUFFIX))) found.push(dir);
    else if (depth < 3) {
      for (const n of names) {
        const child = path.join(dir, n);
        if (statSync(child).isDirectory()) visit(child, depth + 1);
      }
    }
  };
  visit(folder, 0);
  return found;
}

function infoPath(runDir: string): string {
  return path.join(runDir, `${path.basename(runDir)}_info.json`);
}

/** Calls `onProgress` with a growing count each time it is called itself. */
function progressCounter(total: number, onProgress: LoadProgress | undefined): () => void {
  let done = 0;
  onProgress?.(0, total);
  return () => onProgress?.(++done, total);
}

/** The run folders of a scenario folder: those holding a `<run>_info.json`, sorted. */
function listRuns(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => statSync(path.join(dir, n)).isDirectory())
    .filter((n) => existsSync(infoPath(path.join(dir, n))))
    .sort();
}

/** Reads a scenario's setup and the named runs, counting each run as read, even a broken one. */
function loadScenario(dir: string, runNames: string[], runRead: () => void): LoadedScenario {
  const scenario: LoadedScenario = {
    name: path.basename(dir),
    dir,
    setup: undefined,
    runs: [],
    error: undefined,
  };
  const setupName = readdirSync(dir).find((n) => n.endsWith(SETUP_SUFFIX));
  const setupFile = path.join(dir, setupName ?? `${path.basename(dir)}${SETUP_SUFFIX}`);
  try {
    scenario.setup = parseSetup(readText(setupFile), setupFile);
  } catch (error) {
    runNames.forEach(() => runRead());
    return { ...scenario, error: asReplayError(error, setupFile) };
  }
  // A setup alone says where people stood, not what any phone heard: nothing to replay.
  if (runNames.length === 0) {
    const error = new ReplayError(
      'REPLAY_NO_PHONE_LOGS',
      dir,
      undefined,
      `scenario ${scenario.name} has its setup but no run with phone logs (a folder <run> ` +
        "holding <run>_info.json and the phones' *_dumpsys.txt files)",
    );
    return { ...scenario, error };
  }

  scenario.runs = runNames.map((n) => {
    const run = loadRun(path.join(dir, n), scenario.setup);
    runRead();
    return run;
  });
  return { ...scenario, error: undefined };
}

/** Reads a run's info file and phone logs and checks every phone id against the setup. */
function loadRun(dir: string, setup: ScenarioSetup | undefined): LoadedRun {
  const run: LoadedRun = {
    id: path.basename(dir),
    dir,
    info: undefined,
    phones: new Map(),
    error: undefined,
  };
  const file = infoPath(dir);
  try {
    run.info = parseInfo(readText(file), file);
    if (setup) checkIds(run.info, setup, file);
    for (const [id, logFile] of findLogs(dir)) run.phones.set(id, loadPhone(id, logFile));
    checkLogOwners(run, file);
  } catch (error) {
    run.error = asReplayError(error, file);
  }
  return run;
}

/** Every agent and phone an info file names must exist in the scenario's setup. */
function checkIds(info: RunInfo, setup: ScenarioSetup, file: string): void {
  for (const d of info.details) {
    if (!setup.phones.some((p) => p.id === d.phone)) {
      throw new ReplayError(
        'REPLAY_UNKNOWN_PHONE',
        file,
        undefined,
        `phone ${d.phone} is not in the setup`,
      );
    }
    if (!setup.agents.some((a) => a.id === d.agent)) {
      throw new ReplayError(
        'REPLAY_UNKNOWN_AGENT',
        file,
        undefined,
        `agent ${d.agent} is not in the setup`,
      );
    }
  }
}

/** A log for a phone the run does not list is refused; a listed phone without a log is noted. */
function checkLogOwners(run: LoadedRun, infoFile: string): void {
  const listed = new Set(run.info?.details.map((d) => d.phone));
  for (const phone of run.phones.values()) {
    if (!listed.has(phone.id)) {
      throw new ReplayError(
        'REPLAY_UNKNOWN_PHONE',
        phone.file,
        undefined,
        `phone ${phone.id} is not listed in ${path.basename(infoFile)}`,
      );
    }
  }
  for (const id of listed) {
    if (run.phones.has(id)) continue;
    const missing = missingLogPath(run.dir, id);
    const error = new ReplayError(
      'REPLAY_FILE_MISSING',
      missing,
      undefined,
      `no log for phone ${id}`,
    );
    run.phones.set(id, { id, file: missing, log: undefined, error });
  }
}

/**
 * Where a missing phone log was expected: in the phone's own folder of the run (named
 * `<date>_<run>_<phone>` in the MITLL layout) when that folder exists, else in the run folder.
 */
function missingLogPath(runDir: string, id: string): string {
  const phoneDir = readdirSync(runDir)
    .sort()
    .find((n) => n.endsWith(`_${id}`) && statSync(path.join(runDir, n)).isDirectory());
  return path.join(
    phoneDir === undefined ? runDir : path.join(runDir, phoneDir),
    `${id}_dumpsys.txt`,
  );
}

/** Phone id → log file, searching the run folder and its direct subfolders. */
function findLogs(dir: string): Map<string, string> {
  const logs = new Map<string, string>();
  const take = (folder: string) => {
    for (const n of readdirSync(folder).sort()) {
      const m = DUMPSYS.exec(n);
      if (m?.[1]) logs.set(m[1], path.join(folder, n));
    }
  };
  take(dir);
  for (const n of readdirSync(dir).sort()) {
    const child = path.join(dir, n);
    if (statSync(child).isDirectory()) take(child);
  }
  return logs;
}

function loadPhone(id: string, file: string): LoadedPhone {
  try {
    return { id, file, log: parseDumpsys(readText(file), file), error: undefined };
  } catch (error) {
    return { id, file, log: undefined, error: asReplayError(error, file) };
  }
}

function readText(file: string): string {
  if (!existsSync(file))
    throw new ReplayError('REPLAY_FILE_MISSING', file, undefined, 'file not found');
  return readFileSync(file, 'utf8');
}

function asReplayError(error: unknown, file: string): ReplayError {
  if (error instanceof ReplayError) return error;
  const what = error instanceof Error ? error.message : String(error);
  return new ReplayError('REPLAY_FILE_MISSING', file, undefined, `cannot read: ${what}`);
}
