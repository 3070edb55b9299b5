import { execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ECDSA_P256_SHA256_OID, ReportType } from '@cocoa/protocol';
import { buildSignedExportZip, generateSigningKeyPair, sharedDataPath } from '@cocoa/protocol/node';
import { CLI_TEST_TIMEOUT_MS, COCOA_BIN, RAW_SYSTEM_ERROR, runCocoa } from '../testing/run-cli.ts';
import { MAX_EXPORT_FILE_BYTES } from './file.ts';

const CWA_DIR = sharedDataPath('exports', 'cwa-dev-2020-05-31');
const CWA_ZIP = path.join(CWA_DIR, 'export.zip');
const CWA_DEV_KEY = path.join(CWA_DIR, 'dev-public.pem');
const CWA_PROD_KEY = path.join(CWA_DIR, 'prod-public.pem');
const NO_DB_ENV = {
  DATABASE_URL: undefined,
  NOTIFICATION_SERVER_DATABASE_URL: undefined,
  COCOA_DATA_DIR: undefined,
};

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cocoa-cli-exports-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('cocoa exports inspect', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('summarises the real Corona-Warn-App export', async () => {
    const run = await runCocoa(['exports', 'inspect', CWA_ZIP]);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^region\s+DE$/m);
    expect(run.stdout).toMatch(/^keys\s+24131 \(revised keys: 0\)$/m);
    expect(run.stdout).toContain(`header          ${JSON.stringify('EK Export v1    ')}`);
    expect(run.stdout).toMatch(/key id "262", version "v1", algorithm 1\.2\.840\.10045\.4\.3\.2/);
  });

  it('prints the same facts as JSON with --json', async () => {
    const run = await runCocoa(['exports', 'inspect', '--json', CWA_ZIP]);
    const summary = JSON.parse(run.stdout) as Record<string, unknown>;

    expect(run.code).toBe(0);
    expect(summary).toMatchObject({ region: 'DE', keyCount: 24131, container: 'zip' });
    expect(summary.signatures).toEqual([
      expect.objectContaining({
        info: expect.objectContaining({ verificationKeyId: '262', verificationKeyVersion: 'v1' }),
      }),
    ]);
    expect(new Date((summary.startTimestamp as number) * 1000).toISOString()).toMatch(/^2020-05-3/);
  });

  it('reads a bare export.bin and says it carries no signature', async () => {
    const bin = sharedDataPath('exports', 'google-internals-sample', 'export-unsigned.bin');
    const run = await runCocoa(['exports', 'inspect', bin]);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^keys\s+110 /m);
    expect(run.stdout).toMatch(/^signatures\s+none/m);
  });

  it.each([
    ['a missing file', () => path.join(dir, 'missing.zip'), 'FILE_NOT_FOUND', /does not exist/],
    ['a directory', () => dir, 'NOT_A_FILE', /is a directory/],
    ['a file that is not an export', () => notAnExport(), 'NOT_AN_EXPORT', /neither an export/],
  ])('fails with one clear line for %s', async (_name, file, code, message) => {
    const run = await runCocoa(['exports', 'inspect', await file()]);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`cocoa: error ${code}: `);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['inspect', []],
    ['verify', ['--key', CWA_DEV_KEY]],
  ])('names a damaged zip and its protocol error code (exports %s)', async (command, flags) => {
    const damaged = path.join(dir, 'damaged.zip');
    const zip = await readFile(CWA_ZIP);
    await writeFile(damaged, zip.subarray(0, 200));

    const run = await runCocoa(['exports', command, damaged, ...flags]);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      new RegExp(`^cocoa: error [A-Z_]+: ${escape(damaged)}: [^\\n]+; the file is damaged`),
    );
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    [
      'a CRC-32 that does not match export.bin',
      'EXPORT_ZIP_CRC_MISMATCH',
      'export zip: export.bin has CRC-32 0xdaa3a3a6, but its central directory records ' +
        '0xdaa3a3a7',
      (zip: Buffer) => flipByte(zip, zip.indexOf(CENTRAL_RECORD) + 16),
    ],
    [
      'a local header that names export.bin differently',
      'EXPORT_ZIP_NAME_MISMATCH',
      'export zip: the local header of export.bin names it "exporT.bin", unlike the central ' +
        'directory',
      (zip: Buffer) => flipByte(zip, zip.indexOf(LOCAL_HEADER) + 30 + 5, 0x20),
    ],
  ])('names a zip with %s in one line', async (_name, code, message, damage) => {
    const damaged = path.join(dir, `${code.toLowerCase()}.zip`);
    await writeFile(damaged, damage(await readFile(CWA_ZIP)));

    for (const args of [[], ['--key', CWA_DEV_KEY]]) {
      const command = args.length === 0 ? 'inspect' : 'verify';
      const run = await runCocoa(['exports', command, damaged, ...args]);

      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        `cocoa: error ${code}: ${damaged}: ${message}; the file is damaged or was not ` +
          'published by a key server\n',
      );
    }
  });

  it('names a damaged export.bin and its protocol error code', async () => {
    const damaged = path.join(dir, 'damaged-export.bin');
    await writeFile(
      damaged,
      Buffer.concat([Buffer.from('EK Export v1    '), Buffer.alloc(40, 0xff)]),
    );

    const run = await runCocoa(['exports', 'inspect', damaged]);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^cocoa: error [A-Z_]+: ${escape(damaged)}: `));
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['a huge file of another kind', ''],
    ['a huge file that starts like a zip', 'PK\x03\x04'],
    ['a huge file that starts like an export.bin', 'EK Export v1    '],
  ])('refuses %s by its size, without reading it', async (_name, start) => {
    // Sparse: 4 GiB on paper, nothing on disk, and more than Node reads into one buffer.
    const huge = path.join(dir, `huge-${start.length}.bin`);
    await writeFile(huge, start, 'latin1');
    await truncate(huge, 4 * 1024 ** 3);

    for (const args of [
      ['inspect', huge],
      ['verify', huge, '--key', CWA_DEV_KEY],
    ]) {
      const run = await runCocoa(['exports', ...args]);

      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `cocoa: error EXPORT_FILE_TOO_LARGE: ${huge} is larger than 64 MiB, more than any export ` +
          'file may be; pass a file a key server published\n',
      );
    }
  });

  it.each(['inspect', 'verify'])('states the size limit in exports %s --help', async (command) => {
    const run = await runCocoa(['exports', command, '--help']);

    expect(run.stdout).toContain(`at most ${MAX_EXPORT_FILE_BYTES / 1024 ** 2} MiB`);
  });

  it('refuses a named pipe instead of waiting for a writer', async () => {
    const fifo = path.join(dir, 'a-pipe');
    execFileSync('mkfifo', [fifo]);

    const run = await runCocoa(['exports', 'inspect', fifo]);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `cocoa: error NOT_A_FILE: export file ${fifo} is a named pipe; name a file instead\n`,
    );
  });

  it('reads a public key within a bound, so a device given as --key is refused', async () => {
    const signed = path.join(dir, 'signed-for-device.zip');
    await writeFile(signed, await signedZip(generateSigningKeyPair().privateKeyPem));

    const run = await runCocoa(['exports', 'verify', signed, '--key', '/dev/zero']);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^cocoa: error FILE_TOO_LARGE: public key \/dev\/zero is larger than 1 MiB/,
    );
  });

  it('refuses a device that never ends after reading its first bytes', async () => {
    const run = await runCocoa(['exports', 'inspect', '/dev/zero']);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^cocoa: error NOT_AN_EXPORT: \/dev\/zero is neither/);
  });
});

describe('cocoa keys generate + exports verify', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('verifies a file signed with freshly generated keys and rejects another key', async () => {
    const keysDir = path.join(dir, 'keys');
    const generated = await runCocoa(['keys', 'generate', '--out', keysDir]);
    expect(generated.code).toBe(0);

    const privatePath = path.join(keysDir, 'export-signing-private.pem');
    const publicPath = path.join(keysDir, 'export-signing-public.pem');
    expect((await stat(privatePath)).mode & 0o777).toBe(0o600);
    expect((await stat(publicPath)).mode & 0o777).toBe(0o644);

    const zipPath = path.join(dir, 'signed.zip');
    await writeFile(zipPath, await signedZip(await readFile(privatePath, 'utf8')));

    const good = await runCocoa(['exports', 'verify', zipPath, '--key', publicPath]);
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('signature valid');

    const otherKey = path.join(CWA_DIR, 'dev-public.pem');
    const bad = await runCocoa(['exports', 'verify', zipPath, '--key', otherKey]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('cocoa: error EXPORT_SIGNATURE_INVALID: ');
    expect(bad.stderr).toContain('does not verify with');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [
      'a directory that cannot be created',
      ['--out', '/proc/cocoa-nope'],
      1,
      'DIRECTORY_NOT_CREATED',
    ],
    ['a file where the directory should be', ['--out', CWA_ZIP], 1, 'NOT_A_DIRECTORY'],
    ['a directory below a file', ['--out', path.join(CWA_ZIP, 'keys')], 1, 'NOT_A_DIRECTORY'],
    // sysfs refuses new files even to root (EACCES, or EROFS where it is mounted read-only).
    ['a directory nobody may write to', ['--out', '/sys/kernel'], 1, 'FILE_NOT_ACCESSIBLE'],
    // procfs answers ENOENT for a new file in a folder that exists.
    ['a directory that takes no new files', ['--out', '/proc/self'], 1, 'FILE_NOT_ACCESSIBLE'],
    ['a name that leaves the directory', ['--name', '../escape'], 2, 'NAME_INVALID'],
    ['a name with a folder in it', ['--name', 'a/b'], 2, 'NAME_INVALID'],
    ['an empty name', ['--name', ''], 2, 'NAME_INVALID'],
  ])('refuses %s with one clear line', async (_case, flags, exitCode, code) => {
    const keysDir = path.join(dir, 'keys-refused');
    const run = await runCocoa(['keys', 'generate', '--out', keysDir, ...flags]);
    expect(run.code).toBe(exitCode);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^cocoa: error ${code}: [^\\n]+\\n$`));
    expect(run.stderr).not.toMatch(RAW_SYSTEM_ERROR);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(dir, 'escape-private.pem'))).toBe(false);
  });

  it.each([
    ['an empty --out', ['--out', ''], {}, 'OUT_EMPTY'],
    ['a blank --out', ['--out', '  '], {}, 'OUT_EMPTY'],
    ['an empty --data-dir', ['--data-dir', ''], {}, 'DATA_DIR_EMPTY'],
    ['an empty COCOA_DATA_DIR', [], { COCOA_DATA_DIR: '' }, 'DATA_DIR_EMPTY'],
  ])(
    'refuses %s instead of writing keys into the working directory',
    async (_case, flags, env, code) => {
      const cwd = await mkdtemp(path.join(dir, 'cwd-'));
      const run = await runCocoa(['keys', 'generate', ...flags], { env, cwd });

      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(new RegExp(`^cocoa: error ${code}: [^\\n]+ is[^\\n]+\\n$`));
      expect(await readdir(cwd)).toEqual([]);
    },
  );

  it('ends quietly when the reader of its output stops early', async () => {
    const child = spawn(process.execPath, [COCOA_BIN, 'exports', 'inspect', CWA_ZIP], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(code).toBe(0);
  });

  it('refuses to overwrite an existing key pair unless --force is given', async () => {
    const keysDir = path.join(dir, 'keys-twice');
    expect((await runCocoa(['keys', 'generate', '--out', keysDir])).code).toBe(0);
    const privatePath = path.join(keysDir, 'export-signing-private.pem');
    const before = await readFile(privatePath, 'utf8');

    const again = await runCocoa(['keys', 'generate', '--out', keysDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('cocoa: error FILE_EXISTS: ');
    expect(await readFile(privatePath, 'utf8')).toBe(before);

    const forced = await runCocoa(['keys', 'generate', '--out', keysDir, '--force']);
    expect(forced.code).toBe(0);
    expect(await readFile(privatePath, 'utf8')).not.toBe(before);
    expect((await stat(privatePath)).mode & 0o777).toBe(0o600);
  });

  it('leaves no private key behind when the public key file is already there', async () => {
    const keysDir = path.join(dir, 'keys-half');
    await mkdir(keysDir);
    await writeFile(path.join(keysDir, 'export-signing-public.pem'), 'kept\n');

    const run = await runCocoa(['keys', 'generate', '--out', keysDir]);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `cocoa: error FILE_EXISTS: ${path.join(keysDir, 'export-signing-public.pem')} already ` +
        'exists; choose another --out directory or pass --force to replace it\n',
    );
    expect(await readdir(keysDir)).toEqual(['export-signing-public.pem']);
    expect(await readFile(path.join(keysDir, 'export-signing-public.pem'), 'utf8')).toBe('kept\n');
  });

  it.each([[[]], [['--force']]])(
    'says a folder is in the way of a key file (flags: %j)',
    async (flags) => {
      const keysDir = path.join(dir, `keys-folder${flags.join('')}`);
      const privatePath = path.join(keysDir, 'export-signing-private.pem');
      await mkdir(privatePath, { recursive: true });

      const run = await runCocoa(['keys', 'generate', '--out', keysDir, ...flags]);

      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `cocoa: error NOT_A_FILE: output file ${privatePath} is a directory; remove it or ` +
          'choose another place for the file\n',
      );
      expect((await stat(privatePath)).isDirectory()).toBe(true);
      expect(await readdir(keysDir)).toEqual(['export-signing-private.pem']);
    },
  );

  it('verifies the real CWA export with its development key but not the production key', async () => {
    const dev = await runCocoa([
      'exports',
      'verify',
      CWA_ZIP,
      '--key',
      path.join(CWA_DIR, 'dev-public.pem'),
    ]);
    expect(dev.code).toBe(0);

    const prod = await runCocoa([
      'exports',
      'verify',
      CWA_ZIP,
      '--key',
      path.join(CWA_DIR, 'prod-public.pem'),
    ]);
    expect(prod.code).toBe(1);
    expect(prod.stderr).toContain('EXPORT_SIGNATURE_INVALID');
  });

  it.each([
    ['after the file', [CWA_ZIP, '--key', CWA_PROD_KEY, '--key', CWA_DEV_KEY]],
    ['before the file', ['--key', CWA_DEV_KEY, '--key', CWA_PROD_KEY, CWA_ZIP]],
    ['on both sides of the file', ['--key', CWA_PROD_KEY, CWA_ZIP, '--key', CWA_DEV_KEY]],
    ['alone before the file', ['--key', CWA_DEV_KEY, CWA_ZIP]],
  ])('names the one key that verifies, with --key %s', async (_where, args) => {
    const run = await runCocoa(['exports', 'verify', ...args]);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`signature valid: ${CWA_ZIP} verifies with ${CWA_DEV_KEY}\n`);
  });

  it.each([
    ['second', () => [CWA_PROD_KEY, CWA_DEV_KEY], 2],
    ['first', () => [CWA_DEV_KEY, CWA_PROD_KEY], 1],
  ])(
    'tries every key of a PEM file that holds several, here the %s',
    async (_which, sources, index) => {
      const bundle = path.join(dir, `bundle-${index}.pem`);
      const pems = await Promise.all(sources().map((file) => readFile(file, 'utf8')));
      await writeFile(bundle, pems.join('\n'));

      const run = await runCocoa(['exports', 'verify', CWA_ZIP, '--key', bundle]);

      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(
        `signature valid: ${CWA_ZIP} verifies with ${bundle} (key ${index} of 2)\n`,
      );
    },
  );

  it('fails counting the keys of a PEM file when none of them verifies', async () => {
    const bundle = path.join(dir, 'bundle-none.pem');
    const others = [generateSigningKeyPair().publicKeyPem, await readFile(CWA_PROD_KEY, 'utf8')];
    await writeFile(bundle, others.join(''));

    const run = await runCocoa(['exports', 'verify', CWA_ZIP, '--key', bundle]);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^cocoa: error EXPORT_SIGNATURE_INVALID: [^\n]*\n$/);
    expect(run.stderr).toContain(`does not verify with any of the 2 keys in ${bundle}:`);
  });

  it.each([
    [
      'a damaged second key',
      '-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n',
      /^cocoa: error EXPORT_KEY_PEM_INVALID: \S+bundle-bad\.pem \(key 2 of 2\): public key is/,
    ],
    [
      'a second key cut off before its end',
      '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n',
      /^cocoa: error EXPORT_KEY_PEM_INVALID: \S+bundle-bad\.pem: a public key in it has no /,
    ],
  ])('refuses a PEM file with %s, though its first key verifies', async (_name, tail, message) => {
    const bundle = path.join(dir, 'bundle-bad.pem');
    await writeFile(bundle, (await readFile(CWA_DEV_KEY, 'utf8')) + tail);

    const run = await runCocoa(['exports', 'verify', CWA_ZIP, '--key', bundle]);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('fails naming every key tried when none of several keys verifies', async () => {
    const other = path.join(dir, 'keys-other', 'export-signing-public.pem');
    expect((await runCocoa(['keys', 'generate', '--out', path.dirname(other)])).code).toBe(0);

    const run = await runCocoa([
      'exports',
      'verify',
      '--key',
      CWA_PROD_KEY,
      CWA_ZIP,
      '--key',
      other,
    ]);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^cocoa: error EXPORT_SIGNATURE_INVALID: [^\n]*\n$/);
    expect(run.stderr).toContain(`does not verify with any of ${CWA_PROD_KEY}, ${other}:`);
  });

  it.each([
    ['no --key flag', () => ['exports', 'verify', CWA_ZIP], 2, /required option '--key/],
    [
      'the list form --key A B, which leaves the file as an argument too many',
      () => ['exports', 'verify', '--key', CWA_PROD_KEY, CWA_DEV_KEY, CWA_ZIP],
      2,
      /too many arguments/,
    ],
    [
      'a key file whose PEM body is damaged, named among several',
      async () => ['exports', 'verify', CWA_ZIP, '--key', CWA_DEV_KEY, '--key', await damagedKey()],
      1,
      /^cocoa: error EXPORT_KEY_PEM_INVALID: \S+damaged-public\.pem: /,
    ],
    [
      'a private key instead of a public one',
      async () => ['exports', 'verify', CWA_ZIP, '--key', await privateKeyFile()],
      1,
      /PRIVATE_KEY_GIVEN: .*pass the public key/,
    ],
    [
      'a key file that is not PEM',
      async () => ['exports', 'verify', CWA_ZIP, '--key', await notAnExport()],
      1,
      /NOT_A_PUBLIC_KEY/,
    ],
  ])('fails clearly for %s', async (_name, args, code, message) => {
    const run = await runCocoa(await args());

    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
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

const LOCAL_HEADER = Buffer.from('PK\x03\x04', 'latin1');
const CENTRAL_RECORD = Buffer.from('PK\x01\x02', 'latin1');

/** A copy of `bytes` with the bits of `mask` flipped in the byte at `offset`. */
function flipByte(bytes: Buffer, offset: number, mask = 0x01): Buffer {
  const copy = Buffer.from(bytes);
  copy[offset] = (copy[offset] ?? 0) ^ mask;
  return copy;
}

/** `text` as a regular expression that matches it literally. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function notAnExport(): Promise<string> {
  const file = path.join(dir, 'notes.txt');
  await writeFile(file, 'just some text, not an export\n');
  return file;
}

async function damagedKey(): Promise<string> {
  const file = path.join(dir, 'damaged-public.pem');
  await writeFile(file, '-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n');
  return file;
}

async function privateKeyFile(): Promise<string> {
  const keysDir = path.join(dir, 'keys-private-given');
  await runCocoa(['keys', 'generate', '--out', keysDir, '--force']);
  return path.join(keysDir, 'export-signing-private.pem');
}

async function signedZip(privateKeyPem: string): Promise<Uint8Array> {
  const nowSeconds = Math.floor(Date.UTC(2026, 0, 10) / 1000);
  const keys = Array.from({ length: 3 }, (_, index) => ({
    keyData: new Uint8Array(16).fill(index + 1),
    rollingStartIntervalNumber: Math.floor(nowSeconds / 600 / 144) * 144 - 144 * (index + 1),
    rollingPeriod: 144,
    transmissionRiskLevel: 4,
    reportType: ReportType.CONFIRMED_TEST,
    daysSinceOnsetOfSymptoms: index,
  }));
  const info = {
    verificationKeyVersion: 'v1',
    verificationKeyId: '440',
    signatureAlgorithm: ECDSA_P256_SHA256_OID,
  };
  return buildSignedExportZip(
    {
      startTimestamp: nowSeconds - 3600,
      endTimestamp: nowSeconds,
      region: '440',
      batchNum: 1,
      batchSize: 1,
      signatureInfos: [info],
      keys,
      revisedKeys: [],
    },
    [{ privateKeyPem, info }],
  );
}
