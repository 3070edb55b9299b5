import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKeyPair } from '@cocoa/protocol/node';
import { CLI_TEST_TIMEOUT_MS, runCocoa } from '../testing/run-cli.ts';

const NO_DB_ENV = {
  DATABASE_URL: undefined,
  NOTIFICATION_SERVER_DATABASE_URL: undefined,
  COCOA_DATA_DIR: undefined,
};

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cocoa-cli-export-run-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe(
  'cocoa exports run with a broken signing key pair',
  { timeout: CLI_TEST_TIMEOUT_MS },
  () => {
    const damagedPem = (label: string) =>
      `-----BEGIN ${label}-----\nbm90IGEga2V5\n-----END ${label}-----\n`;

    it.each([
      [
        'a damaged private key',
        'private',
        () => damagedPem('PRIVATE KEY'),
        /SIGNING_KEY_INVALID: \S+-private\.pem: private key is not a readable PEM key; /,
      ],
      [
        'a private key on another curve',
        'private',
        () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }),
        /SIGNING_KEY_INVALID: \S+-private\.pem: private key is not an ECDSA P-256 key; /,
      ],
      [
        'a damaged public key',
        'public',
        () => damagedPem('PUBLIC KEY'),
        /SIGNING_KEY_INVALID: \S+-public\.pem: public key is not a readable PEM key; /,
      ],
      [
        'the public key of another pair',
        'public',
        () => generateSigningKeyPair().publicKeyPem,
        /SIGNING_KEYS_MISMATCH: the private key \S+-private\.pem does not belong to the public key \S+-public\.pem, so phones would reject every file it signs; /,
      ],
    ])(
      'stops before it signs anything with %s, naming the file and what to do',
      async (_name, which, replacement, message) => {
        const dataDir = await mkdtemp(path.join(dir, 'broken-keys-'));
        expect((await runCocoa(['keys', 'generate', '--data-dir', dataDir])).code).toBe(0);
        const keyFile = path.join(dataDir, 'keys', `export-signing-${which}.pem`);
        await writeFile(keyFile, replacement());

        const run = await runCocoa(['exports', 'run', '--data-dir', dataDir], { env: NO_DB_ENV });

        expect(run.code).toBe(1);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(/^cocoa: error SIGNING_KEYS?_[A-Z]+: [^\n]+\n$/);
        expect(run.stderr).toMatch(message);
        expect(run.stderr).toContain(keyFile);
        const remedy = `"cocoa keys generate --force --data-dir ${dataDir}"`;
        expect(run.stderr).toContain(`replace the pair with ${remedy}`);
        expect(run.stderr).not.toMatch(/BEGIN|\n\s+at /);
        expect(await readdir(dataDir)).toEqual(['keys']);

        // Following the advice is enough for the next run.
        const replaced = await runCocoa(['keys', 'generate', '--force', '--data-dir', dataDir]);
        expect(replaced.code).toBe(0);
        const next = await runCocoa(['exports', 'run', '--data-dir', dataDir], { env: NO_DB_ENV });
        expect(next.stderr).toBe('');
        expect(next.code).toBe(0);
      },
    );
  },
);
