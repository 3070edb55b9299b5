import { ProtocolError } from '@cocoa/protocol';
import { verifyExportSignature } from '@cocoa/protocol/node';
import { CliError } from '../errors.ts';
import { readUserText } from '../files.ts';
import type { LoadedExport } from './file.ts';

/** A public key the user passed with `--key`, already read and sanity-checked. */
export interface VerificationKey {
  path: string;
  pem: string;
}

/** Reads the PEM files named by `--key`, refusing private keys with advice instead. */
export async function readVerificationKeys(paths: readonly string[]): Promise<VerificationKey[]> {
  const keys: VerificationKey[] = [];
  for (const keyPath of paths) {
    const pem = await readUserText(keyPath, 'public key');
    if (pem.includes('PRIVATE KEY-----')) {
      throw new CliError(
        'PRIVATE_KEY_GIVEN',
        `${keyPath} holds a private key; pass the public key file (keys generate writes both)`,
      );
    }
    if (!pem.includes('-----BEGIN PUBLIC KEY-----')) {
      throw new CliError(
        'NOT_A_PUBLIC_KEY',
        `${keyPath} is not a PEM public key ("-----BEGIN PUBLIC KEY-----"); check the file`,
      );
    }
    keys.push({ path: keyPath, pem });
  }
  return keys;
}

/**
 * Checks the export's signature against the given keys; throws a `CliError` that names the file
 * and the keys when it does not verify, so the user knows which pairing failed.
 */
export function verifyLoadedExport(
  filePath: string,
  loaded: LoadedExport,
  keys: readonly VerificationKey[],
): void {
  if (loaded.exportSig === undefined) {
    throw new CliError(
      'EXPORT_SIGNATURE_MISSING',
      `${filePath} is a bare export.bin without export.sig; verify the published zip instead`,
    );
  }

  try {
    verifyExportSignature(
      loaded.exportBin,
      loaded.exportSig,
      keys.map((key) => ({ pem: key.pem })),
    );
  } catch (error) {
    if (error instanceof ProtocolError && error.code === 'EXPORT_SIGNATURE_INVALID') {
      const names = keys.map((key) => key.path).join(', ');
      throw new CliError(
        error.code,
        `the signature of ${filePath} does not verify with ${names}: the file was changed ` +
          "or signed with another key; check that you passed the signer's public key",
        { cause: error },
      );
    }
    throw error;
  }
}
