/** Builds the web app with Vite from Node, for `npm start` and the browser tests. */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** This package's directory, where `vite.config.ts` and `index.html` live. */
export const APP_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Options of `buildApp`. */
export interface BuildAppOptions {
  /** Output directory; defaults to the package's `dist/`. */
  outDir?: string;
  /** Print Vite's progress; default false. */
  verbose?: boolean;
}

/** Runs `vite build` for the app and resolves to the output directory. */
export async function buildApp(options: BuildAppOptions = {}): Promise<string> {
  const outDir = options.outDir ?? fileURLToPath(new URL('../dist/', import.meta.url));
  // Vite builds for whatever NODE_ENV says, and test runners say "test": that bundle would
  // leave out the service worker. The app is always built as it is deployed.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: APP_ROOT,
      configFile: `${APP_ROOT}vite.config.ts`,
      mode: 'production',
      logLevel: options.verbose ? 'info' : 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}
