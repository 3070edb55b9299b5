import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRunFolder, removeAbandonedRunFolders } from './run-folder.ts';

let parent: string;

beforeEach(() => {
  parent = mkdtempSync(path.join(tmpdir(), 'cocoa-run-folder-test-'));
});

afterEach(() => {
  rmSync(parent, { recursive: true, force: true });
});

/** The id of a process that has already ended. */
function endedPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  expect(child.status).toBe(0);
  return child.pid!;
}

function runFolder(name: string, owner?: string): string {
  const dir = path.join(parent, name);
  mkdirSync(path.join(dir, 'phones', '7'), { recursive: true });
  writeFileSync(path.join(dir, 'phones', '7', '1.rec'), 'sealed');
  if (owner !== undefined) writeFileSync(path.join(dir, 'owner'), owner);
  return dir;
}

describe('run folders', () => {
  it('name the host and process that own them', () => {
    const dir = createRunFolder(parent);
    expect(path.basename(dir)).toMatch(/^cocoa-sim-/);
    expect(readFileSync(path.join(dir, 'owner'), 'utf8')).toBe(`${hostname()} ${process.pid}\n`);
  });

  it('remove only the folders of runs whose process has ended', () => {
    const killed = runFolder('cocoa-sim-killed', `${hostname()} ${endedPid()}\n`);
    const running = runFolder('cocoa-sim-running', `${hostname()} ${process.pid}\n`);
    const elsewhere = runFolder('cocoa-sim-elsewhere', `another-host ${endedPid()}\n`);
    const unnamed = runFolder('cocoa-sim-unnamed');
    const garbled = runFolder('cocoa-sim-garbled', 'not an owner');
    const other = runFolder('something-else', `${hostname()} ${endedPid()}\n`);

    expect(removeAbandonedRunFolders(parent)).toEqual([killed]);
    expect(existsSync(killed)).toBe(false);
    for (const kept of [running, elsewhere, unnamed, garbled, other]) {
      expect(existsSync(kept)).toBe(true);
    }
  });

  it('clear a killed run before a new one starts', () => {
    const killed = runFolder('cocoa-sim-killed', `${hostname()} ${endedPid()}\n`);
    const dir = createRunFolder(parent);
    expect(existsSync(killed)).toBe(false);
    expect(existsSync(dir)).toBe(true);
  });

  it('find nothing to remove under a missing parent', () => {
    expect(removeAbandonedRunFolders(path.join(parent, 'missing'))).toEqual([]);
  });
});
