/**
 * Test helper: runs the real `cocoa` command (the bin shim, through tsx) as a child process,
 * the way a user's shell does.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Absolute path of the `cocoa` bin shim. */
export const COCOA_BIN = fileURLToPath(new URL('../../bin/cocoa.js', import.meta.url));

/** What one finished run printed and how it exited. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options for one run: extra environment, text for standard input, working directory. */
export interface CliRunOptions {
  env?: Record<string, string | undefined>;
  input?: string;
  cwd?: string;
}

/** Runs `cocoa ...args` to completion. */
export function runCocoa(args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [COCOA_BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/**
 * Time allowed for a test that starts the command as a process: each start loads TypeScript
 * through tsx and the services' modules, which takes seconds on a busy machine.
 */
export const CLI_TEST_TIMEOUT_MS = 180_000;

/**
 * Names of operating-system errors and Node's own error codes: a command explains such a
 * failure in words, so none of them may reach the user's screen.
 */
export const RAW_SYSTEM_ERROR =
  /\b(EACCES|EPERM|EROFS|EEXIST|ENOENT|ENOTDIR|EISDIR|ENOSPC|ENOTFOUND|EAI_AGAIN|EADDRNOTAVAIL|SQLITE_\w+|ERR_\w+)\b/;
