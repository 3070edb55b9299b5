import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { collectOption } from '../options.ts';
import { addStateOptions } from './shared-options.ts';
import type { StateOptions } from './shared-options.ts';

/** Adds `cocoa exports inspect|verify|run`. */
export function registerExportsCommand(program: Command, context: CliContext): void {
  const exportsCommand = program
    .command('exports')
    .description('inspect, verify and publish export files (the signed key files phones download)');

  exportsCommand
    .command('inspect')
    .description('show the header, region, time window, key count and signatures of an export')
    .argument('<file>', 'export zip (or a bare export.bin)')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const { inspectAction } = await import('../exports/actions.ts');
      await inspectAction(context, file, options);
    });

  exportsCommand
    .command('verify')
    .description('check the ECDSA P-256 signature of an export zip against public keys')
    .argument('<file>', 'export zip')
    .requiredOption(
      '--key <pem>',
      'public key PEM file; repeat --key to try several, the export must verify with one',
      collectOption,
    )
    .action(async (file: string, options: { key: string[] }) => {
      const { verifyAction } = await import('../exports/actions.ts');
      await verifyAction(context, file, options);
    });

  addStateOptions(
    exportsCommand
      .command('run')
      .description(
        "run the notification server's export job once: publish waiting keys as signed files",
      ),
  ).action(async (options: StateOptions) => {
    const { runExportAction } = await import('../exports/run.ts');
    await runExportAction(context, options);
  });
}
