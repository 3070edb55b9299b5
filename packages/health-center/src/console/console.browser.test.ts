/**
 * The console in a real browser: Debian's Chromium driven by playwright-core, a real SMTP
 * server for e-mail and the development outbox for SMS.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_STAFF, startTestApp } from '../testing/app.ts';
import type { TestApp } from '../testing/app.ts';
import { createTestDatabase } from '../testing/databases.ts';
import type { TestDatabaseLocation } from '../testing/databases.ts';
import { startTestSmtpServer } from '../testing/smtp.ts';
import type { TestSmtpServer } from '../testing/smtp.ts';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-gpu',
  '--no-first-run',
  '--disable-sync',
];

describe('console in Chromium', () => {
  let location: TestDatabaseLocation;
  let smtp: TestSmtpServer;
  let test: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    location = await createTestDatabase('sqlite');
    smtp = await startTestSmtpServer();
    test = await startTestApp(location, { SMTP_URL: smtp.url, PORT: '0', HOST: '127.0.0.1' });
    test.clock.now = Date.now();
    baseUrl = await test.app.listen();

    // Playwright gives the browser a fresh temporary profile of its own.
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await test?.app.close();
    await smtp?.close();
    await location?.dispose();
  });

  async function signIn(password: string): Promise<void> {
    await page.goto(`${baseUrl}/console`);
    await page.getByLabel('ユーザー名').fill(TEST_STAFF.username);
    await page.getByLabel('パスワード').fill(password);
    await page.getByRole('button', { name: 'サインイン' }).click();
  }

  async function fillCase(channel: string, contact: string): Promise<void> {
    await page.getByLabel(channel).check();
    await page.getByLabel('送付先（電話番号またはメールアドレス）').fill(contact);
    await page.getByLabel('検査日').fill(new Date().toISOString().slice(0, 10));
    await page.getByLabel('確定の方法').selectOption('1');
  }

  it('refuses a wrong password', async () => {
    await signIn('not the password');
    expect(await page.getByRole('alert').innerText()).toBe(
      'ユーザー名またはパスワードが正しくありません。',
    );
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
  });

  it('signs in with the right password', async () => {
    await signIn(TEST_STAFF.password);
    await page.getByRole('heading', { name: '陽性者への処理番号の発行' }).waitFor();
  });

  it('issues by e-mail and the mail arrives with the number and link', async () => {
    await fillCase('電子メール', 'hanako@example.jp');
    await page.getByRole('button', { name: '処理番号を発行して送る' }).click();

    const processingNumber = await page.locator('#processing-number').innerText();
    expect(processingNumber).toMatch(/^[0-9]{8}$/);
    expect(await page.locator('#delivery-status').innerText()).toBe('送信済み');

    const [mail] = await smtp.waitForMail(1);
    expect(mail?.to && 'text' in mail.to ? mail.to.text : '').toBe('hanako@example.jp');
    expect(mail?.text).toContain(`処理番号: ${processingNumber}`);
    expect(mail?.text).toContain(`https://app.example.jp/#/register?number=${processingNumber}`);
  });

  it('issues by SMS into the outbox shown on the console', async () => {
    await page.getByRole('link', { name: '発行画面に戻る' }).click();
    await fillCase('SMS（携帯電話番号）', '070-1111-2222');
    await page.getByRole('button', { name: '処理番号を発行して送る' }).click();
    const processingNumber = await page.locator('#processing-number').innerText();

    await page.goto(`${baseUrl}/console/outbox`);
    const message = page.locator('.outbox-message[data-channel="sms"]').first();
    const text = await message.innerText();
    expect(text).toContain('+817011112222');
    expect(text).toContain(processingNumber);
    // The registration link in the message opens with a click, as on the phone.
    const link = message.getByRole('link', { name: /register/ });
    expect(await link.getAttribute('href')).toContain(`number=${processingNumber}`);
  });

  it('refuses a form post without the CSRF token', async () => {
    await page.goto(`${baseUrl}/console`);
    const before = test.app.outbox?.messages().length;

    await page.locator('input[name="_csrf"]').evaluateAll((inputs) => {
      for (const input of inputs) input.remove();
    });
    await fillCase('SMS（携帯電話番号）', '070-3333-4444');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/console/numbers')),
      page.getByRole('button', { name: '処理番号を発行して送る' }).click(),
    ]);
    expect(response.status()).toBe(403);
    expect(await page.getByRole('alert').innerText()).toContain('フォームの有効期限が切れました');
    expect(test.app.outbox?.messages().length).toBe(before);
  });

  it('refuses a post that carries the session cookie but no token', async () => {
    // The page's CSP forbids scripts from fetching, so post through the browser context,
    // which sends the signed-in session cookie exactly as a forged form would.
    const response = await page.context().request.post(`${baseUrl}/console/numbers`, {
      form: { channel: 'sms', contact: '07055556666', testDate: '2026-11-30', reportType: '1' },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);

    const signedIn = await page.context().request.get(`${baseUrl}/console`, { maxRedirects: 0 });
    expect(signedIn.status()).toBe(200);
  });

  it('has no accessibility violations axe-core can find on any console page', async () => {
    // axe is injected as a script, which the console's CSP forbids; this context alone
    // bypasses the CSP, everything above ran with it enforced.
    const context = await browser.newContext({ bypassCSP: true });
    const audit = await context.newPage();
    const violations = async (): Promise<string[]> => {
      await audit.addScriptTag({ content: AXE_SOURCE });
      const ids = await audit.evaluate(async () => {
        const axe = (
          window as unknown as { axe: { run(): Promise<{ violations: { id: string }[] }> } }
        ).axe;
        return (await axe.run()).violations.map((violation) => violation.id);
      });
      return ids;
    };

    await audit.goto(`${baseUrl}/console/sign-in`);
    expect(await violations()).toEqual([]);
    await audit.getByLabel('ユーザー名').fill(TEST_STAFF.username);
    await audit.getByLabel('パスワード').fill(TEST_STAFF.password);
    await audit.getByRole('button', { name: 'サインイン' }).click();
    await audit.getByRole('heading', { name: '陽性者への処理番号の発行' }).waitFor();
    expect(await violations()).toEqual([]);

    await audit.goto(`${baseUrl}/console?lang=en`);
    await audit.getByLabel('Send to (phone number or e-mail address)').fill('090-7777-8888');
    await audit.getByLabel('Test date').fill(new Date().toISOString().slice(0, 10));
    await audit.getByRole('button', { name: 'Issue and send the number' }).click();
    await audit.locator('#processing-number').waitFor();
    expect(await violations()).toEqual([]);

    await audit.goto(`${baseUrl}/console/outbox`);
    expect(await violations()).toEqual([]);
    await context.close();
  });
});
