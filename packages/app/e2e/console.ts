/**
 * The health-center staff side of the browser tests: sign in to the console, issue a
 * processing number by SMS, and read the message from the development outbox.
 */
import type { Browser } from 'playwright-core';
import { STAFF } from './stack.ts';

/** What the person receives: the number and the link into the app. */
export interface IssuedNumber {
  processingNumber: string;
  link: string;
}

/** A signed-in staff console. */
export interface StaffConsole {
  /** Issues one number through the console form and returns what the SMS carried. */
  issue(): Promise<IssuedNumber>;
  close(): Promise<void>;
}

/** Signs a staff member in to the console in a browser context of its own. */
export async function openConsole(browser: Browser, consoleUrl: string): Promise<StaffConsole> {
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  await page.goto(`${consoleUrl}/console/sign-in`);
  await page.locator('#username').fill(STAFF.username);
  await page.locator('#password').fill(STAFF.password);
  await page.locator('form[action="/console/sign-in"] button[type=submit]').click();
  await page.waitForURL(/\/console$/);

  const issue = async (): Promise<IssuedNumber> => {
    await page.goto(`${consoleUrl}/console`);
    await page.locator('input[name=channel][value=sms]').check();
    await page.locator('#contact').fill('090-1234-5678');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
    await page.locator('#testDate').fill(today);
    await page.locator('form[action="/console/numbers"] button[type=submit]').click();
    await page.waitForURL(/\/console\/numbers/);

    // The development outbox lists the newest message first.
    await page.goto(`${consoleUrl}/console/outbox`);
    const text = (await page.locator('.outbox-message pre').first().textContent()) ?? '';
    const link = /https?:\/\/\S+#\/register\?number=\d{8}/.exec(text)?.[0];
    if (!link) throw new Error('the SMS in the outbox carries no registration link');
    return { link, processingNumber: link.slice(-8) };
  };
  // One console page: concurrent callers take turns.
  let queue: Promise<unknown> = Promise.resolve();
  const issueInTurn = (): Promise<IssuedNumber> => {
    const next = queue.then(issue, issue);
    queue = next.catch(() => undefined);
    return next;
  };
  return { issue: issueInTurn, close: () => context.close() };
}
