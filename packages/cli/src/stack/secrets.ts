import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { DATA_DIR_ADVICE } from '../data-dir.ts';
import { CliError } from '../errors.ts';
import { readOwnText, writeNewFile } from '../files.ts';

/**
 * Secrets the local system needs and nobody should have to invent: created once per data
 * directory, kept in a 0600 file beside the databases, never printed.
 */
export interface LocalSecrets {
  /** HMAC secret for processing-number hashes in the health-center system. */
  numberHashSecret: string;
  /** Shared secret the notification server presents to the verification API. */
  verifyClientSecret: string;
}

const FILE_NAME = 'secrets.json';

/** Reads the data directory's secrets, creating them on first use. */
export async function loadOrCreateSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = path.join(dataDir, FILE_NAME);
  const existing = await readSecrets(file);
  if (existing !== undefined) return existing;

  const secrets: LocalSecrets = {
    numberHashSecret: randomBytes(32).toString('base64url'),
    verifyClientSecret: randomBytes(32).toString('base64url'),
  };
  await writeNewFile(file, `${JSON.stringify(secrets, null, 2)}\n`, {
    mode: 0o600,
    advice: DATA_DIR_ADVICE,
  });
  return secrets;
}

async function readSecrets(file: string): Promise<LocalSecrets | undefined> {
  const text = await readOwnText(file, 'secrets file');
  if (text === undefined) return undefined;

  const parsed = safeJson(text) as Partial<LocalSecrets> | undefined;
  if (
    typeof parsed?.numberHashSecret !== 'string' ||
    typeof parsed.verifyClientSecret !== 'string'
  ) {
    throw new CliError(
      'SECRETS_INVALID',
      `${file} is damaged; delete it to create new secrets (issued processing numbers then stop working)`,
    );
  }
  return {
    numberHashSecret: parsed.numberHashSecret,
    verifyClientSecret: parsed.verifyClientSecret,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
