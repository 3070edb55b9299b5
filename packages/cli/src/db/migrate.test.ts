import { writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshDatabase, tableNames } from '../testing/databases.ts';
import type { FreshDatabase } from '../testing/databases.ts';
import { CLI_TEST_TIMEOUT_MS, RAW_SYSTEM_ERROR, runCocoa } from '../testing/run-cli.ts';

const HEALTH_CENTER_TABLES = ['processing_numbers', 'staff_accounts', 'staff_sessions'];
const NOTIFICATION_SERVER_TABLES = ['exposure_keys', 'export_files', 'submissions'];

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cocoa-cli-db-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('cocoa db migrate on SQLite', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it("creates both services' tables in the data directory, and is safe to repeat", async () => {
    const dataDir = path.join(dir, 'sqlite');
    const first = await runCocoa(['db', 'migrate', '--data-dir', dataDir], { env: noDbEnv() });

    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^health-center\s+migrated\s+\S+health-center\.sqlite$/m);
    expect(first.stdout).toMatch(
      /^notification-server\s+migrated\s+\S+notification-server\.sqlite$/m,
    );
    expect(await tableNames(path.join(dataDir, 'health-center.sqlite'))).toEqual(
      expect.arrayContaining(HEALTH_CENTER_TABLES),
    );
    expect(await tableNames(path.join(dataDir, 'notification-server.sqlite'))).toEqual(
      expect.arrayContaining(NOTIFICATION_SERVER_TABLES),
    );

    // Key and number tables are nobody else's business on a shared machine.
    for (const file of ['health-center.sqlite', 'notification-server.sqlite']) {
      expect((await stat(path.join(dataDir, file))).mode & 0o777).toBe(0o600);
    }

    const again = await runCocoa(['db', 'migrate', '--data-dir', dataDir], { env: noDbEnv() });
    expect(again.code).toBe(0);
  });

  it('migrates only the service asked for', async () => {
    const dataDir = path.join(dir, 'only-one');
    const run = await runCocoa(
      ['db', 'migrate', '--data-dir', dataDir, '--service', 'notification-server'],
      { env: noDbEnv() },
    );

    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('health-center ');
    expect(await tableNames(path.join(dataDir, 'notification-server.sqlite'))).toEqual(
      expect.arrayContaining(NOTIFICATION_SERVER_TABLES),
    );
  });

  it.each([
    // procfs refuses new folders with ENOENT; Node's own recursive mkdir never returns there.
    ['a folder the file system refuses', () => '/proc/cocoa-nope', 'DIRECTORY_NOT_CREATED'],
    // sysfs refuses them even to root (EPERM, or EROFS where it is mounted read-only).
    ['a folder nobody may create', () => '/sys/kernel/cocoa-nope', 'DIRECTORY_NOT_CREATED'],
    ['a file', () => plainFile(), 'NOT_A_DIRECTORY'],
    ['a folder below a file', () => path.join(plainFile(), 'sub'), 'NOT_A_DIRECTORY'],
    ['a folder nobody may write to', () => '/sys/kernel', 'DATABASE_UNAVAILABLE'],
  ])(
    'explains a data directory that is %s in one line, with what to do',
    async (_name, dataDir, code) => {
      const run = await runCocoa(['db', 'migrate', '--data-dir', dataDir()], { env: noDbEnv() });

      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(
        new RegExp(`^cocoa: error ${code}: [^\\n]+; [^\\n]*--data-dir[^\\n]*\\n$`),
      );
      expect(run.stderr).not.toMatch(RAW_SYSTEM_ERROR);
    },
  );

  it('refuses a shared DATABASE_URL that is not PostgreSQL, saying what to use instead', async () => {
    const run = await runCocoa(['db', 'migrate', '--data-dir', path.join(dir, 'x')], {
      env: { ...noDbEnv(), DATABASE_URL: path.join(dir, 'one.sqlite') },
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^cocoa: error DATABASE_URL_NOT_SHAREABLE: .*must be postgres/);
  });

  it.each([
    ['an empty --data-dir', ['--data-dir', ''], {}, /DATA_DIR_EMPTY: --data-dir is empty; /],
    ['a blank --data-dir', ['--data-dir', ' '], {}, /DATA_DIR_EMPTY: --data-dir is empty; /],
    [
      'an empty COCOA_DATA_DIR',
      [],
      { COCOA_DATA_DIR: '' },
      /DATA_DIR_EMPTY: COCOA_DATA_DIR is set but empty; .*unset it/,
    ],
  ])(
    'refuses %s instead of creating databases in the working directory',
    async (_name, flags, env, message) => {
      const cwd = await mkdtemp(path.join(dir, 'cwd-'));
      const run = await runCocoa(['db', 'migrate', ...flags], {
        env: { ...noDbEnv(), ...env },
        cwd,
      });

      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^cocoa: error DATA_DIR_EMPTY: [^\n]+\n$/);
      expect(run.stderr).toMatch(message);
      expect(await readdir(cwd)).toEqual([]);
    },
  );
});

