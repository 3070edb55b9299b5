import { describe, expect, it } from 'vitest';
import { startTestApp } from '../testing/app.ts';
import { ENGINES, createTestDatabase } from '../testing/databases.ts';

describe.each(ENGINES)('operations endpoints on %s', (engine) => {
  it('reports healthy while the database answers and 503 once it is gone', async () => {
    const location = await createTestDatabase(engine);
    const test = await startTestApp(location);
    try {
      const healthy = await test.app.server.inject({ method: 'GET', url: '/healthz' });
      expect(healthy.statusCode).toBe(200);
      expect(healthy.json()).toEqual({ status: 'ok' });

      await test.app.database.close();
      const down = await test.app.server.inject({ method: 'GET', url: '/healthz' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toEqual({ status: 'unavailable' });
    } finally {
      await test.app.server.close();
      await location.dispose();
    }
  });

  it('serves Prometheus text with every counter of the service', async () => {
    const location = await createTestDatabase(engine);
    const test = await startTestApp(location);
    try {
      const response = await test.app.server.inject({ method: 'GET', url: '/metrics' });
      expect(response.headers['content-type']).toContain('text/plain');
      for (const name of [
        'hc_numbers_issued_total',
        'hc_numbers_verified_total',
        'hc_numbers_expired_total',
        'hc_numbers_revoked_total',
        'hc_verification_failures_total',
        'hc_deliveries_total',
        'hc_rate_limited_total',
        'hc_live_numbers',
      ]) {
        expect(response.body).toContain(`# TYPE ${name}`);
      }
    } finally {
      await test.app.close();
      await location.dispose();
    }
  });
});
