import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { nonEmptyValue } from '../options.ts';

/** Flags of `cocoa replay`. */
export interface ReplayOptions {
  config?: string;
  out?: string;
}

/** Adds `cocoa replay`. */
export function registerReplayCommand(program: Command, context: CliContext): void {
  program
    .command('replay')
    .description('replay real Exposure Notification phone logs through our risk pipeline')
    .argument(
      '[dir]',
      'folder of scenarios in the MITLL format (default: the shared en-logs/mitll-ua)',
    )
    .option(
      '--config <file>',
      "exposure configuration JSON to try besides COCOA's production one",
      nonEmptyValue,
    )
    .option('--out <file>', 'also write the tables as Markdown to this file')
    .addHelpText(
      'after',
      [
        '',
        'Without [dir], replay reads en-logs/mitll-ua in the shared reference data:',
        '../shared/data beside the repository, or the folder in COCOA_SHARED_DATA.',
        '',
        'Exit codes: 0 every log was replayed; 1 some logs could not be read (each is',
        'named with its file and, where known, line on the error stream; the tables',
        'cover the rest) or none could; 2 a usage mistake.',
      ].join('\n'),
    )
    .action(async (dir: string | undefined, options: ReplayOptions) => {
      if (options.config !== undefined) {
        const { requireScoringConfigFile } = await import('../config-file.ts');
        await requireScoringConfigFile(options.config);
      }
      const { replayAction } = await import('../simulation/replay.ts');
      await replayAction(context, dir, options);
    });
}
