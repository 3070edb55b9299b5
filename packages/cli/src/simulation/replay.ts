import { stat } from 'node:fs/promises';
import path from 'node:path';
import { sharedDataPath } from '@cocoa/protocol/node';
import { formatReplayTables, loadScoringConfigFile, replayLogs } from '@cocoa/simulator';
import type { ReplayOptions as CommandOptions } from '../commands/replay.ts';
import type { CliContext } from '../context.ts';
import { CliError } from '../errors.ts';
import { writeFileAtomically } from '../files.ts';
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
  const folder = path.resolve(dir ?? sharedDataPath('en-logs', 'mitll-ua'));
  await requireDirectory(folder);
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
  const tables = formatReplayTables(results);
  context.print(tables);

  if (options.out !== undefined) {
    await writeFileAtomically(options.out, `${tables}\n`);
    context.note(`cocoa: tables written to ${options.out}`);
  }
  if (results.failures.length > 0) {
    context.note(`cocoa: ${results.failures.length} run(s) could not be read; see the list above`);
  }
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
