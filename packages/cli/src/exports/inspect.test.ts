import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKeyPair, sharedDataPath } from '@cocoa/protocol/node';
import { CLI_TEST_TIMEOUT_MS, runCocoa } from '../testing/run-cli.ts';
import { CWA_DEV_KEY, CWA_ZIP, notAnExport, signedZip } from '../testing/exports.ts';
import { MAX_EXPORT_FILE_BYTES } from './file.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cocoa-cli-inspect-'));
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
    ['a file that is not an export', () => notAnExport(dir), 'NOT_AN_EXPORT', /neither an export/],
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
