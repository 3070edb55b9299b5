import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyBody, storedKeys, submissionBody } from '../testing/bodies.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';

describe('graceful shutdown', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite', Date.UTC(2020, 5, 4, 15));
  });
  afterAll(async () => {
    await t.verification.close();
    await t.database.dispose();
    rmSync(t.blobDirectory, { recursive: true, force: true });
  });

  it('finishes a request in flight over real HTTP before closing', async () => {
    const address = await t.server.app.listen({ host: '127.0.0.1', port: 0 });
    t.verification.issue('60000001');
    t.verification.delayMs = 500;

    const inFlight = fetch(`${address}/api/v3/diagnosis`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        submissionBody([keyBody(1, 2651904)], { verificationPayload: '60000001' }),
      ),
    });
    // Close only once the request is inside the handler, waiting on verification.
    while (!t.verification.asked.includes('60000001')) await new Promise((r) => setTimeout(r, 10));
    const keysBeforeClose = await storedKeys(t.server);
    const closing = t.server.close();

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect((await response.json()) as { code: string }).toMatchObject({ code: 'OK' });
    await closing;
    expect(keysBeforeClose).toHaveLength(0);
    expect(t.logLines.some((l) => l.includes('"statusCode":200'))).toBe(true);
    await expect(fetch(`${address}/healthz`)).rejects.toThrow();
  });
});
