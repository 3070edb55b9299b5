import { ProtocolError, verifyExportBinWith } from '@cocoa/protocol';
import type { ExportVerifier } from '@cocoa/protocol';
import { createNodeVerifier } from '@cocoa/protocol/node';
import { CliError } from '../errors.ts';
import { readUserText } from '../files.ts';
import type { LoadedExport } from './file.ts';

/** One public key of a PEM file the user passed with `--key`, already sanity-checked. */
export interface VerificationKey {
  path: string;
  pem: string;
  /** How messages name it: the path, and which key of the file when it holds several. */
  label: string;
}

const BEGIN_PUBLIC_KEY = '-----BEGIN PUBLIC KEY-----';
const PUBLIC_KEY_BLOCK = /-----BEGIN PUBLIC KEY-----[^]*?-----END PUBLIC KEY-----/g;

/**
 * Reads the PEM files named by `--key`, refusing private keys with advice instead. A file may
 * hold several public keys (a key and its successor during a rotation); each is tried.
 */
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
    const blocks = pem.match(PUBLIC_KEY_BLOCK) ?? [];
    if (blocks.length === 0) {
      throw new CliError(
        'NOT_A_PUBLIC_KEY',
        `${keyPath} is not a PEM public key ("${BEGIN_PUBLIC_KEY}"); check the file`,
      );
    }
    // A key cut off before its END line would otherwise be skipped without a word.
    if (pem.split(BEGIN_PUBLIC_KEY).length - 1 !== blocks.length) {
      throw new CliError(
        'EXPORT_KEY_PEM_INVALID',
        `${keyPath}: a public key in it has no "-----END PUBLIC KEY-----" line; check the file`,
      );
    }
    blocks.forEach((block, index) => {
      const label =
        blocks.length === 1 ? keyPath : `${keyPath} (key ${index + 1} of ${blocks.length})`;
      keys.push({ path: keyPath, pem: block, label });
    });
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

  const paths = [...new Set(keys.map((key) => key.path))];
  let tried = paths.join(', ');
  if (keys.length > paths.length) tried = `any of the ${keys.length} keys in ${tried}`;
  else if (keys.length > 1) tried = `any of ${tried}`;
  throw new CliError(
    'EXPORT_SIGNATURE_INVALID',
    `the signature of ${filePath} does not verify with ${tried}: the file was changed or ` +
      "signed with another key; check that you passed the signer's public key",
  );
}

function parseVerificationKey(key: VerificationKey): ExportVerifier {
  try {
    return createNodeVerifier(key.pem);
  } catch (error) {
    if (error instanceof ProtocolError && error.code === 'EXPORT_KEY_PEM_INVALID') {
      throw new CliError(
        error.code,
        `${key.label}: ${error.message}; pass the ECDSA P-256 public key the export was signed with`,
        { cause: error },
      );
    }
    throw error;
  }
}
