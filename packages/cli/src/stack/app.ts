import { readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { buildApp, createAppServer } from '@cocoa/app/server';
import type { CliContext } from '../context.ts';
import { CliError } from '../errors.ts';
import { fileExists } from '../files.ts';
import { listenOrExplain } from './listen.ts';
import type { RunningService } from './service.ts';
import type { StackSettings } from './settings.ts';
import { httpUrl } from './settings.ts';

/** Where and how to serve the app. */
export interface AppServeOptions {
  host: string;
  port: number;
  notificationServerUrl: string;
  healthCenterUrl: string;
  /** Directory of the built app, from `prepareAppBuild`. */
  distDir: string;
}

// Folder a build goes to before it replaces the app folder.
const APP_BUILD_PREFIX = 'app.building-';

/**
 * Builds the web app into the data directory (so the repository stays clean and parallel runs
 * do not share a folder), or checks that an earlier build is there; returns its directory.
 */
export async function prepareAppBuild(
  context: CliContext,
  settings: StackSettings,
  build: boolean,
): Promise<string> {
  const distDir = path.join(settings.layout.root, 'app');
  if (build) {
    context.note('cocoa: building the app with Vite...');
    // Built beside the old build and swapped in whole: a build stopped half-way (Ctrl+C)
    // leaves the last complete one in place, and only a leftover folder the next build removes.
    for (const entry of await readdir(settings.layout.root)) {
      if (entry.startsWith(`${APP_BUILD_PREFIX}`)) {
        await rm(path.join(settings.layout.root, entry), { recursive: true, force: true });
      }
    }
    const fresh = path.join(settings.layout.root, `${APP_BUILD_PREFIX}${process.pid}`);
    await buildApp({ outDir: fresh });
    await rm(distDir, { recursive: true, force: true });
    await rename(fresh, distDir);
  } else if (!(await fileExists(path.join(distDir, 'index.html')))) {
    throw new CliError(
      'APP_NOT_BUILT',
      `there is no app build in ${distDir}; start once without --no-build to create it`,
    );
  }
  return distDir;
}

/** Serves the built app with a `config.json` that trusts the local signing key. */
export async function startApp(
  settings: StackSettings,
  options: AppServeOptions,
): Promise<RunningService> {
  const { distDir } = options;

  const server = await createAppServer({
    config: await appConfig(settings, options.healthCenterUrl),
    notificationServerUrl: options.notificationServerUrl,
    distDir,
  });
  const address = { host: options.host, port: options.port };
  try {
    await listenOrExplain('app', '--app-port', address, () => server.listen(address));
  } catch (error) {
    await server.close();
    throw error;
  }

  const url = httpUrl(options.host, options.port);
  return {
    name: 'app',
    url: `${url}/`,
    healthUrl: `${url}/config.json`,
    close: () => server.close(),
  };
}

// Only what differs per deployment; the app's parser fills endpoint paths and calibration.
async function appConfig(
  settings: StackSettings,
  healthCenterUrl: string,
): Promise<Record<string, unknown>> {
  const publicKeyPem = await readFile(settings.layout.signingPublicKey, 'utf8');
  return {
    // Same origin: the app server forwards the notification server's paths.
    notificationServerBase: '/',
    region: settings.region,
    exportVerificationKeys: [
      { pem: publicKeyPem, keyId: settings.signingKeyId, version: settings.signingKeyVersion },
    ],
    healthCenter: { name: 'Local health center (demo)', contact: `${healthCenterUrl}/console` },
  };
}
