import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as protocol from '../index.ts';

const srcDir = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** Every module reachable from `entry` through static imports, with what each one imports. */
function importGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (graph.has(file)) continue;
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/^(?:import|export)[^'"]*?from\s+'([^']+)'/gm)].map(
      (m) => m[1]!,
    );
    graph.set(file, specifiers);
    for (const s of specifiers) {
      if (s.startsWith('.')) pending.push(path.resolve(path.dirname(file), s));
    }
  }
  return graph;
}

describe('the browser entry of @cocoa/protocol', () => {
  it('reaches no node: module and nothing under src/node', () => {
    const graph = importGraph(path.join(srcDir, 'index.ts'));
    expect(graph.size).toBeGreaterThan(10);
    expect([...graph.values()].flat()).toContain('@noble/ciphers/aes.js');
    for (const [file, specifiers] of graph) {
      expect(file.startsWith(path.join(srcDir, 'node'))).toBe(false);
      for (const s of specifiers) expect(`${file}: ${s}`).not.toMatch(/: node:/);
    }
  });

  it('offers the noble backend and no Node backend', () => {
    expect(protocol.nobleCryptoBackend.hkdfSha256).toBeTypeOf('function');
    expect('nodeCryptoBackend' in protocol).toBe(false);
  });
});
