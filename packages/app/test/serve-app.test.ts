import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_NOT_BUILT, createAppServer } from '../server/index.ts';

const config = { notificationServerBase: './', region: '440', exportVerificationKeys: [] };

describe('createAppServer', () => {
  let dist: string;
  let upstream: FastifyInstance;
  let app: FastifyInstance;
  let upstreamUrl = '';

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'app-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dist, 'sw.js'), 'self.x = 1;');
    writeFileSync(join(dist, 'config.json'), '{"sample":true}');
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'assets', 'main-abc.js'), 'console.log(1);');

    // A stand-in notification server that reports what reached it.
    upstream = Fastify();
    upstream.all('/*', async (request) => ({ url: request.url, headers: request.headers }));
    upstreamUrl = await upstream.listen({ host: '127.0.0.1', port: 0 });

    app = await createAppServer({
      config,
      notificationServerUrl: () => upstreamUrl,
      distDir: dist,
    });
  });

  afterAll(async () => {
    await app.close();
    await upstream.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves the built app, with the service worker never cached', async () => {
    const index = await app.inject({ url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('<title>app</title>');
    const sw = await app.inject({ url: '/sw.js' });
    expect(sw.headers['cache-control']).toBe('no-cache');
    const asset = await app.inject({ url: '/assets/main-abc.js' });
    expect(asset.body).toBe('console.log(1);');
  });

  it("serves the deployment's config.json instead of the sample in dist", async () => {
    const response = await app.inject({ url: '/config.json' });
    expect(response.json()).toMatchObject({ region: '440', notificationServerBase: './' });
    expect(response.json()).not.toHaveProperty('sample');
  });

  it.each([
    '/api/v3/diagnosis',
    '/exports/440/list.json',
    '/exposure_configuration/configuration.json',
  ])('forwards %s to the notification server unchanged', async (url) => {
    const response = await app.inject({ method: url.startsWith('/api') ? 'PUT' : 'GET', url });
    expect(response.statusCode).toBe(200);
    expect(response.json().url).toBe(url);
  });

  it('never forwards headers that identify the person', async () => {
    const response = await app.inject({
      method: 'PUT',
      url: '/api/v3/diagnosis',
      headers: {
        'x-forwarded-for': '203.0.113.9',
        'x-real-ip': '203.0.113.9',
        forwarded: 'for=203.0.113.9',
        cookie: 'a=b',
        'x-chaff': '1',
      },
      payload: {},
    });
    const headers = response.json().headers as Record<string, string>;
    expect(JSON.stringify(headers)).not.toContain('203.0.113.9');
    expect(headers.cookie).toBeUndefined();
    // Decoy marking must still reach the server, or decoys would be stored as real reports.
    expect(headers['x-chaff']).toBe('1');
  });

  it('answers a path it does not have with 404 and a stable code', async () => {
    const response = await app.inject({ url: '/no/such/page.html' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ code: 'NOT_FOUND', message: 'no such file' });
  });

  it('reports its health, and reports trouble once the built app is gone', async () => {
    const healthy = await app.inject({ url: '/healthz' });
    expect(healthy.statusCode).toBe(200);
    expect(healthy.json()).toEqual({ status: 'ok' });

    const gone = mkdtempSync(join(tmpdir(), 'app-gone-'));
    writeFileSync(join(gone, 'index.html'), '<!doctype html>');
    const server = await createAppServer({
      config,
      notificationServerUrl: upstreamUrl,
      distDir: gone,
    });
    try {
      rmSync(join(gone, 'index.html'));
      const broken = await server.inject({ url: '/healthz' });
      expect(broken.statusCode).toBe(503);
      expect(broken.json()).toMatchObject({ code: APP_NOT_BUILT });
    } finally {
      await server.close();
      rmSync(gone, { recursive: true, force: true });
    }
  });

  it('refuses to start without a built app', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'app-empty-'));
    try {
      await expect(
        createAppServer({ config, notificationServerUrl: upstreamUrl, distDir: empty }),
      ).rejects.toMatchObject({ code: APP_NOT_BUILT });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('rejects a malformed configuration before serving anything', async () => {
    await expect(
      createAppServer({ config: { region: 1 }, notificationServerUrl: upstreamUrl, distDir: dist }),
    ).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});
