import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@cocoa/health-center';
import { runCli } from '../run.ts';
import { CLI_TEST_TIMEOUT_MS, RAW_SYSTEM_ERROR, runCocoa } from '../testing/run-cli.ts';
import { keyboardContext } from '../testing/terminal.ts';

const PASSWORD = 'long enough passphrase 42';

let dataDir: string;
// Listeners the test runner keeps for itself; a prompt must leave none of its own behind.
const sigtermListeners = process.listenerCount('SIGTERM');

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

  it.each([
    ['a username that exists', ['--username', ' Alice.Sato '], 1, /USERNAME_TAKEN: .*alice\.sato/],
    [
      'a username it cannot store, as a usage mistake',
      ['--username', 'a!'],
      2,
      /USERNAME_INVALID: --username: .*--help/,
    ],
    [
      'a database it cannot reach',
      ['--username', 'erin.kato', '--database-url', 'postgres://nobody:none@127.0.0.1:9/none'],
      1,
      /DATABASE_UNAVAILABLE: /,
    ],
  ])('refuses %s before it asks for a password', async (_name, args, exitCode, message) => {
    const keyboard = keyboardContext({ BCRYPT_ROUNDS: '4' });

    const code = await runCli(['staff', 'add', '--data-dir', dataDir, ...args], keyboard.context);

    expect(code).toBe(exitCode);
    expect(keyboard.shown()).toMatch(message);
    expect(keyboard.shown()).not.toContain('password:');
  });

  it.each([
    ['twelve spaces', ' '.repeat(12)],
    ['spaces and tabs', ' \t '.repeat(6)],
  ])('refuses a password of %s as blank, saying what it needs', async (_name, password) => {
    const run = await staffAdd(['--username', 'bob.tanaka'], `${password}\n`);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'cocoa: error PASSWORD_TOO_WEAK: password is blank or only whitespace; ' +
        'choose one with letters, digits or symbols\n',
    );
    expect((await staffRows()).map((row) => row.username)).toEqual(['alice.sato']);
  });

  it('says which username is taken and what to do instead', async () => {
    const run = await staffAdd(['--username', 'alice.sato'], '');

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'cocoa: error USERNAME_TAKEN: a staff account named alice.sato already exists; ' +
        'choose another --username\n',
    );
  });

  it('stops with exit code 130 when Ctrl+C is pressed at the password prompt', async () => {
    const keyboard = keyboardContext({ BCRYPT_ROUNDS: '4' });

    const running = runCli(
      ['staff', 'add', '--data-dir', dataDir, '--username', 'fumi.abe'],
      keyboard.context,
    );
    await until(() => keyboard.shown().includes('password: '));
    keyboard.type('typed so f\x03');

    expect(await running).toBe(130);
    expect(keyboard.shown()).toMatch(/^cocoa: error INTERRUPTED: .*nothing was changed$/m);
    expect(keyboard.shown()).not.toContain('typed so f');
    expect((await staffRows()).map((row) => row.username)).toEqual(['alice.sato']);
  });

  it('stops the same way when SIGTERM arrives at the password prompt', async () => {
    const keyboard = keyboardContext({ BCRYPT_ROUNDS: '4' });

    const running = runCli(
      ['staff', 'add', '--data-dir', dataDir, '--username', 'goro.ito'],
      keyboard.context,
    );
    await until(() => keyboard.shown().includes('password: '));
    keyboard.type('half a pass');
    process.emit('SIGTERM');

    expect(await running).toBe(130);
    expect(keyboard.shown()).toMatch(/^cocoa: error INTERRUPTED: .*nothing was changed$/m);
    expect(process.listenerCount('SIGTERM')).toBe(sigtermListeners);
    expect((await staffRows()).map((row) => row.username)).toEqual(['alice.sato']);
  });

  it.each([
    ['a folder nobody may create', () => '/sys/kernel/cocoa-nope', 'DIRECTORY_NOT_CREATED'],
    ['a folder the file system refuses', () => '/proc/cocoa-nope', 'DIRECTORY_NOT_CREATED'],
    ['a file', () => plainFile(), 'NOT_A_DIRECTORY'],
    ['a folder below a file', () => path.join(plainFile(), 'sub'), 'NOT_A_DIRECTORY'],
    ['a folder nobody may write to', () => '/sys/kernel', 'FILE_NOT_ACCESSIBLE'],
  ])('explains a data directory that is %s in one line', async (_name, where, code) => {
    const run = await runCocoa(['staff', 'add', '--data-dir', where(), '--username', 'dora.ito'], {
      input: `${PASSWORD}\n`,
      env: { DATABASE_URL: undefined, HEALTH_CENTER_DATABASE_URL: undefined },
    });

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      new RegExp(`^cocoa: error ${code}: [^\\n]+; pass another --data-dir[^\\n]*\\n$`),
    );
    expect(run.stderr).not.toMatch(RAW_SYSTEM_ERROR);
  });

  it('shows --username as required in its help', async () => {
    const run = await runCocoa(['staff', 'add', '--help']);

    expect(run.stdout).toContain('Usage: cocoa staff add --username <name> [options]');
    expect(run.stdout).toMatch(/--username <name> +sign-in name of the new account \(required\)/);
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

/** Resolves once `ready` holds, checking every few milliseconds. */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** A plain file, where a data directory is asked for. */
function plainFile(): string {
  const file = path.join(dataDir, 'not-a-folder');
  writeFileSync(file, 'a file, not a folder\n');
  return file;
}

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
