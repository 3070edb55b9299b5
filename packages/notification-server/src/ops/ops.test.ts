import { readFileSync } from 'node:fs';
import { sharedDataPath } from '@cocoa/protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../testing/databases.ts';
import { keyBody, submissionBody, submit } from '../testing/bodies.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import {
  DEFAULT_EXPOSURE_CONFIGURATION,
  DEFAULT_RISK_CALCULATION_CONFIGURATION,
} from '../exposure-config/defaults.ts';

const NOW = Date.UTC(2020, 5, 4, 15);

describe('default exposure configuration', () => {
  it.each([
    ['configuration.json', DEFAULT_EXPOSURE_CONFIGURATION],
    ['risk_calculation_configuration.json', DEFAULT_RISK_CALCULATION_CONFIGURATION],
  ])('equals the COCOA production %s', (file, defaults) => {
    const reference: unknown = JSON.parse(
      readFileSync(sharedDataPath('cocoa-config', file), 'utf8'),
    );
    expect(defaults).toEqual(reference);
  });
});

describe.each(ENGINES)('operations on %s', (engine) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(engine, NOW, { rateLimit: { max: 3, windowMs: 60_000 } });
  });
  afterAll(() => t.close());

  it('answers /healthz with the database reachable', async () => {
    const res = await t.server.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', maintenance: false });
  });

  it('serves the configuration documents with a version phones can compare', async () => {
    const config = await t.server.app.inject({
      method: 'GET',
      url: '/exposure_configuration/configuration.json',
    });
    expect(config.statusCode).toBe(200);
    expect(config.json()).toEqual(DEFAULT_EXPOSURE_CONFIGURATION);
    const version = String(config.headers['x-configuration-version']);
    expect(version).toMatch(/^[0-9a-f]{16}$/);

    const risk = await t.server.app.inject({
      method: 'GET',
      url: '/exposure_configuration/risk_calculation_configuration.json',
    });
    expect(risk.json()).toEqual(DEFAULT_RISK_CALCULATION_CONFIGURATION);
    const v = await t.server.app.inject({
      method: 'GET',
      url: '/exposure_configuration/version.json',
    });
    expect(v.json()).toEqual({ version });
    const cached = await t.server.app.inject({
      method: 'GET',
      url: '/exposure_configuration/configuration.json',
      headers: { 'if-none-match': `"${version}"` },
    });
    expect(cached.statusCode).toBe(304);
  });

  it('serves an OpenAPI document describing the submission route and its answers', async () => {
    const res = await t.server.app.inject({ method: 'GET', url: '/openapi.json' });
    const doc = res.json<{
      openapi: string;
      paths: Record<string, Record<string, { responses: object }>>;
    }>();
    expect(doc.openapi).toMatch(/^3\./);
    const put = doc.paths['/api/v3/diagnosis']?.put;
    expect(Object.keys(put?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '406', '413', '429', '503']),
    );
  });

  it('counts submissions by outcome in Prometheus metrics without client data', async () => {
    t.verification.issue('50000001');
    await submit(
      t.server,
      submissionBody([keyBody(1, 2651904)], { verificationPayload: '50000001' }),
    );
    const res = await t.server.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.body).toMatch(/ns_submissions_total\{outcome="accepted"\} 1/);
    expect(res.body).toContain('ns_export_file_bytes');
    expect(res.body).not.toContain('127.0.0.1');
  });

  it('throttles a client with 429 after the configured number of submissions', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (await submit(t.server, submissionBody([], { verificationPayload: '99999999' }))).status,
      );
    }
    expect(statuses.slice(-1)).toEqual([429]);
    const last = await submit(t.server, submissionBody([]));
    expect(last.body.code).toBe('RATE_LIMITED');
  });
});
