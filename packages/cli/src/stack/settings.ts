import type { CliContext } from '../context.ts';
import { dataLayout, resolveDataDir } from '../data-dir.ts';
import type { DataLayout } from '../data-dir.ts';
import { resolvePort } from '../ports.ts';
import { resolveDatabases } from './databases.ts';
import type { StackDatabases } from './databases.ts';

/** Where each service listens, as decided before any of them starts. */
export interface StackAddresses {
  host: string;
  healthCenterPort: number;
  notificationServerPort: number;
  appPort: number;
}

/** Everything about the local system that commands share: paths, databases, addresses. */
export interface StackSettings {
  layout: DataLayout;
  databases: StackDatabases;
  /** Region code of published exports (Japan's mobile country code). */
  region: string;
  /** `verification_key_id` / `_version` of the local signing key. */
  signingKeyId: string;
  signingKeyVersion: string;
}

/** Settings of the local system from `--data-dir`, `--database-url` and the environment. */
export function resolveSettings(
  context: CliContext,
  options: { dataDir?: string; databaseUrl?: string },
): StackSettings {
  const layout = dataLayout(resolveDataDir(options.dataDir, context.env));
  return {
    layout,
    databases: resolveDatabases(context.env, layout, options.databaseUrl),
    region: context.env.COCOA_REGION ?? '440',
    signingKeyId: context.env.COCOA_SIGNING_KEY_ID ?? '440',
    signingKeyVersion: context.env.COCOA_SIGNING_KEY_VERSION ?? 'v1',
  };
}

/** Resolves port 0 to free ports, all before anything listens, so each service can be told
 * the others' addresses up front. */
export async function resolveAddresses(requested: StackAddresses): Promise<StackAddresses> {
  const { host } = requested;
  return {
    host,
    healthCenterPort: await resolvePort(host, requested.healthCenterPort),
    notificationServerPort: await resolvePort(host, requested.notificationServerPort),
    appPort: await resolvePort(host, requested.appPort),
  };
}

/** `http://host:port` with IPv6 hosts bracketed. */
export function httpUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}
