import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKeyPair } from '@cocoa/protocol/node';
import { createFreshDatabase, tableNames } from '../testing/databases.ts';
import { CLI_TEST_TIMEOUT_MS, COCOA_BIN, RAW_SYSTEM_ERROR, runCocoa } from '../testing/run-cli.ts';
import {
  issueProcessingNumber,
  signInToConsole,
  submitKeys,
} from '../testing/registration-client.ts';
import { startServe } from '../testing/serve-process.ts';
import type { ServeProcess } from '../testing/serve-process.ts';

const FREE_PORTS = [
  '--health-center-port',
  '0',
  '--notification-server-port',
  '0',
  '--app-port',
  '0',
];
const NO_DB_ENV = { DATABASE_URL: undefined, HEALTH_CENTER_DATABASE_URL: undefined };
// The test runs the export job itself, so the server's own timer must not race it.
const SERVE_ENV = { ...NO_DB_ENV, NOTIFICATION_SERVER_EXPORT_SCHEDULE: 'false' };

let dataDir: string;
let serve: ServeProcess | undefined;
// Where the last serve of the data directory listened, for the links "exports run" writes.
let lastNotificationServerUrl = '';

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'cocoa-cli-serve-'));
});

afterAll(async () => {
  serve?.child.kill('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

describe('cocoa serve', { timeout: CLI_TEST_TIMEOUT_MS * 2 }, () => {
  it('starts all three parts on first run, answers, and exits 130 on SIGTERM', async () => {
    serve = await startServe(['--data-dir', dataDir, ...FREE_PORTS], SERVE_ENV);
    const { urls } = serve;

    // First run: keys, secrets and the demo account were created and announced.
    expect(serve.stdout()).toContain('first run               created signing keys');
    expect(serve.demo?.username).toBe('demo');
    expect(
      (await stat(path.join(dataDir, 'keys', 'export-signing-private.pem'))).mode & 0o777,
    ).toBe(0o600);
    expect((await stat(path.join(dataDir, 'secrets.json'))).mode & 0o777).toBe(0o600);

    const healthCenter = new URL(urls['health-center console'] ?? '');
    const notificationServer = new URL(urls['notification server'] ?? '');
    const app = new URL(urls.app ?? '');
    expect(await fetchJson(new URL('/healthz', healthCenter))).toMatchObject({ status: 'ok' });
    expect(await fetchJson(new URL('/healthz', notificationServer))).toMatchObject({
      status: 'ok',
    });

    const page = await fetch(app);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<div id="root">|<script type="module"/);

    // The app trusts the local signing key and reaches the notification server same-origin.
    const config = (await fetchJson(new URL('/config.json', app))) as {
      exportVerificationKeys: { pem: string }[];
      region: string;
    };
    expect(config.region).toBe('440');
    expect(config.exportVerificationKeys[0]?.pem).toContain('BEGIN PUBLIC KEY');
    const proxied = await fetch(new URL('/exposure_configuration/configuration.json', app));
    expect(proxied.status).toBe(200);

    // The printed demo sign-in opens the console, where a processing number is issued; a
    // phone then registers its keys with it through the app's origin.
    const demo = serve.demo ?? { username: '', password: '' };
    expect((await signInToConsole(healthCenter, demo.username, 'wrong password!!')).status).toBe(
      401,
    );
    const session = await signInToConsole(healthCenter, demo.username, demo.password);
    expect(session.status).toBe(303);
    const processingNumber = await issueProcessingNumber(healthCenter, session.cookie);
    expect([200, 204]).toContain(await submitKeys(app, processingNumber));

    serve.child.kill('SIGTERM');
    const exit = await serve.exited;
    expect(exit).toEqual({ code: 130, signal: null });
    expect(serve.stderr()).toContain('cocoa: stopped');
    expect(serve.stderr()).not.toMatch(/\n\s+at /);
    serve = undefined;
  });

  it('starts again on the same data directory with the same demo sign-in and no setup', async () => {
    const before = await stat(path.join(dataDir, 'keys', 'export-signing-private.pem'));
    serve = await startServe(['--data-dir', dataDir, '--no-build', ...FREE_PORTS], SERVE_ENV);

    expect(serve.stdout()).not.toContain('first run');
    expect(serve.demo?.username).toBe('demo');
    lastNotificationServerUrl = serve.urls['notification server'] ?? '';
    const after = await stat(path.join(dataDir, 'keys', 'export-signing-private.pem'));
    expect(after.mtimeMs).toBe(before.mtimeMs);

    serve.child.kill('SIGINT');
    expect((await serve.exited).code).toBe(130);
    serve = undefined;
  });

  it('publishes the submitted keys once with "exports run", in a file our key verifies', async () => {
    const run = await runCocoa(['exports', 'run', '--data-dir', dataDir], { env: NO_DB_ENV });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const published = /^published (\S+\.zip)\s+region 440\s+(\d+) keys/m.exec(run.stdout);
    expect(published).not.toBeNull();
    const file = published?.[1] ?? '';
    expect(Number(published?.[2])).toBeGreaterThanOrEqual(3);

    const inspect = await runCocoa(['exports', 'inspect', file]);
    expect(inspect.code).toBe(0);
    expect(inspect.stdout).toMatch(/^region\s+440$/m);
    expect(inspect.stdout).toContain(`keys            ${published?.[2]} `);

    const publicKey = path.join(dataDir, 'keys', 'export-signing-public.pem');
    const verify = await runCocoa(['exports', 'verify', file, '--key', publicKey]);
    expect(verify.code).toBe(0);

    // The index links to the files where the last serve of this data directory served them,
    // although that server was given a free port, not the default one.
    expect(lastNotificationServerUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(run.stdout).toContain(
      `list.json links to files under ${lastNotificationServerUrl}/exports/`,
    );
    expect(await listJsonUrls()).toContain(
      `${lastNotificationServerUrl}/exports/${path.relative(path.join(dataDir, 'exports'), file)}`,
    );

    const again = await runCocoa(['exports', 'run', '--data-dir', dataDir], { env: NO_DB_ENV });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('no new keys to publish');
  });

  it.each([
    [
      'the address the flags name',
      ['--host', '127.0.0.2', '--notification-server-port', '9123'],
      {},
      'http://127.0.0.2:9123/exports/',
    ],
    [
      'the address COCOA_HOST and NOTIFICATION_SERVER_PORT name',
      [],
      { COCOA_HOST: '::1', NOTIFICATION_SERVER_PORT: '9124' },
      'http://[::1]:9124/exports/',
    ],
    [
      'the CDN the notification server is given',
      ['--notification-server-port', '9125'],
      { NOTIFICATION_SERVER_EXPORT_PUBLIC_BASE_URL: 'https://cdn.example/cocoa' },
      'https://cdn.example/cocoa/',
    ],
  ])('writes list.json links under %s', async (_name, flags, env, prefix) => {
    const run = await runCocoa(['exports', 'run', '--data-dir', dataDir, ...flags], {
      env: { ...NO_DB_ENV, ...env },
    });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const urls = await listJsonUrls();
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url.startsWith(prefix)).toBe(true);
  });

  it.each([
    ['an export address that is not a URL', [], { EXPORT_PUBLIC_BASE_URL: 'not a url' }],
    ['a script address', [], { EXPORT_PUBLIC_BASE_URL: 'javascript:alert(1)' }],
    ['a host with a space', ['--host', 'a b'], {}],
  ])('refuses %s before it plans or writes any file', async (_name, flags, env) => {
    const exportsDir = path.join(dataDir, 'exports');
    const before = await readdir(exportsDir, { recursive: true });
    const run = await runCocoa(['exports', 'run', '--data-dir', dataDir, ...flags], {
      env: { ...NO_DB_ENV, ...env },
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^cocoa: error EXPORT_BASE_URL_INVALID: [^\n]+not an absolute http\(s\) URL; set EXPORT_PUBLIC_BASE_URL[^\n]+\n$/,
    );
    expect(await readdir(exportsDir, { recursive: true })).toEqual(before);
  });

  it('refuses port 0 for exports run, which names no address', async () => {
    const run = await runCocoa(
      ['exports', 'run', '--data-dir', dataDir, '--notification-server-port', '0'],
      { env: NO_DB_ENV },
    );

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^cocoa: error USAGE: .*--notification-server-port/);
  });

  it('runs on a shared PostgreSQL database, each service in a schema of its own', async () => {
    const database = await createFreshDatabase('cocoa_cli_serve');
    try {
      serve = await startServe(['--data-dir', dataDir, '--no-build', ...FREE_PORTS], {
        ...SERVE_ENV,
        DATABASE_URL: database.url,
      });
      const healthCenter = new URL(serve.urls['health-center console'] ?? '');
      const notificationServer = new URL(serve.urls['notification server'] ?? '');

      // A new database gets the demo account again, with the password the data dir keeps.
      expect(serve.stdout()).toContain('created the demo staff account');
      expect(await fetchJson(new URL('/healthz', healthCenter))).toMatchObject({ status: 'ok' });
      expect(await fetchJson(new URL('/healthz', notificationServer))).toMatchObject({
        status: 'ok',
      });
      const demo = serve.demo ?? { username: '', password: '' };
      expect((await signInToConsole(healthCenter, demo.username, demo.password)).status).toBe(303);
      // Without per-service settings each service gets its default schema.
      expect(await tableNames(database.url, 'health_center')).toContain('staff_accounts');
      expect(await tableNames(database.url, 'notification_server')).toContain('exposure_keys');

      serve.child.kill('SIGTERM');
      expect((await serve.exited).code).toBe(130);
      serve = undefined;
    } finally {
      serve?.child.kill('SIGKILL');
      await database.drop();
    }
  });

  it('says which flag to change when a port is taken', async () => {
    const blocker = await listenSomewhere();
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = await runCocoa(
        [
          'serve',
          '--data-dir',
          dataDir,
          ...FREE_PORTS.slice(2),
          '--health-center-port',
          String(port),
        ],
        { env: NO_DB_ENV },
      );

      expect(run.code).toBe(1);
      // Found before the slow app build, not after it.
      expect(run.stderr).not.toContain('building the app');
      expect(run.stderr).toContain(`cocoa: error PORT_IN_USE: port ${port} on 127.0.0.1`);
      expect(run.stderr).toContain('--health-center-port');
      expect(run.stderr).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });

  it.each([
    // RFC 6761 reserves .invalid: no resolver answers for it, online or offline.
    ['a host name that does not resolve', ['--host', 'no-such-host.invalid'], 'HOST_NOT_FOUND'],
    // 192.0.2.0/24 is reserved for documentation, so it is no address of this machine.
    ['an address of another machine', ['--host', '192.0.2.1'], 'ADDRESS_UNAVAILABLE'],
  ])('refuses %s at once, before it builds or creates anything', async (_name, flags, code) => {
    const fresh = path.join(dataDir, `never-created-${code}`);
    const run = await runCocoa(['serve', '--data-dir', fresh, ...flags, ...FREE_PORTS], {
      env: NO_DB_ENV,
    });

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      new RegExp(`^cocoa: error ${code}: --host ${flags[1]} [^\\n]+; pass [^\\n]+\\n$`),
    );
    expect(run.stderr).not.toMatch(RAW_SYSTEM_ERROR);
    expect(existsSync(fresh)).toBe(false);
  });

  it('reads a host that does not resolve from COCOA_HOST the same way', async () => {
    const run = await runCocoa(['serve', '--data-dir', dataDir, '--no-build', ...FREE_PORTS], {
      env: { ...NO_DB_ENV, COCOA_HOST: 'no-such-host.invalid' },
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^cocoa: error HOST_NOT_FOUND: --host no-such-host\.invalid /);
  });

  it.each([
    ['a folder nobody may create', () => '/sys/kernel/cocoa-nope', 'DIRECTORY_NOT_CREATED'],
    ['a folder the file system refuses', () => '/proc/cocoa-nope', 'DIRECTORY_NOT_CREATED'],
    ['a file', () => plainFile(), 'NOT_A_DIRECTORY'],
    ['a folder nobody may write to', () => '/sys/kernel', 'FILE_NOT_ACCESSIBLE'],
  ])('explains a data directory that is %s in one line', async (_name, where, code) => {
    const run = await runCocoa(['serve', '--data-dir', where(), '--no-build', ...FREE_PORTS], {
      env: NO_DB_ENV,
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(`^cocoa: error ${code}: [^\\n]+; pass another --data-dir[^\\n]*\\n$`),
    );
    expect(run.stderr).not.toMatch(RAW_SYSTEM_ERROR);
  });

  it('refuses a private key that does not match the public key before it builds or listens', async () => {
    const fresh = path.join(dataDir, 'mismatched-keys');
    expect((await runCocoa(['keys', 'generate', '--data-dir', fresh])).code).toBe(0);
    const publicKey = path.join(fresh, 'keys', 'export-signing-public.pem');
    await writeFile(publicKey, generateSigningKeyPair().publicKeyPem);

    const run = await runCocoa(['serve', '--data-dir', fresh, '--no-build', ...FREE_PORTS], {
      env: NO_DB_ENV,
    });

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^cocoa: error SIGNING_KEYS_MISMATCH: [^\n]+\n$/);
    expect(run.stderr).toContain(`the public key ${publicKey}`);
    expect(run.stderr).toContain(`"cocoa keys generate --force --data-dir ${fresh}"`);
    expect(existsSync(path.join(fresh, 'notification-server.sqlite'))).toBe(false);
  });

  it('refuses a second serve of a data directory in use, before it rebuilds the app', async () => {
    const index = path.join(dataDir, 'app', 'index.html');
    const builtAt = (await stat(index)).mtimeMs;
    serve = await startServe(['--data-dir', dataDir, '--no-build', ...FREE_PORTS], SERVE_ENV);
    const lock = path.join(dataDir, 'serve.lock');
    expect((await readFile(lock, 'utf8')).trim()).toBe(String(serve.child.pid));

    const second = await runCocoa(['serve', '--data-dir', dataDir, ...FREE_PORTS], {
      env: NO_DB_ENV,
    });
    expect(second.code).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr).toMatch(
      new RegExp(
        `^cocoa: error DATA_DIR_IN_USE: another cocoa serve \\(process ${serve.child.pid}\\) [^\\n]+--data-dir[^\\n]+\\n$`,
      ),
    );
    expect((await stat(index)).mtimeMs).toBe(builtAt);

    // Nor may its signing keys change under it: its app would hand phones the old public key.
    const privateKey = path.join(dataDir, 'keys', 'export-signing-private.pem');
    const keyBefore = await readFile(privateKey, 'utf8');
    const regenerate = await runCocoa(['keys', 'generate', '--force', '--data-dir', dataDir]);
    expect(regenerate.code).toBe(1);
    expect(regenerate.stderr).toMatch(
      /^cocoa: error DATA_DIR_IN_USE: a cocoa serve \(process \d+\) [^\n]+signing keys cannot be replaced now; stop it first/,
    );
    expect(await readFile(privateKey, 'utf8')).toBe(keyBefore);

    serve.child.kill('SIGTERM');
    await serve.exited;
    serve = undefined;
    expect(existsSync(lock)).toBe(false);
  });

  it('stops at once when Ctrl+C comes during the app build, keeping the last complete build', async () => {
    const index = path.join(dataDir, 'app', 'index.html');
    const builtAt = (await stat(index)).mtimeMs;
    const child = spawn(
      process.execPath,
      [COCOA_BIN, 'serve', '--data-dir', dataDir, ...FREE_PORTS],
      {
        env: { ...process.env, ...SERVE_ENV },
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8');
    const building = new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: string) => {
        stderr += chunk;
        if (stderr.includes('building the app')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await building;
    child.kill('SIGINT');

    expect(await exited).toBe(130);
    expect(stderr).toContain('cocoa: stopped while starting');
    expect(existsSync(path.join(dataDir, 'serve.lock'))).toBe(false);
    expect((await stat(index)).mtimeMs).toBe(builtAt);
  });

  it('takes over the lock of a serve that was killed', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']);
    await writeFile(path.join(dataDir, 'serve.lock'), `${gone.pid}\n`);

    serve = await startServe(['--data-dir', dataDir, '--no-build', ...FREE_PORTS], SERVE_ENV);
    expect((await readFile(path.join(dataDir, 'serve.lock'), 'utf8')).trim()).toBe(
      String(serve.child.pid),
    );
    serve.child.kill('SIGINT');
    await serve.exited;
    serve = undefined;
  });

  it('refuses two services on one port as a usage mistake, before it touches anything', async () => {
    const fresh = path.join(dataDir, 'never-created-clash');
    const run = await runCocoa(
      [
        'serve',
        '--data-dir',
        fresh,
        ...FREE_PORTS,
        '--app-port',
        '18090',
        '--health-center-port',
        '18090',
      ],
      { env: NO_DB_ENV },
    );

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^cocoa: error PORTS_CLASH: --health-center-port and --app-port both ask for port 18090; /,
    );
    expect(existsSync(fresh)).toBe(false);
  });

  it('refuses --no-build when there is no app build yet', async () => {
    const empty = path.join(dataDir, 'fresh');
    const run = await runCocoa(['serve', '--data-dir', empty, '--no-build', ...FREE_PORTS], {
      env: NO_DB_ENV,
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^cocoa: error APP_NOT_BUILT: .*without --no-build/m);
  });
});

/** A plain file, where a data directory is asked for. */
function plainFile(): string {
  const file = path.join(dataDir, 'not-a-folder');
  writeFileSync(file, 'a file, not a folder\n');
  return file;
}

/** The download links in the data directory's list.json of region 440. */
async function listJsonUrls(): Promise<string[]> {
  const text = await readFile(path.join(dataDir, 'exports', '440', 'list.json'), 'utf8');
  return (JSON.parse(text) as { url: string }[]).map((entry) => entry.url);
}

async function fetchJson(url: URL): Promise<unknown> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return response.json();
}

function listenSomewhere(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
