import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../testing/databases.ts';
import { keyBody, submissionBody } from '../testing/bodies.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';

describe.each(ENGINES)('log privacy on %s', (engine) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(engine, Date.UTC(2020, 5, 4, 15), { logLevel: 'trace' });
  });
  afterAll(() => t.close());

  it('never logs key data, the processing number or a client address over a full run', async () => {
    const address = await t.server.app.listen({ host: '127.0.0.1', port: 0 });
    const keys = [keyBody(0x1234_5678, 2651904), keyBody(0x0badf00d, 2651760)];
    const secrets = ['73519642', '73519643', '73519644'];
    t.verification.issue(secrets[0]!);

    const put = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${address}/api/v3/diagnosis?trace=${secrets[2]}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    expect((await put(submissionBody(keys, { verificationPayload: secrets[0] }))).status).toBe(200);
    expect((await put(submissionBody(keys, { verificationPayload: secrets[1] }))).status).toBe(406);
    expect((await put(submissionBody(keys), { 'x-chaff': '1' })).status).toBe(200);
    expect((await put(`{"keys":[{"keyData":"${keys[0]!.keyData}"`)).status).toBe(400);
    t.verification.failing = true;
    t.verification.issue(secrets[1]!);
    expect((await put(submissionBody(keys, { verificationPayload: secrets[1] }))).status).toBe(503);
    t.verification.failing = false;
    await t.server.runExport();
    await t.server.runRetention();
    await fetch(`${address}/exports/440/index.txt`);

    // The server's own listening address is 127.0.0.1 too; that line names no client.
    const log = t.logLines.filter((l) => !l.includes('Server listening at')).join('\n');
    expect(t.logLines.length).toBeGreaterThan(10);
    const keyHex = keys.map((k) => Buffer.from(k.keyData, 'base64').toString('hex'));
    for (const needle of [...secrets, ...keys.map((k) => k.keyData), ...keyHex, '127.0.0.1']) {
      expect(log).not.toContain(needle);
    }
    expect(log).not.toMatch(/remoteAddress|"ip"|x-forwarded-for/i);
  });
});
