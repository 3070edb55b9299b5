import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataLayout, type DataLayout } from '../data-dir.ts';
import { CliError } from '../errors.ts';
import { DEMO_USERNAME, ensureDemoAccount } from './first-run.ts';

describe('ensureDemoAccount', () => {
  let root: string;
  let layout: DataLayout;
  const created: string[] = [];
  const create = async (username: string) => {
    if (created.includes(username)) {
      throw Object.assign(new Error('taken'), { code: 'USERNAME_TAKEN' });
    }
    created.push(username);
  };

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'cocoa-first-run-'));
    layout = dataLayout(root);
    created.length = 0;
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('creates the account once and keeps its sign-in in a private file', async () => {
    const first = await ensureDemoAccount(layout, create);
    expect(first.created).toBe(true);
    expect(first.account.username).toBe(DEMO_USERNAME);
    expect(first.account.password.length).toBeGreaterThanOrEqual(16);
    expect((await stat(layout.demoAccount)).mode & 0o777).toBe(0o600);

    const again = await ensureDemoAccount(layout, create);
    expect(again).toEqual({ account: first.account, created: false });
  });

  it.each([
    ['not JSON', '{"username": "demo", '],
    ['JSON null', 'null'],
    ['no password', '{"username": "demo"}'],
  ])(
    'refuses a damaged sign-in file (%s) with a stable code and leaves it alone',
    async (_, text) => {
      await writeFile(layout.demoAccount, text);
      const error = await ensureDemoAccount(layout, create).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).code).toBe('DEMO_ACCOUNT_INVALID');
      expect((error as CliError).message).toContain('--no-demo-account');
      expect(created).toEqual([]);
      expect(await readFile(layout.demoAccount, 'utf8')).toBe(text);
    },
  );
});
