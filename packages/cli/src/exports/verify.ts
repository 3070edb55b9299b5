import { ProtocolError, verifyExportBinWith } from '@cocoa/protocol';
import type { ExportVerifier } from '@cocoa/protocol';
import { createNodeVerifier } from '@cocoa/protocol/node';
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
 * Checks the export's signature against the given keys and returns the key that verified it;
 * throws a `CliError` that names the file and the keys when none does, so the user knows which
 * pairing failed.
 */
export function verifyLoadedExport(
  filePath: string,
  loaded: LoadedExport,
  keys: readonly VerificationKey[],
): VerificationKey {
  const { exportBin, exportSig } = loaded;
  if (exportSig === undefined) {
    throw new CliError(
      'EXPORT_SIGNATURE_MISSING',
      `${filePath} is a bare export.bin without export.sig; verify the published zip instead`,
    );
  }

  // Every key is parsed before any is tried, so a broken key file is reported even when
  // another key would verify.
  const verifiers = keys.map((key) => ({ key, verifier: parseVerificationKey(key) }));
  for (const { key, verifier } of verifiers) {
    try {
      verifyExportBinWith(exportBin, exportSig, [verifier]);
      return key;
    } catch (error) {
      if (!(error instanceof ProtocolError && error.code === 'EXPORT_SIGNATURE_INVALID')) {
        throw error;
      }
    }
  }

  const names = [...new Set(keys.map((key) => key.path))];
  throw new CliError(
    'EXPORT_SIGNATURE_INVALID',
    `the signature of ${filePath} does not verify with ${names.length > 1 ? 'any of ' : ''}` +
      `${names.join(', ')}: the file was changed or signed with another key; check that ` +
      "you passed the signer's public key",
  );
}

function parseVerificationKey(key: VerificationKey): ExportVerifier {
  try {
    return createNodeVerifier(key.pem);
  } catch (error) {
    if (error instanceof ProtocolError && error.code === 'EXPORT_KEY_PEM_INVALID') {
      throw new CliError(
        error.code,
        `${key.path}: ${error.message}; pass the ECDSA P-256 public key the export was signed with`,
        { cause: error },
      );
    }
    throw error;
  }
}
