import path from 'node:path';
import {
  removeAbandonedRunFolders,
  runSimulation,
  SimulationInterruptedError,
  writeSimulationReport,
} from '@cocoa/simulator';
import type { SimulationReport } from '@cocoa/simulator';
import type { SimulateOptions } from '../commands/simulate.ts';
import type { CliContext } from '../context.ts';
import { dataLayout, resolveDataDir } from '../data-dir.ts';
import { requireScoringConfigFile } from '../config-file.ts';
import { CliError, ExitCode } from '../errors.ts';
import { refuseEmptyOut } from '../options.ts';
import { ensureWritableDirectory } from '../files.ts';
import { startProgress } from '../progress.ts';

/**
 * `cocoa simulate`: runs a town of phones through the real servers with a progress bar, writes
 * the JSON and HTML report, and prints a short summary of notified contact days.
 */
export async function simulateAction(context: CliContext, options: SimulateOptions): Promise<void> {
  if (options.config !== undefined) await requireScoringConfigFile(options.config);
  refuseEmptyOut(options.out, 'name the folder for the report');
  const outDir = path.resolve(
    options.out ??
      path.join(dataLayout(resolveDataDir(options.dataDir, context.env)).root, 'simulation'),
  );
  // A refused folder is found now, not after the run.
  await ensureWritableDirectory(outDir, 'choose another --out folder');

  context.note(
    `cocoa: simulating ${options.phones} phones for ${options.days} ${options.days === 1 ? 'day' : 'days'} (seed ${options.seed})`,
  );
  // The run would remove them anyway; doing it here lets the user know where the space went.
  for (const folder of removeAbandonedRunFolders()) {
    context.note(`cocoa: removed ${folder}, left by a simulation that was killed`);
  }
  const progress = startProgress(context, 'starting', 1);
  // Ctrl+C or SIGTERM stops the run while the phones start or between steps: the servers close and their temporary files
  // go, and no report is written. A second signal ends the process at once.
  const stop = new AbortController();
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop.signal.aborted) process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    stop.abort();
  };
  for (const name of signals) process.on(name, onSignal);
  let report: SimulationReport;
  try {
    report = await runSimulation(
      {
        phones: options.phones,
        days: options.days,
        seed: options.seed,
        ...(options.config === undefined ? {} : { configFile: options.config }),
      },
      {
        onStarting: (started, phones) => progress.update(started, phones, 'starting'),
        onProgress: (p) => progress.update(p.step, p.totalSteps, 'simulating'),
        signal: stop.signal,
      },
    );
  } catch (error) {
    if (!(error instanceof SimulationInterruptedError)) throw error;
    throw new CliError('INTERRUPTED', `${error.message}; no report was written`, {
      exitCode: ExitCode.INTERRUPTED,
      cause: error,
    });
  } finally {
    for (const name of signals) process.off(name, onSignal);
    progress.stop();
  }

  const written = writeSimulationReport(report, outDir);
  context.print(written.summaryText);
  context.print('');
  context.print(`report: ${written.json}, ${written.html} and ${written.summary}`);
}
