import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERIFICATION_PATH, VERIFICATION_SECRET_HEADER } from '@cocoa/protocol';
import type { HealthCenterApp } from '../app.ts';
import {
  ConsoleClient,
  TEST_CLIENT_SECRET,
  TEST_STAFF,
  issueThroughConsole,
  shownNumber,
  smsForm,
  startTestApp,
} from '../testing/app.ts';
import type { TestApp } from '../testing/app.ts';
import { ENGINES, createTestDatabase } from '../testing/databases.ts';
import type { TestDatabaseLocation } from '../testing/databases.ts';

async function verifyResult(app: HealthCenterApp, processingNumber: string): Promise<string> {
  const response = await app.server.inject({
    method: 'POST',
    url: VERIFICATION_PATH,
    headers: { [VERIFICATION_SECRET_HEADER]: TEST_CLIENT_SECRET },
    payload: { processingNumber },
  });
  return response.json().result;
}

async function countNumbers(app: HealthCenterApp): Promise<number> {
  const rows = await app.database.db.selectFrom('processing_numbers').select('id').execute();
  return rows.length;
}

describe.each(ENGINES)('console on %s', (engine) => {
  let location: TestDatabaseLocation;
  let test: TestApp;
  let client: ConsoleClient;

  beforeAll(async () => {
    location = await createTestDatabase(engine);
    test = await startTestApp(location);
    client = new ConsoleClient(test.app);
    expect((await client.signIn()).statusCode).toBe(303);
  });

  afterAll(async () => {
    await test.app.close();
    await location.dispose();
  });

  it('sends visitors without a session to the sign-in page', async () => {
    const stranger = new ConsoleClient(test.app);
    const response = await stranger.get('/console');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/console/sign-in');
  });

  it('refuses a wrong password without starting a session', async () => {
    const stranger = new ConsoleClient(test.app);
    const response = await stranger.signIn({ ...TEST_STAFF, password: 'wrong password!!' });
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain('ユーザー名またはパスワードが正しくありません');
    expect(response.cookies.find((cookie) => cookie.name === 'hc_session')).toBeUndefined();
    expect((await stranger.get('/console')).statusCode).toBe(303);
  });

  it('refuses a sign-in post that lacks the form token', async () => {
    const stranger = new ConsoleClient(test.app);
    const response = await stranger.post('/console/sign-in', { ...TEST_STAFF, _csrf: '' });
    expect(response.statusCode).toBe(403);
  });

  it.each([
    ['no token', ''],
    ['a wrong token', 'x'.repeat(43)],
  ])('refuses an issue post with %s and issues nothing', async (_name, token) => {
    const before = await countNumbers(test.app);
    const response = await client.post('/console/numbers', { ...smsForm(), _csrf: token });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('フォームの有効期限が切れました');
    expect(await countNumbers(test.app)).toBe(before);
  });

  it('issues by SMS into the outbox with the number, expiry and app link', async () => {
    test.app.outbox?.clear();
    const response = await client.post('/console/numbers', smsForm());
    expect(response.statusCode).toBe(201);
    const processingNumber = shownNumber(response.body);
    expect(processingNumber).toMatch(/^[0-9]{8}$/);
    expect(response.body).toContain('data-status="sent"');

    const [message] = test.app.outbox?.messages() ?? [];
    expect(message).toMatchObject({ channel: 'sms', to: '+819012345678' });
    expect(message?.text).toContain(processingNumber);
    expect(message?.text).toContain(`https://app.example.jp/#/register?number=${processingNumber}`);
    expect(message?.text).toContain('2026/12/02');
  });

  it('keeps neither the phone number nor the digits in the database', async () => {
    const { processingNumber } = await issueThroughConsole(
      client,
      smsForm({ contact: '080-9876-5432' }),
    );
    const rows = await test.app.database.db.selectFrom('processing_numbers').selectAll().execute();
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(processingNumber);
    expect(dump).not.toMatch(/9876|5432/);
  });

  it('shows the status page without the digits', async () => {
    const { processingNumber, id } = await issueThroughConsole(client);
    const page = await client.get(`/console/numbers/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(processingNumber);
    expect(page.body).toContain('送信済み');
  });

  it.each([
    ['a short phone number', smsForm({ contact: '090-1234' }), '電話番号の形式'],
    ['letters as a phone number', smsForm({ contact: 'call me' }), '電話番号の形式'],
    ['a broken e-mail address', smsForm({ channel: 'email', contact: 'a@@b' }), 'メールアドレス'],
    ['a future test date', smsForm({ testDate: '2026-12-05' }), '日付が正しくありません'],
    ['an impossible onset date', smsForm({ onsetDate: '2026-02-30' }), '日付が正しくありません'],
    ['an unknown report type', smsForm({ reportType: '3' }), '確定の方法'],
    ['an unknown channel', smsForm({ channel: 'fax' }), '送付方法'],
  ])('refuses %s before issuing', async (_name, form, message) => {
    const before = await countNumbers(test.app);
    const response = await client.post('/console/numbers', form);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(message);
    expect(await countNumbers(test.app)).toBe(before);
  });

  it('shows an expired number as gone before the purge job removes it', async () => {
    const { id } = await issueThroughConsole(client);
    const start = test.clock.now;
    try {
      test.clock.now = start + 24 * 3600_000 + 1000;
      await client.signIn();
      const page = await client.get(`/console/numbers/${id}`);
      expect(page.body).toContain('使用済み、取り消し済み、または期限切れ');
    } finally {
      test.clock.now = start;
      await client.signIn();
    }
  });

  it('revokes an unused number', async () => {
    const { processingNumber, id } = await issueThroughConsole(client);
    const response = await client.post(`/console/numbers/${id}/revoke`, {});
    expect(response.body).toContain('処理番号を取り消しました');
    expect(await verifyResult(test.app, processingNumber)).toBe('invalid');
    expect((await client.get(`/console/numbers/${id}`)).body).toContain('使用済み、取り消し済み');
  });

  it('re-sends by issuing a new number and revoking the old one', async () => {
    const old = await issueThroughConsole(client);
    test.app.outbox?.clear();
    const response = await client.post(`/console/numbers/${old.id}/resend`, {
      channel: 'email',
      contact: 'patient@example.jp',
      messageLocale: 'en',
    });
    expect(response.statusCode).toBe(201);
    const fresh = shownNumber(response.body);
    expect(fresh).toMatch(/^[0-9]{8}$/);
    expect(fresh).not.toBe(old.processingNumber);

    const [mail] = test.app.outbox?.messages() ?? [];
    expect(mail).toMatchObject({ channel: 'email', to: 'patient@example.jp' });
    expect(mail?.subject).toBe('Your processing number for the contact-confirmation app');
    expect(await verifyResult(test.app, old.processingNumber)).toBe('invalid');
    expect(await verifyResult(test.app, fresh ?? '')).toBe('valid');
  });

  it('lists sent messages on the outbox page', async () => {
    const { processingNumber } = await issueThroughConsole(client);
    const page = await client.get('/console/outbox');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(processingNumber);
  });

  it('switches to English and remembers the choice', async () => {
    const english = await client.get('/console?lang=en');
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('Issue a processing number');
    expect((await client.get('/console')).body).toContain('<html lang="en">');
    expect((await client.get('/console?lang=ja')).body).toContain('<html lang="ja">');
  });

  it('sets strict cookies and defensive headers', async () => {
    const stranger = new ConsoleClient(test.app);
    await stranger.get('/console/sign-in');
    const response = await stranger.post('/console/sign-in', TEST_STAFF);
    const session = response.cookies.find((cookie) => cookie.name === 'hc_session');
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict' });

    const page = await stranger.get('/console');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('signs out, after which the old session cookie no longer works', async () => {
    const other = new ConsoleClient(test.app);
    await other.signIn();
    const response = await other.post('/console/sign-out', {});
    expect(response.statusCode).toBe(303);
    expect((await other.get('/console')).statusCode).toBe(303);
  });

  it('ends a session after the idle timeout', async () => {
    const other = new ConsoleClient(test.app);
    await other.signIn();
    const start = test.clock.now;
    try {
      test.clock.now = start + 14 * 60_000;
      expect((await other.get('/console')).statusCode).toBe(200);
      test.clock.now = start + 30 * 60_000;
      const response = await other.get('/console');
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/console/sign-in?expired=1');
    } finally {
      test.clock.now = start;
    }
  });
});

describe('console when delivery fails', () => {
  let location: TestDatabaseLocation;
  let test: TestApp;
  let client: ConsoleClient;

  beforeAll(async () => {
    location = await createTestDatabase('sqlite');
    const failing = { sendSms: () => Promise.reject(new Error('gateway down')) };
    test = await startTestApp(
      location,
      { ISSUE_RATE_PER_STAFF: '5' },
      { providers: { sms: failing } },
    );
    client = new ConsoleClient(test.app);
    await client.signIn();
  });

  afterAll(async () => {
    await test.app.close();
    await location.dispose();
  });

  it('says so, keeps the number valid and lets staff revoke it', async () => {
    const response = await client.post('/console/numbers', smsForm());
    expect(response.statusCode).toBe(201);
    expect(response.body).toContain('data-status="failed"');
    expect(response.body).toContain('送信に失敗しました');

    const row = await test.app.database.db
      .selectFrom('processing_numbers')
      .selectAll()
      .executeTakeFirst();
    expect(row?.delivery_status).toBe('failed');
    const revoke = await client.post(`/console/numbers/${row?.id}/revoke`, {});
    expect(revoke.body).toContain('処理番号を取り消しました');

    const failures = await test.app.metrics.deliveries.get();
    const failed = failures.values.find((value) => value.labels.outcome === 'failed');
    expect(failed?.value).toBe(1);
  });

  it('limits how many numbers one staff member issues per minute', async () => {
    const statuses = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      statuses.push((await client.post('/console/numbers', smsForm())).statusCode);
    }
    // One issue happened in the previous test; the budget is five a minute.
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
  });
});

describe('looking a number up by its digits', () => {
  let location: TestDatabaseLocation;
  let test: TestApp;
  let client: ConsoleClient;

  beforeAll(async () => {
    location = await createTestDatabase('postgres');
    test = await startTestApp(location);
    client = new ConsoleClient(test.app);
    await client.signIn();
  });

  afterAll(async () => {
    await test.app.close();
    await location.dispose();
  });

  it('finds a live number typed with full-width digits and a hyphen', async () => {
    const { processingNumber, id } = await issueThroughConsole(client);
    const typed = [...processingNumber]
      .map((digit) => String.fromCharCode(0xff10 + Number(digit)))
      .join('')
      .replace(/^(.{4})/, '$1－');
    await client.get('/console/lookup');
    const response = await client.post('/console/lookup', { processingNumber: typed });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/console/numbers/${id}`);
  });

  it('says a used number is gone', async () => {
    const { processingNumber } = await issueThroughConsole(client);
    expect(await verifyResult(test.app, processingNumber)).toBe('valid');
    const response = await client.post('/console/lookup', { processingNumber });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('使用済み、取り消し済み');
  });

  it.each([['1234567'], ['123456789'], ['1234abcd'], ['1234567🙂'], ['1234\n5678']])(
    'refuses %j with the processing-number error',
    async (processingNumber) => {
      const response = await client.post('/console/lookup', { processingNumber });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('処理番号は8桁の数字で入力してください');
    },
  );
});
