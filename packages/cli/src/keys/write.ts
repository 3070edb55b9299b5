import { rm } from 'node:fs/promises';
import { generateSigningKeyPair } from '@cocoa/protocol/node';
import { writeNewFile } from '../files.ts';

/** Paths of a written signing key pair. */
export interface WrittenKeyPair {
  privateKeyPath: string;
  publicKeyPath: string;
}

/**
 * Generates an export signing key pair and writes it as PEM files: the private key readable by
 * its owner only (0600), the public key for anyone (0644), since phones must hold it. Either
 * both files are written or neither is left behind: a private key without its public half
 * signs files nobody can check.
 */
export async function writeSigningKeyPair(
  privateKeyPath: string,
  publicKeyPath: string,
  overwrite: boolean,
): Promise<WrittenKeyPair> {
  const { privateKeyPem, publicKeyPem } = generateSigningKeyPair();
  await writeNewFile(privateKeyPath, privateKeyPem, { mode: 0o600, overwrite });
  try {
    await writeNewFile(publicKeyPath, publicKeyPem, { mode: 0o644, overwrite });
  } catch (error) {
    await rm(privateKeyPath, { force: true });
    throw error;
  }
  return { privateKeyPath, publicKeyPath };
}
