import path from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { dataLayout, resolveDataDir } from '../data-dir.ts';
import { CliError, ExitCode } from '../errors.ts';
import { refuseEmptyOut } from '../options.ts';
import { refuseWhileServed } from '../stack/data-dir-lock.ts';

/** Adds `cocoa keys generate`. */
export function registerKeysCommand(program: Command, context: CliContext): void {
  const keys = program.command('keys').description('manage the keys that sign export files');

  keys
    .command('generate')
    .description('create an ECDSA P-256 key pair for signing export files (PEM files)')
    .option('--out <dir>', 'directory for the PEM files (default: <data dir>/keys)')
    .option('--name <prefix>', 'file name prefix', 'export-signing')
    .option('--data-dir <dir>', 'data directory (env COCOA_DATA_DIR, default .var/)')
    .option('--force', 'replace existing files of the same name')
    .action(async (options: { out?: string; name: string; dataDir?: string; force?: boolean }) => {
      // The prefix becomes part of a file name: no folders, no way out of --out.
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(options.name)) {
        throw new CliError(
          'NAME_INVALID',
          '--name must be 1–64 letters, digits, dots, hyphens or underscores, starting with a letter or digit',
          { exitCode: ExitCode.USAGE },
        );
      }
      refuseEmptyOut(
        options.out,
        'name the folder for the key files, or leave the flag out to use <data dir>/keys',
      );
      const { writeSigningKeyPair } = await import('../keys/write.ts');
      let dir = options.out;
      if (dir === undefined) {
        const layout = dataLayout(resolveDataDir(options.dataDir, context.env));
        refuseWhileServed(layout.root, 'its signing keys cannot be replaced now');
        dir = layout.keysDir;
      }
      const written = await writeSigningKeyPair(
        path.join(dir, `${options.name}-private.pem`),
        path.join(dir, `${options.name}-public.pem`),
        options.force === true,
      );
      context.print(`private key  ${written.privateKeyPath} (mode 0600; keep it secret)`);
      context.print(`public key   ${written.publicKeyPath} (give it to the apps that verify)`);
    });
}
