import { stat } from 'node:fs/promises';
import path from 'node:path';
import { sharedDataPath } from '@cocoa/protocol/node';
import {
  failedRunLabel,
  formatReplayTables,
  loadScoringConfigFile,
  replayLogs,
} from '@cocoa/simulator';
import type { ReplayError, ReplayResults } from '@cocoa/simulator';
import type { ReplayOptions as CommandOptions } from '../commands/replay.ts';
import type { CliContext } from '../context.ts';
import { requireScoringConfigFile } from '../config-file.ts';
import { CliError, ExitCode } from '../errors.ts';
import { refuseEmptyOut } from '../options.ts';
import { ensureWritableDirectory, writeFileAtomically } from '../files.ts';
import { startProgress } from '../progress.ts';

/**
 * `cocoa replay [DIR]`: replays every run of a folder of real phone logs and prints the tables.
 * A broken run is listed with its file and line while the others are still scored.
 */
export async function replayAction(
  context: CliContext,
  dir: string | undefined,
  options: CommandOptions,
): Promise<void> {
  refuseEmptyOut(
    options.out,
    'name the Markdown file for the tables, or leave the flag out to only print them',
  );
  if (dir?.trim() === '') {
    throw new CliError(
      'DIR_EMPTY',
      'the log folder is empty; name a folder of scenario folders, or leave it out to use ' +
        'the shared data',
      { exitCode: ExitCode.USAGE },
    );
  }
  if (options.config !== undefined) await requireScoringConfigFile(options.config);
  const folder = path.resolve(dir ?? defaultLogFolder());
  await requireDirectory(folder);
  // Checked before the replay, so a wrong --out does not throw away a finished replay.
  if (options.out !== undefined) await requireWritableFile(options.out);
  const config = options.config === undefined ? undefined : loadScoringConfigFile(options.config);

  context.note(`cocoa: replaying the phone logs in ${folder}`);
  const progress = startProgress(context, 'reading runs', 1);
  let results;
  try {
    results = replayLogs(folder, {
      ...(config === undefined ? {} : { config }),
      onProgress: (done, total) => progress.update(done, total),
    });
  } finally {
    progress.stop();
  }
  const unread = unreadLogs(results);

  // Tables of no phone at all would look like a result; the reasons are the whole answer.
  if (readPhones(results) === 0) {
    for (const u of unread) context.note(`cocoa: ${u.where}: ${u.error.code} ${u.error.message}`);
    throw new CliError(
      'REPLAY_NOTHING_REPLAYED',
      `no phone log in ${folder} could be replayed (the reasons are above), so there are no ` +
        "tables; add the runs' phone logs or pass another folder",
    );
  }

  const tables = formatReplayTables(results);
  context.print(tables);
  if (options.out !== undefined) {
    await writeFileAtomically(options.out, `${tables}\n`);
    context.note(`cocoa: tables written to ${options.out}`);
  }

  // Everything readable was scored; what was not is named here too, and the exit code says
  // the tables are incomplete.
  for (const u of unread) context.note(`cocoa: ${u.where}: ${u.error.code} ${u.error.message}`);
  if (unread.length > 0) {
    throw new CliError(
      'REPLAY_INCOMPLETE',
      `${unread.length} log(s) above could not be read and were left out; the tables cover the ` +
        'rest. Fix or remove those files and replay again',
    );
  }
}

/** Every scenario, run and phone log that could not be read, named for the error stream. */
function unreadLogs(results: ReplayResults): { where: string; error: ReplayError }[] {
  return [
    ...results.failures.map((f) => ({ where: failedRunLabel(f), error: f.error })),
    ...results.notEvaluable.flatMap((c) =>
      c.error ? [{ where: `${c.scenario}/${c.run} phone ${c.phone}`, error: c.error }] : [],
    ),
  ];
}

/** Receiving phones whose logs were read, scored or not. */
function readPhones(results: ReplayResults): number {
  return results.rows.length + results.notEvaluable.filter((c) => !c.error).length;
}

/** Refuses an --out that is a directory or cannot be written, creating its folder if needed. */
async function requireWritableFile(out: string): Promise<void> {
  const info = await stat(out).catch(() => undefined);
  if (info?.isDirectory() === true) {
    throw new CliError(
      'NOT_A_FILE',
      `--out ${out} is a directory; name a file, such as ${path.join(out, 'replay.md')}`,
    );
  }
  await ensureWritableDirectory(path.dirname(path.resolve(out)), 'choose another --out file');
}

async function requireDirectory(folder: string): Promise<void> {
  const info = await stat(folder).catch(() => undefined);
  if (info === undefined) {
    throw new CliError('FILE_NOT_FOUND', `log folder ${folder} does not exist; check the path`);
  }
  if (!info.isDirectory()) {
    throw new CliError('NOT_A_DIRECTORY', `${folder} is a file; pass the folder of scenarios`);
  }
}

/** The MITLL-UA logs in the shared reference data, or a clear error when they are not there. */
function defaultLogFolder(): string {
  try {
    return sharedDataPath('en-logs', 'mitll-ua');
  } catch (error) {
    throw new CliError(
      'SHARED_DATA_NOT_FOUND',
      `${(error as Error).message}, or name the folder of scenarios: cocoa replay FOLDER`,
      { cause: error },
    );
  }
}
