import type { DataLayout } from '../data-dir.ts';
import { CliError } from '../errors.ts';
import { fileExists } from '../files.ts';
import { checkSigningKeyPair } from '../keys/check.ts';

/**
 * Checks the data directory's signing key pair before the notification server signs with it,
 * so a damaged or mismatched pair stops the command at once, naming the file, instead of
 * failing in the export job or publishing files phones reject.
 */
export async function checkDataDirSigningKeys(layout: DataLayout): Promise<void> {
  if (!(await fileExists(layout.signingPublicKey))) {
    throw new CliError(
      'SIGNING_KEY_INCOMPLETE',
      `${layout.signingPrivateKey} exists but ${layout.signingPublicKey} is missing; ` +
        'restore it, or delete the private key to create a new pair',
    );
  }
  const remedy =
    `replace the pair with "cocoa keys generate --force --data-dir ${layout.root}" ` +
    '(phones then need the new public key)';
  await checkSigningKeyPair(
    { privateKeyPath: layout.signingPrivateKey, publicKeyPath: layout.signingPublicKey },
    remedy,
  );
}
