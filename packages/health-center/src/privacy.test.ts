/**
 * A full run through every route with the log at its most verbose, then a scan of every log
 * line (and the metrics page) for anything that identifies a person or could be replayed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERIFICATION_PATH, VERIFICATION_SECRET_HEADER } from '@cocoa/protocol';
import {
  ConsoleClient,
  TEST_CLIENT_SECRET,
  TEST_HASH_SECRET,
  TEST_STAFF,
  issueThroughConsole,
  smsForm,
  startTestApp,
} from './testing/app.ts';
import type { TestApp } from './testing/app.ts';
import { createTestDatabase } from './testing/databases.ts';
import type { TestDatabaseLocation } from './testing/databases.ts';
import { startTestSmtpServer } from './testing/smtp.ts';
import type { TestSmtpServer } from './testing/smtp.ts';

const PHONE = '090-4321-8765';
const EMAIL = 'yamada.hanako@example.jp';
const BAD_PHONE = '090-4321-876';

describe('logs of a full run', () => {
  let location: TestDatabaseLocation;
  let smtp: TestSmtpServer;
  let test: TestApp;
  let metricsPage = '';
  const secrets: string[] = [PHONE, '9043218765', EMAIL, BAD_PHONE, TEST_CLIENT_SECRET];

  beforeAll(async () => {
    location = await createTestDatabase('sqlite');
    smtp = await startTestSmtpServer(['bounce@example.jp']);
    test = await startTestApp(location, {
      SMTP_URL: smtp.url,
      LOG_LEVEL: 'trace',
      VERIFY_RATE_PER_CLIENT: '20',
    });
    const client = new ConsoleClient(test.app);
    const verify = (processingNumber: unknown, secret = TEST_CLIENT_SECRET) =>
      test.app.server.inject({
        method: 'POST',
        url: VERIFICATION_PATH,
        headers: { [VERIFICATION_SECRET_HEADER]: secret },
        payload: { processingNumber },
      });

    await client.signIn({ ...TEST_STAFF, password: 'a wrong password' });
    await client.signIn();
    secrets.push(TEST_STAFF.password, 'a wrong password', client.csrf);

    const bySms = await issueThroughConsole(client, smsForm({ contact: PHONE }));
    const byMail = await issueThroughConsole(client, smsForm({ channel: 'email', contact: EMAIL }));
    const bounced = await issueThroughConsole(
      client,
      smsForm({ channel: 'email', contact: 'bounce@example.jp' }),
    );
    await client.post('/console/numbers', smsForm({ contact: BAD_PHONE }));
    const resent = await client.post(`/console/numbers/${bySms.id}/resend`, {
      channel: 'sms',
      contact: PHONE,
    });
    const resentNumber = /id="processing-number">([0-9]{8})</.exec(resent.body)?.[1] ?? '';
    secrets.push(bySms.processingNumber, byMail.processingNumber, bounced.processingNumber);
    secrets.push(resentNumber, 'bounce@example.jp');

    await verify(byMail.processingNumber);
    await verify(byMail.processingNumber);
    await verify(`${resentNumber}9`);
    await verify(resentNumber, 'wrong-secret-wrong-secret-wrong-secret');
    await client.post(`/console/numbers/${bounced.id}/revoke`, {});
    await test.app.server.inject({ method: 'GET', url: `/console/numbers/${resentNumber}` });
    await test.app.server.inject({ method: 'GET', url: `/nowhere?number=${resentNumber}` });
    await client.post('/console/lookup', { processingNumber: resentNumber });
    await client.post('/console/lookup', { processingNumber: `${resentNumber}x` });
    await client.get('/console/outbox');
    await client.post('/console/sign-out', {});
    test.clock.now += 2 * 86_400_000;
    await test.app.purgeExpired();
    await test.app.server.inject({ method: 'GET', url: '/healthz' });
    metricsPage = (await test.app.server.inject({ method: 'GET', url: '/metrics' })).body;
  });

  afterAll(async () => {
    await test.app.close();
    await smtp.close();
    await location.dispose();
  });

  it('logged the run, one JSON object per line', () => {
    const lines = test.logLines.map((line) => JSON.parse(line) as { msg: string });
    const messages = lines.map((line) => line.msg);
    expect(messages).toContain('verification answered');
    expect(messages).toContain('processing number issued and sent');
    expect(messages).toContain('delivery failed');
    expect(messages).toContain('sign-in refused');
    expect(lines.length).toBeGreaterThan(20);
  });

  it('never logs a processing number, phone number, e-mail address, password or secret', () => {
    expect(secrets.filter((secret) => secret.length >= 8)).toHaveLength(secrets.length);
    const log = test.logLines.join('');
    for (const secret of [...secrets, TEST_HASH_SECRET]) {
      expect(log).not.toContain(secret);
    }
  });

  it('never logs an IP address or a cookie', () => {
    const log = test.logLines.join('');
    expect(log).not.toMatch(/\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/);
    expect(log).not.toMatch(/hc_session|remoteAddress|cookie/i);
  });

  it('keeps the metrics to counts without any of those values', () => {
    expect(metricsPage).toContain('hc_numbers_issued_total{channel="sms"}');
    for (const secret of secrets) {
      expect(metricsPage).not.toContain(secret);
    }
  });
});
