/**
 * Serves the built web app with its deployment's `config.json`, and forwards the notification
 * server's paths to it, so the app talks to one origin: no CORS, and one place to put a TLS
 * terminator or CDN in front.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyStatic from '@fastify/static';
import httpProxy from '@fastify/http-proxy';
import { parseAppConfig, type AppConfig } from '../src/config.ts';

/** The built app's directory inside this package. */
export const DEFAULT_DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url));

/** Path prefixes of the notification server that the app reaches same-origin. */
export const NOTIFICATION_SERVER_PREFIXES = ['/api', '/exports', '/exposure_configuration'];

/** Stable error code when the app has not been built yet. */
export const APP_NOT_BUILT = 'APP_NOT_BUILT';

// Headers that would tell the notification server who the person is; the proxy never passes
// them on, so even a misconfigured upstream cannot log an address.
const IDENTIFYING_HEADERS = ['x-forwarded-for', 'x-real-ip', 'forwarded', 'cookie', 'referer'];

/** Options of `createAppServer`. */
export interface AppServerOptions {
  /** The app's runtime configuration, served as `/config.json`. */
  config: AppConfig | Record<string, unknown>;
  /** Base URL of the notification server, or a function giving it when it is known later. */
  notificationServerUrl: string | (() => string);
  /** Built app directory; defaults to this package's `dist/`. */
  distDir?: string;
  /** Fastify logger option; defaults to off (the app server logs nothing about people). */
  logger?: FastifyServerOptions['logger'];
}

/** Error thrown when the app cannot be served. */
export class AppServerError extends Error {
  /** Stable, machine-readable reason. */
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'AppServerError';
    this.code = code;
  }
}

/** Builds (does not listen) the Fastify server of the app. */
export async function createAppServer(options: AppServerOptions): Promise<FastifyInstance> {
  const distDir = options.distDir ?? DEFAULT_DIST_DIR;
  if (!existsSync(`${distDir}/index.html`)) {
    throw new AppServerError(APP_NOT_BUILT, `no built app in ${distDir}; run buildApp() first`);
  }
  const config = parseAppConfig(options.config);
  const upstream = options.notificationServerUrl;
  const getUpstream = typeof upstream === 'function' ? upstream : () => upstream;

  const app = Fastify({ logger: options.logger ?? false, trustProxy: false });

  // The deployment's configuration replaces the sample file inside dist/.
  app.get('/config.json', async (_request, reply) => {
    void reply.header('cache-control', 'no-cache');
    return config;
  });

  // For a load balancer: the server is up and its built app is still there.
  app.get('/healthz', async (_request, reply) => {
    const ok = existsSync(`${distDir}/index.html`);
    return reply
      .code(ok ? 200 : 503)
      .header('cache-control', 'no-store')
      .send(ok ? { status: 'ok' } : { status: 'unavailable', code: APP_NOT_BUILT });
  });
  // The same shape as the notification server's answer for a path it does not have.
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ code: 'NOT_FOUND', message: 'no such file' }),
  );

  for (const prefix of NOTIFICATION_SERVER_PREFIXES) {
    await app.register(httpProxy, {
      upstream: '',
      prefix,
      rewritePrefix: prefix,
      replyOptions: {
        getUpstream: () => getUpstream(),
        rewriteRequestHeaders: (_request, headers) => withoutIdentifyingHeaders(headers),
      },
    });
  }

  await app.register(fastifyStatic, {
    root: distDir,
    // The service worker must be re-checked on every visit or a fixed build would never land.
    setHeaders: (res, path) => {
      if (path.endsWith('sw.js') || path.endsWith('index.html')) {
        void res.header('cache-control', 'no-cache');
      }
    },
  });
  return app;
}

/** A copy of request headers without any that identify the person or their address. */
export function withoutIdentifyingHeaders<T extends Record<string, unknown>>(headers: T): T {
  const copy = { ...headers };
  for (const name of IDENTIFYING_HEADERS) delete copy[name];
  return copy;
}
