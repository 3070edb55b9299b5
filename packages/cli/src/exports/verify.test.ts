import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKeyPair } from '@cocoa/protocol/node';
import { CLI_TEST_TIMEOUT_MS, COCOA_BIN, RAW_SYSTEM_ERROR, runCocoa } from '../testing/run-cli.ts';
import {
  CWA_DEV_KEY,
  CWA_DIR,
  CWA_PROD_KEY,
  CWA_ZIP,
  damagedKey,
  notAnExport,
  privateKeyFile,
  signedZip,
} from '../testing/exports.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cocoa-cli-verify-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
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
      async () => [
        'exports',
        'verify',
        CWA_ZIP,
        '--key',
        CWA_DEV_KEY,
        '--key',
        await damagedKey(dir),
      ],
      1,
      /^cocoa: error EXPORT_KEY_PEM_INVALID: \S+damaged-public\.pem: /,
    ],
    [
      'a private key instead of a public one',
      async () => ['exports', 'verify', CWA_ZIP, '--key', await privateKeyFile(dir)],
      1,
      /PRIVATE_KEY_GIVEN: .*pass the public key/,
    ],
    [
      'a key file that is not PEM',
      async () => ['exports', 'verify', CWA_ZIP, '--key', await notAnExport(dir)],
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
