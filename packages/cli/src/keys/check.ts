import { randomBytes } from 'node:crypto';
import { ECDSA_P256_SHA256_OID, ProtocolError } from '@cocoa/protocol';
import { createNodeSigner, createNodeVerifier } from '@cocoa/protocol/node';
import { CliError } from '../errors.ts';
import { readUserText } from '../files.ts';

/** The two PEM files of a signing key pair. */
export interface SigningKeyPaths {
  privateKeyPath: string;
  publicKeyPath: string;
}

// The probe is signed and verified here only; it names no key of any file.
const PROBE_INFO = {
  verificationKeyId: 'probe',
  verificationKeyVersion: 'probe',
  signatureAlgorithm: ECDSA_P256_SHA256_OID,
};

/**
 * Checks a signing key pair before anything is signed with it: the private key must be an
 * ECDSA P-256 key, and a probe it signs must verify with the public key, since phones hold the
 * public key and reject every file its private half did not sign. `remedy` says how to replace
 * the pair. Neither key nor the probe ever reaches a message.
 */
export async function checkSigningKeyPair(paths: SigningKeyPaths, remedy: string): Promise<void> {
  const { privateKeyPath, publicKeyPath } = paths;
  const privateKeyPem = await readUserText(privateKeyPath, 'signing private key');
  const publicKeyPem = await readUserText(publicKeyPath, 'signing public key');

  const signer = parse(privateKeyPath, remedy, () => createNodeSigner(privateKeyPem, PROBE_INFO));
  const verifier = parse(publicKeyPath, remedy, () => createNodeVerifier(publicKeyPem));

  const probe = new Uint8Array(randomBytes(32));
  if (!verifier.verify(probe, signer.sign(probe))) {
    throw new CliError(
      'SIGNING_KEYS_MISMATCH',
      `the private key ${privateKeyPath} does not belong to the public key ${publicKeyPath}, ` +
        `so phones would reject every file it signs; ${remedy}`,
    );
  }
}

function parse<T>(keyPath: string, remedy: string, create: () => T): T {
  try {
    return create();
  } catch (error) {
    if (error instanceof ProtocolError && error.code === 'EXPORT_KEY_PEM_INVALID') {
      throw new CliError('SIGNING_KEY_INVALID', `${keyPath}: ${error.message}; ${remedy}`, {
        cause: error,
      });
    }
    throw error;
  }
}