describe('cocoa db migrate with a database it cannot use', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it.each([
    ['--database-url', ['--database-url', 'mysql://app:pw-123@db/cocoa'], {}],
    ['HEALTH_CENTER_DATABASE_URL', [], { HEALTH_CENTER_DATABASE_URL: 'mysql://app:pw-123@db/x' }],
  ])(
    'refuses a MySQL URL in %s instead of taking it for an SQLite path',
    async (name, flags, env) => {
      const cwd = await mkdtemp(path.join(dir, 'cwd-'));
      const run = await runCocoa(
        ['db', 'migrate', '--data-dir', path.join(cwd, 'data'), ...flags],
        { env: { ...noDbEnv(), ...env }, cwd },
      );

      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        new RegExp(`^cocoa: error DATABASE_URL_UNSUPPORTED: ${name} names a mysql:// database`),
      );
      expect(run.stderr).toContain('postgres://');
      expect(run.stderr).not.toContain('pw-123');
      expect(await readdir(cwd)).toEqual([]);
    },
  );
});

describe(
  'cocoa db migrate on a file that is not a database',
  { timeout: CLI_TEST_TIMEOUT_MS },
  () => {
    it('says so instead of blaming the folder', async () => {
      const dataDir = path.join(dir, 'garbage');
      await mkdir(dataDir, { recursive: true });
      writeFileSync(
        path.join(dataDir, 'health-center.sqlite'),
        'not a database at all, '.repeat(200),
      );

      const run = await runCocoa(['db', 'migrate', '--data-dir', dataDir], { env: noDbEnv() });

      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /^cocoa: error DATABASE_UNAVAILABLE: [^\n]+; the file is not an SQLite database; move it away/,
      );
    });
  },
);

describe('cocoa db migrate on PostgreSQL', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const healthCenterSchema = 'hc_records';
  const notificationSchema = 'ns_records';
  let database: FreshDatabase;

  beforeAll(async () => {
    database = await createFreshDatabase('cocoa_cli_migrate');
  });

  afterAll(async () => {
    await database.drop();
  });

  it("creates each service's own schema and tables on a shared DATABASE_URL", async () => {
    const env = {
      ...noDbEnv(),
      DATABASE_URL: database.url,
      HEALTH_CENTER_DATABASE_SCHEMA: healthCenterSchema,
      NOTIFICATION_SERVER_DATABASE_SCHEMA: notificationSchema,
    };
    const run = await runCocoa(['db', 'migrate', '--data-dir', path.join(dir, 'pg')], { env });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`(schema ${healthCenterSchema})`);
    expect(run.stdout).toContain(`(schema ${notificationSchema})`);
    expect(run.stdout).not.toMatch(/cocoa_test:cocoa_test@/);
    expect(await tableNames(database.url, healthCenterSchema)).toEqual(
      expect.arrayContaining(HEALTH_CENTER_TABLES),
    );
    expect(await tableNames(database.url, notificationSchema)).toEqual(
      expect.arrayContaining(NOTIFICATION_SERVER_TABLES),
    );

    const again = await runCocoa(['db', 'migrate', '--data-dir', path.join(dir, 'pg')], { env });
    expect(again.code).toBe(0);
  });

  it('explains an unreachable database without printing its password', async () => {
    const url = 'postgres://nobody:s3cret-pw@127.0.0.1:1/nowhere';
    const run = await runCocoa(['db', 'migrate', '--database-url', url, '--data-dir', dir], {
      env: noDbEnv(),
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^cocoa: error DATABASE_UNAVAILABLE: cannot migrate the /);
    expect(run.stderr).toContain('postgres://nobody:***@127.0.0.1:1/nowhere');
    expect(run.stderr).toMatch(/nothing answers at that host and port: start PostgreSQL/);
    expect(run.stderr).not.toContain('s3cret-pw');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['a wrong password', (url: URL) => (url.password = 'not-the-password'), /user or password/],
    ['a database that does not exist', (url: URL) => (url.pathname = '/no_such_db'), /createdb/],
  ])('says what to do about %s', async (_name, spoil, advice) => {
    const url = new URL(database.url);
    spoil(url);
    const run = await runCocoa(
      ['db', 'migrate', '--database-url', url.toString(), '--data-dir', dir],
      { env: noDbEnv() },
    );

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^cocoa: error DATABASE_UNAVAILABLE: [^\n]+\n$/);
    expect(run.stderr).toMatch(advice);
    expect(run.stderr).toContain(':***@');
  });
});

/** A plain file in the test folder, where a data directory is asked for. */
function plainFile(): string {
  const file = path.join(dir, 'not-a-folder');
  writeFileSync(file, 'a file, not a folder\n');
  return file;
}

/** The environment without any database variable a developer may have exported. */
function noDbEnv(): Record<string, string | undefined> {
  return {
    DATABASE_URL: undefined,
    HEALTH_CENTER_DATABASE_URL: undefined,
    NOTIFICATION_SERVER_DATABASE_URL: undefined,
    COCOA_DATA_DIR: undefined,
  };
}
