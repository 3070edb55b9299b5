import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { SIMULATION_DEFAULTS, SIMULATION_LIMITS } from '@cocoa/simulator/limits';
import { integerOption, nonEmptyValue } from '../options.ts';

/** Flags of `cocoa simulate`. */
export interface SimulateOptions {
  phones: number;
  days: number;
  seed: number;
  config?: string;
  out?: string;
  dataDir?: string;
}

/** Adds `cocoa simulate`. */
export function registerSimulateCommand(program: Command, context: CliContext): void {
  program
    .command('simulate')
    .description(
      'simulate a town of phones through the real servers and report notified contact days ' +
        'against ground truth',
    )
    .option(
      '--phones <n>',
      `number of people with a phone, ${range(SIMULATION_LIMITS.phones)}`,
      integerOption(SIMULATION_LIMITS.phones.min, SIMULATION_LIMITS.phones.max),
      SIMULATION_DEFAULTS.phones,
    )
    .option(
      '--days <n>',
      `simulated days, ${range(SIMULATION_LIMITS.days)}`,
      integerOption(SIMULATION_LIMITS.days.min, SIMULATION_LIMITS.days.max),
      SIMULATION_DEFAULTS.days,
    )
    .option(
      '--seed <n>',
      `random seed, ${SIMULATION_LIMITS.seed.min} to ${SIMULATION_LIMITS.seed.max}; ` +
        'the same seed gives the same town and report',
      integerOption(SIMULATION_LIMITS.seed.min, SIMULATION_LIMITS.seed.max),
      SIMULATION_DEFAULTS.seed,
    )
    .option(
      '--config <file>',
      "exposure configuration JSON to try instead of COCOA's production one",
      nonEmptyValue,
    )
    .option(
      '--out <dir>',
      'directory for report.json, report.html and summary.txt (default: <data dir>/simulation)',
    )
    .option('--data-dir <dir>', 'data directory (env COCOA_DATA_DIR; default .var/)')
    .action(async (options: SimulateOptions) => {
      const { simulateAction } = await import('../simulation/simulate.ts');
      await simulateAction(context, options);
    });
}

/** `2 to 100,000`, as the help shows a flag's accepted values. */
function range(limits: { min: number; max: number }): string {
  return `${limits.min.toLocaleString('en')} to ${limits.max.toLocaleString('en')}`;
}
