import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { DataLayout } from '../data-dir.ts';
import { CliError } from '../errors.ts';
import { fileExists, writeNewFile } from '../files.ts';
import { writeSigningKeyPair } from '../keys/write.ts';

/** Sign-in of the demo staff account, created once per data directory. */
export interface DemoAccount {
  username: string;
  password: string;
}

/** Username of the demo staff account. */
export const DEMO_USERNAME = 'demo';

/** Creates the export signing key pair unless the data directory already has one; true if new. */
export async function ensureSigningKeys(layout: DataLayout): Promise<boolean> {
  if (await fileExists(layout.signingPrivateKey)) {
    if (!(await fileExists(layout.signingPublicKey))) {
      throw new CliError(
        'SIGNING_KEY_INCOMPLETE',
        `${layout.signingPrivateKey} exists but ${layout.signingPublicKey} is missing; ` +
          'restore it, or delete the private key to create a new pair',
      );
    }
    return false;
  }
  await writeSigningKeyPair(layout.signingPrivateKey, layout.signingPublicKey, true);
  return true;
}

/**
 * Returns the demo account, creating it with a random password on first run. The password is
 * kept in a 0600 file in the data directory so later runs can print it again; it only ever
 * opens the local demo console. The account is re-created from that file when the database is
 * new (another `--database-url`, a deleted SQLite file).
 */
export async function ensureDemoAccount(
  layout: DataLayout,
  create: (username: string, password: string) => Promise<unknown>,
): Promise<{ account: DemoAccount; created: boolean }> {
  const stored = await readDemoAccount(layout.demoAccount);
  const account = stored ?? {
    username: DEMO_USERNAME,
    password: randomBytes(12).toString('base64url'),
  };

  try {
    await create(account.username, account.password);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'USERNAME_TAKEN') throw error;
    if (stored !== undefined) return { account: stored, created: false };
    throw new CliError(
      'DEMO_ACCOUNT_LOST',
      `the database has a "${DEMO_USERNAME}" account but ${layout.demoAccount} is gone; ` +
        'start with --no-demo-account and add a staff account with "cocoa staff add"',
    );
  }

  if (stored === undefined) {
    await writeNewFile(layout.demoAccount, `${JSON.stringify(account)}\n`, { mode: 0o600 });
  }
  return { account, created: true };
}

async function readDemoAccount(file: string): Promise<DemoAccount | undefined> {
  if (!(await fileExists(file))) return undefined;
  const damaged = () =>
    new CliError(
      'DEMO_ACCOUNT_INVALID',
      `${file} is damaged; delete the data directory to start afresh, or start with ` +
        '--no-demo-account and add a staff account with "cocoa staff add"',
    );
  let parsed: Partial<DemoAccount> | null;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<DemoAccount> | null;
  } catch (error) {
    if (error instanceof SyntaxError) throw damaged();
    throw error;
  }
  if (typeof parsed?.username !== 'string' || typeof parsed.password !== 'string') throw damaged();
  return { username: parsed.username, password: parsed.password };
}
