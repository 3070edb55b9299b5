import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@cocoa/health-center';
import { CLI_TEST_TIMEOUT_MS, runCocoa } from '../testing/run-cli.ts';

const PASSWORD = 'long enough passphrase 42';

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'cocoa-cli-staff-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('cocoa staff add', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('creates an account from a piped password without echoing it', async () => {
    const run = await staffAdd(['--username', 'Alice.Sato'], `${PASSWORD}\n`);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('staff account alice.sato created');
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);

    const rows = await staffRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.username).toBe('alice.sato');
    // Stored as a bcrypt hash, never as the password itself.
    expect(rows[0]?.password_hash).toMatch(/^\$2[aby]\$/);
    expect(rows[0]?.password_hash).not.toContain(PASSWORD);
  });

  it.each([
    ['a username that exists', ['--username', 'alice.sato'], `${PASSWORD}\n`, 'USERNAME_TAKEN'],
    ['a short password', ['--username', 'bob.tanaka'], 'short\n', 'PASSWORD_TOO_WEAK'],
    ['no password on standard input', ['--username', 'bob.tanaka'], '', 'PASSWORD_EMPTY'],
  ])('refuses %s with a clear error and changes nothing', async (_name, args, input, code) => {
    const run = await staffAdd(args, input);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^cocoa: error ${code}: `));
    expect(run.stderr).not.toMatch(/\n\s+at /);
    if (input.length > 1) expect(run.stderr).not.toContain(input.trim());
    expect((await staffRows()).map((row) => row.username)).toEqual(['alice.sato']);
  });

  it('requires --username and never takes a password flag', async () => {
    const missing = await staffAdd([], `${PASSWORD}\n`);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--username <name>'");

    const flag = await staffAdd(['--username', 'carol', '--password', PASSWORD], '');
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("unknown option '--password'");
  });
});

function staffAdd(args: string[], input: string) {
  return runCocoa(['staff', 'add', '--data-dir', dataDir, ...args], {
    input,
    env: { DATABASE_URL: undefined, HEALTH_CENTER_DATABASE_URL: undefined, BCRYPT_ROUNDS: '4' },
  });
}

async function staffRows() {
  const handle = openDatabase(path.join(dataDir, 'health-center.sqlite'));
  try {
    return await handle.db
      .selectFrom('staff_accounts')
      .select(['username', 'password_hash'])
      .orderBy('username')
      .execute();
  } finally {
    await handle.close();
  }
}
