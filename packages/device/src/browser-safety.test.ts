import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The app bundles this package for browsers; one stray `node:` import would break it there.
describe('the browser entry point', () => {
  it('bundles for the browser without any Node built-in', async () => {
    const entry = fileURLToPath(new URL('./index.ts', import.meta.url));
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((p) => p.includes('packages/device/src/engine.ts'))).toBe(true);
    expect(inputs.filter((p) => p.startsWith('node:') || p.includes('/node/'))).toEqual([]);
  });
});
