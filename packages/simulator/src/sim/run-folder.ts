/**
 * The temporary folder of a simulation run: its databases, export files and the phones' sighting
 * files, which reach gigabytes in a large town. A run removes its folder when it ends or is
 * stopped with Ctrl+C or SIGTERM. A run killed outright (SIGKILL, a crash of the machine) cannot,
 * so each folder names the host and process that own it, and the next run removes the folders
 * whose owner is gone. A folder without that name, or owned on another host, is left alone.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';

const PREFIX = 'cocoa-sim-';
const OWNER_FILE = 'owner';

/** Makes a new run folder under `parent`, first removing those of runs that were killed. */
export function createRunFolder(parent = tmpdir()): string {
  removeAbandonedRunFolders(parent);
  const dir = mkdtempSync(path.join(parent, PREFIX));
  writeFileSync(path.join(dir, OWNER_FILE), `${hostname()} ${process.pid}\n`);
  return dir;
}

/** Removes the run folders under `parent` whose owning process has ended; returns their paths. */
export function removeAbandonedRunFolders(parent = tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(parent).filter((n) => n.startsWith(PREFIX));
  } catch {
    return removed;
  }
  for (const name of names) {
    const dir = path.join(parent, name);
    const owner = ownerOf(dir);
    if (!owner || owner.host !== hostname() || isRunning(owner.pid)) continue;
    rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

function ownerOf(dir: string): { host: string; pid: number } | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(dir, OWNER_FILE), 'utf8');
  } catch {
    return undefined;
  }
  const match = /^(\S+) ([1-9][0-9]*)\n$/.exec(text);
  return match ? { host: match[1]!, pid: Number(match[2]) } : undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
