import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PACKAGES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Who may use whom (docs/architecture.md): protocol at the bottom, the three domains on it and
// never on each other, the app and the simulator above them, the command line on top.
const ALLOWED: Record<string, string[]> = {
  protocol: [],
  device: ['protocol'],
  'health-center': ['protocol'],
  'notification-server': ['protocol'],
  app: ['device', 'protocol'],
  simulator: ['device', 'health-center', 'notification-server', 'protocol'],
  cli: ['app', 'device', 'health-center', 'notification-server', 'protocol', 'simulator'],
};
// Tests may reach further: the app's browser tests run against the real servers.
const ALLOWED_IN_TESTS: Record<string, string[]> = {
  app: ['health-center', 'notification-server'],
};

const isTestCode = (file: string) => /(\.test\.tsx?$|\/e2e\/|\/testing\/)/.test(file);

/** Our packages the files of `pkg` import, with the files that import them. */
function importsOf(pkg: string, tests: boolean): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx|js|mjs)$/.test(entry.name) && isTestCode(full) === tests) {
        const text = readFileSync(full, 'utf8');
        for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'@cocoa\/([a-z-]+)/g)) {
          const used = m[1]!;
          found.set(used, [...(found.get(used) ?? []), path.relative(PACKAGES, full)]);
        }
      }
    }
  };
  walk(path.join(PACKAGES, pkg));
  found.delete(pkg);
  return found;
}

describe('the workspace packages', () => {
  it('are exactly those the architecture names', () => {
    const onDisk = readdirSync(PACKAGES, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(onDisk).toEqual(Object.keys(ALLOWED).sort());
  });

  it.each(Object.keys(ALLOWED))('%s uses only the packages below it, and declares them', (pkg) => {
    const manifest = JSON.parse(readFileSync(path.join(PACKAGES, pkg, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const ours = (deps: Record<string, string> | undefined) =>
      Object.keys(deps ?? {})
        .filter((name) => name.startsWith('@cocoa/'))
        .map((name) => name.slice('@cocoa/'.length));
    const forProduction = ours(manifest.dependencies);
    const forTests = [...forProduction, ...ours(manifest.devDependencies)];

    const used = importsOf(pkg, false);
    expect([...used].filter(([name]) => !ALLOWED[pkg]!.includes(name))).toEqual([]);
    expect([...used.keys()].filter((name) => !forProduction.includes(name))).toEqual([]);

    const usedInTests = importsOf(pkg, true);
    const allowedInTests = [...ALLOWED[pkg]!, ...(ALLOWED_IN_TESTS[pkg] ?? [])];
    expect([...usedInTests].filter(([name]) => !allowedInTests.includes(name))).toEqual([]);
    expect([...usedInTests.keys()].filter((name) => !forTests.includes(name))).toEqual([]);
  });
});
