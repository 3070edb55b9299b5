import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { collectOption, nonEmptyValue } from '../options.ts';
import type { ExportRunOptions } from '../exports/run.ts';
import { addStateOptions, hostOption, notificationServerPortOption } from './shared-options.ts';

// The size limit of export files (MAX_EXPORT_FILE_BYTES), written out so that --help does not
// load the protocol package.
const MAX_EXPORT_FILE_HELP = '64 MiB';

/** Adds `cocoa exports inspect|verify|run`. */
export function registerExportsCommand(program: Command, context: CliContext): void {
  const exportsCommand = program
    .command('exports')
    .description('inspect, verify and publish export files (the signed key files phones download)');

  exportsCommand
    .command('inspect')
    .description('show the header, region, time window, key count and signatures of an export')
    .argument(
      '<file>',
      `export zip (or a bare export.bin), at most ${MAX_EXPORT_FILE_HELP}`,
      nonEmptyValue,
    )
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const { inspectAction } = await import('../exports/actions.ts');
      await inspectAction(context, file, options);
    });

  exportsCommand
    .command('verify')
    .description(
      'check the ECDSA P-256 signature of an export zip against public keys: every key of ' +
        'every --key file is tried',
    )
    .argument('<file>', `export zip, at most ${MAX_EXPORT_FILE_HELP}`, nonEmptyValue)
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
  )
    .addOption(hostOption('address of the notification server, for the links in list.json'))
    .addOption(
      notificationServerPortOption({
        description: 'port of the notification server, for the links in list.json',
        allowAny: false,
      }),
    )
    .addHelpText('after', EXPORT_RUN_HELP)
    .action(async (options: ExportRunOptions, command: Command) => {
      const { runExportAction } = await import('../exports/run.ts');
      const given = ['host', 'notificationServerPort'].some((name) => {
        const source = command.getOptionValueSource(name);
        return source === 'cli' || source === 'env';
      });
      await runExportAction(context, { ...options, addressGiven: given });
    });
}

const EXPORT_RUN_HELP = `
list.json links to the files where the last "cocoa serve" or "cocoa demo" of the same data
directory serves them, or to the default address above if none has run yet. --host and
--notification-server-port (or COCOA_HOST and NOTIFICATION_SERVER_PORT) name another address;
EXPORT_PUBLIC_BASE_URL (or NOTIFICATION_SERVER_EXPORT_PUBLIC_BASE_URL) names a prefix such as a
CDN's, for serve and demo too.`;
