/**
 * Test helper: starts `cocoa serve` as a real process and waits until it prints where each
 * service listens.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { COCOA_BIN } from './run-cli.ts';

/** A started `cocoa serve` with the URLs it printed. */
export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  urls: Record<string, string>;
  demo: { username: string; password: string } | undefined;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code and signal once the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const URL_LINE = /^ {2}(health-center console|notification server|app)\s+(http:\/\/\S+)$/gm;
const DEMO_LINE = /demo sign-in \(console\)\s+user (\S+)\s+password (\S+)/;

/** Spawns `cocoa serve ...args` and resolves once the banner is printed (or rejects on exit). */
export function startServe(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [COCOA_BIN, 'serve', ...args], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (!stdout.includes('Press Ctrl+C to stop.')) return;
      const urls = Object.fromEntries([...stdout.matchAll(URL_LINE)].map((m) => [m[1], m[2]]));
      const demo = DEMO_LINE.exec(stdout);
      resolve({
        child,
        urls: urls as Record<string, string>,
        demo: demo ? { username: demo[1] ?? '', password: demo[2] ?? '' } : undefined,
        stdout: () => stdout,
        stderr: () => stderr,
        exited,
      });
    });
    void exited.then(({ code }) =>
      reject(new Error(`cocoa serve exited with ${code} before it was ready:\n${stderr}`)),
    );
  });
}
