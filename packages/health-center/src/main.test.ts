/** Starts the real entry file as a child process, as an operator would. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

function run(env: Record<string, string>) {
  const child = spawn(TSX, [MAIN], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

describe('main entry', () => {
  it(
    'refuses to start with a bad configuration and names the variable',
    { timeout: 90_000 },
    async () => {
      const { exited, output } = run({ VERIFY_CLIENTS: 'ns:short' });
      expect(await exited).toBe(1);
      expect(output().stderr).toContain('NUMBER_HASH_KEYS: is required');
      expect(output().stderr).toContain('VERIFY_CLIENTS');
    },
  );

  it(
    'serves, answers health checks and stops cleanly on SIGTERM',
    { timeout: 90_000 },
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'hc-main-'));
      const server = run({
        DATABASE_URL: `sqlite:${path.join(dir, 'hc.sqlite')}`,
        NUMBER_HASH_KEYS: `k1:${'h'.repeat(40)}`,
        VERIFY_CLIENTS: `ns:${'c'.repeat(40)}`,
        DEV_OUTBOX: 'true',
        PORT: '0',
      });
      try {
        let url: string | undefined;
        // Starting tsx can take many seconds on a busy machine.
        for (let attempt = 0; attempt < 600 && !url; attempt += 1) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          url = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(server.output().stdout)?.[1];
        }
        expect(url).toBeDefined();

        const health = await fetch(`${url}/healthz`);
        expect(await health.json()).toEqual({ status: 'ok' });

        server.child.kill('SIGTERM');
        expect(await server.exited).toBe(0);
      } finally {
        server.child.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
