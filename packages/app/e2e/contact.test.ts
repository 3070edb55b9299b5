/**
 * Two app windows side by side in Debian's Chromium, on the nearby channel, with the page
 * clock moved by Playwright: a positive registration through the real health-center console
 * and notification server becomes a contact day on the other phone only when the contact was
 * close and long enough.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser.ts';
import { startStack, type Stack } from './stack.ts';
import { openConsole, type StaffConsole } from './console.ts';
import { seriousAxeViolations } from './axe.ts';
import { tamperWithExports } from './tamper.ts';
import en from '../src/i18n/en.json';
import {
  JA,
  agreeToDocuments,
  PHONE_VIEWPORT,
  checkNow,
  goTo,
  onboard,
  openPhone,
  recordNotifications,
  screenshot,
  shownNotifications,
} from './phone.ts';

const EN = en;
const MINUTE = 60_000;
// Checks and service-worker installs take seconds on a busy machine.
const POLL = { timeout: 20_000 };
const HOUR = 60 * MINUTE;

/** A pair of phones in their own browser context (own channel, storage and clock). */
interface Pair {
  name: string;
  context: BrowserContext;
  a: Page;
  b: Page;
}

let stack: Stack;
let browser: Browser;
let staff: StaffConsole;
const pairs: Pair[] = [];

beforeAll(async () => {
  stack = await startStack();
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  staff = await openConsole(browser, stack.consoleUrl);
}, 180_000);

afterAll(async () => {
  await staff?.close();
  await browser?.close();
  await stack?.close();
});

async function newPair(name: string, distanceM: number, startMs: number): Promise<Pair> {
  const context = await browser.newContext({
    viewport: PHONE_VIEWPORT,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
  await context.grantPermissions(['notifications'], { origin: stack.appUrl });
  await recordNotifications(context);
  // The clock stands still unless the test moves it, so scans happen only when we say.
  await context.clock.install({ time: startMs - MINUTE });
  await context.clock.pauseAt(startMs);
  const a = await openPhone(context, stack.appUrl, 'a', distanceM);
  const b = await openPhone(context, stack.appUrl, 'b', distanceM);
  const pair = { name, context, a, b };
  pairs.push(pair);
  return pair;
}

/** Lets `minutes` pass on the pair's clock in small steps, giving storage work time to land. */
async function stayTogether(pair: Pair, minutes: number): Promise<void> {
  for (let elapsed = 0; elapsed < minutes * MINUTE; elapsed += MINUTE) {
    await pair.context.clock.runFor(MINUTE);
    await pair.a.waitForTimeout(20);
  }
}

/** The expected `YYYY/M/D  1件` line: a UTC-day record labelled with its date in Japan. */
function expectedDayLine(contactMs: number): string {
  const day = new Date(contactMs);
  // Noon UTC is 21:00 in Japan, still the same calendar date.
  return `${day.getUTCFullYear()}/${day.getUTCMonth() + 1}/${day.getUTCDate()}  1件`;
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

describe('contact confirmation between two windows', () => {
  it('confirms 20 minutes at 1 m, and nothing for 3 m or for 10 minutes', async () => {
    // The contact happens six hours ago on the page clocks, so the positive person's key has
    // ended and passed its embargo by the time the export runs three hours from now.
    const contactStart = Date.now() - 6 * HOUR;
    const near = await newPair('near', 1, contactStart);
    const far = await newPair('far', 3, contactStart);
    const short = await newPair('short', 1, contactStart);

    await screenshot(near.a, '01-onboarding-intro');
    await expectAccessible(near.a);
    await Promise.all(
      [near, far, short].map(async (pair) => {
        await onboard(pair.a);
        await onboard(pair.b);
      }),
    );
    await Promise.all([stayTogether(near, 20), stayTogether(far, 20), stayTogether(short, 10)]);

    // The phones part; pages jump to the real time without running the timers in between.
    await Promise.all(
      [near, far, short].map(async (pair) => {
        await pair.a.close();
        await pair.context.clock.setSystemTime(Date.now());
        pair.a = await openPhone(pair.context, stack.appUrl, 'a', 50);
        await pair.a.getByTestId('status').waitFor();
      }),
    );
    await screenshot(near.b, '02-home');
    await expectAccessible(near.b);

    // Each positive person registers with a number the staff issue in the console.
    await registerPositive(near, true);
    await Promise.all([registerPositive(far, false), registerPositive(short, false)]);

    stack.setServerOffsetMs(3 * HOUR);
    const exported = await stack.notificationServer.runExport();
    expect(JSON.stringify(exported)).toMatch(/[1-9]/);

    // The near phone shows one contact day with the date in Japan, and a notification.
    await checkNow(near.b);
    await expect
      .poll(() => near.b.getByTestId('status').textContent(), POLL)
      .toBe(JA.home.status.working);
    await goTo(near.b, 'contacts');
    await near.b.getByTestId('contact-found').waitFor();
    const lines = await near.b.getByTestId('contact-day').locator('.day-line').allTextContents();
    expect(lines).toEqual([expectedDayLine(contactStart)]);
    await screenshot(near.b, '03-contacts-found');
    await expectAccessible(near.b);
    await expect
      .poll(() => shownNotifications(near.b), POLL)
      .toEqual([{ title: JA.notification.title, body: JA.notification.body }]);

    // Guidance: symptoms → clinic, with the prefecture's contacts.
    await near.b.getByRole('link', { name: JA.contacts.guidance }).click();
    await near.b.getByRole('button', { name: JA.guidance.yes }).click();
    await near.b.getByLabel(JA.guidance.prefectureLabel).selectOption({ label: '東京都' });
    await near.b.getByTestId('prefecture-contact').waitFor();
    expect(await near.b.getByTestId('guidance-clinic').textContent()).toContain(
      JA.guidance.symptomsAdvice,
    );
    expect(await near.b.getByTestId('sample-warning').isVisible()).toBe(true);
    await screenshot(near.b, '04-guidance-clinic');
    await expectAccessible(near.b);

    // Three metres apart, or only ten minutes together: no contact day.
    await Promise.all(
      [far, short].map(async (pair) => {
        await checkNow(pair.b);
        await goTo(pair.b, 'contacts');
        await pair.b.getByTestId('no-contact').waitFor();
        expect(await pair.b.getByTestId('contact-day').count()).toBe(0);
        expect(await shownNotifications(pair.b)).toEqual([]);
      }),
    );
    await screenshot(far.b, '05-contacts-none');
  }, 240_000);
});

/** Window A: a wrong number first (clear message, nothing lost), then the issued one. */
async function registerPositive(pair: Pair, withWrongNumber: boolean): Promise<void> {
  const issued = await staff.issue();
  const { a } = pair;

  if (withWrongNumber) {
    await a.goto(`${stack.appUrl}/?profile=a&distance=50#/register?number=00000000`);
    await fillRegistration(a);
    await a.getByTestId('register-error').waitFor();
    expect(await a.getByTestId('register-error-message').textContent()).toBe(
      JA.register.error.invalidNumber,
    );
    await screenshot(a, '06-register-wrong-number');
  }

  // The link from the SMS opens the form with the number filled in.
  const hash = issued.link.slice(issued.link.indexOf('#'));
  await a.goto(`${stack.appUrl}/?profile=a&distance=50${hash}`);
  await a.getByLabel(JA.register.numberLabel).waitFor();
  expect(await a.getByLabel(JA.register.numberLabel).inputValue()).toBe(issued.processingNumber);
  if (withWrongNumber) {
    await screenshot(a, '07-register-form');
    await expectAccessible(a);
  }
  await fillRegistration(a);
  await a.getByTestId('register-success').waitFor();
}

async function fillRegistration(a: Page): Promise<void> {
  await a.getByLabel(JA.register.consentCheck).check();
  await a.getByLabel(JA.register.symptomsNo).check();
  await a.getByRole('button', { name: JA.app.next }).click();
  await a.getByRole('button', { name: JA.register.submit }).click();
}

describe('bad input on the phones', () => {
  const contactLines = async (page: Page): Promise<string[]> => {
    await goTo(page, 'contacts');
    await page.getByTestId('contact-found').waitFor();
    return page.getByTestId('contact-day').locator('.day-line').allTextContents();
  };

  it('says so clearly and keeps every record', async () => {
    const near = pairs.find((p) => p.name === 'near');
    if (!near) throw new Error('the contact scenario must run first');
    const { b } = near;
    const before = await contactLines(b);
    expect(before).toHaveLength(1);

    // A clock five hours fast: warn, do not score, keep the list.
    await near.context.clock.setSystemTime(Date.now() + 5 * HOUR);
    await checkNow(b);
    expect(await b.getByTestId('status').textContent()).toBe(JA.home.status.cannotCheck);
    expect(await b.getByTestId('status-reason').textContent()).toContain(JA.reason.clock);
    expect(await b.getByText(JA.home.clockWarning).isVisible()).toBe(true);
    await screenshot(b, '08-clock-far-off');
    expect(await contactLines(b)).toEqual(before);
    await near.context.clock.setSystemTime(Date.now());
    await checkNow(b);
    expect(await b.getByTestId('status').textContent()).toBe(JA.home.status.working);

    // One damaged engine record: the app names the problem and repairs only that record.
    await corruptOneSighting(b);
    await b.reload();
    await b.getByTestId('storage-problem').waitFor();
    expect(await b.getByTestId('status').textContent()).toBe(JA.home.status.cannotCheck);
    await screenshot(b, '09-storage-damaged');
    await b.getByRole('button', { name: JA.home.storageRepair }).click();
    await b.getByTestId('storage-problem').waitFor({ state: 'hidden' });
    expect(await contactLines(b)).toEqual(before);

    // Damaged app settings: explained, reset on request, records untouched.
    await b.evaluate(() => window.localStorage.setItem('cocoa.app.prefs-b', '{broken'));
    await b.reload();
    await b.getByTestId('startup-problem').waitFor();
    expect(await b.getByTestId('startup-problem').textContent()).toBe(JA.startup.prefsBody);
    await screenshot(b, '10-settings-damaged');
    await b.getByRole('button', { name: JA.startup.prefsReset }).click();
    await agreeToDocuments(b);
    await b.getByRole('navigation').waitFor();
    expect(await contactLines(b)).toEqual(before);

    // A new version of the terms asks for consent again, saying why.
    await b.evaluate(() => {
      const key = 'cocoa.app.prefs-b';
      const prefs = JSON.parse(window.localStorage.getItem(key) ?? '{}') as object;
      const consent = { terms: '0.9', privacy: '1.0' };
      window.localStorage.setItem(key, JSON.stringify({ ...prefs, consent }));
    });
    await b.reload();
    await b.getByText(JA.onboarding.consentUpdated).waitFor();
    await agreeToDocuments(b);
    await b.getByRole('navigation').waitFor();

    // The notification server is down: "cannot check", and registration says it failed.
    await stack.stopNotificationServer();
    await checkNow(b);
    expect(await b.getByTestId('status').textContent()).toBe(JA.home.status.cannotCheck);
    const reason = (await b.getByTestId('status-reason').textContent()) ?? '';
    expect([JA.reason.network, JA.reason.serverBusy].some((r) => reason.includes(r))).toBe(true);
    await screenshot(b, '11-server-down');
    expect(await contactLines(b)).toEqual(before);
    await registerWhileServerDown(near);
  }, 150_000);

  it('rejects a tampered export file and lets a person delete everything', async () => {
    expect(tamperWithExports(stack.blobDirectory)).toBeGreaterThan(0);
    await stack.startNotificationServerAgain();
    const fresh = await newPair('tampered', 1, Date.now());
    await onboard(fresh.b);
    await expect
      .poll(async () => fresh.b.getByTestId('status-reason').textContent(), POLL)
      .toContain(JA.reason.signature);
    await screenshot(fresh.b, '12-signature-rejected');

    await goTo(fresh.b, 'help');
    await fresh.b.getByRole('heading', { name: JA.help.title }).waitFor();
    await screenshot(fresh.b, '13-help');
    await expectAccessible(fresh.b);

    // Installable: a manifest with icons.
    const manifest = await fresh.b.evaluate(async () => {
      const href = document.querySelector('link[rel=manifest]')?.getAttribute('href') ?? '';
      return (await (await fetch(href)).json()) as { icons: { sizes: string }[] };
    });
    expect(manifest.icons.map((icon) => icon.sizes)).toEqual(
      expect.arrayContaining(['192x192', '512x512']),
    );

    // Keyboard: the first Tab reaches the skip link, which moves focus to the content.
    await fresh.b.reload();
    await fresh.b.getByRole('heading', { name: JA.help.title }).waitFor();
    await fresh.b.keyboard.press('Tab');
    expect(await fresh.b.evaluate(() => document.activeElement?.textContent)).toBe(
      JA.app.skipToContent,
    );
    await fresh.b.keyboard.press('Enter');
    expect(await fresh.b.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(await fresh.b.evaluate(() => window.location.hash)).toBe('#/help');

    await goTo(fresh.b, 'settings');
    await fresh.b.getByRole('heading', { name: JA.settings.title }).waitFor();
    await screenshot(fresh.b, '14-settings');
    await expectAccessible(fresh.b);
    await fresh.b.getByRole('button', { name: JA.settings.deleteButton }).click();
    await fresh.b
      .getByRole('dialog')
      .getByRole('button', { name: JA.settings.deleteConfirmButton, exact: true })
      .click();
    await fresh.b.getByRole('heading', { name: JA.onboarding.introTitle }).waitFor();
    const databases = await fresh.b.evaluate(async () =>
      (await indexedDB.databases()).map((d) => d.name),
    );
    expect(databases).not.toContain('cocoa-device-key-b');
  }, 120_000);
});

/** Registration with the server down retries with backoff, then says so; nothing is lost. */
async function registerWhileServerDown(pair: Pair): Promise<void> {
  const issued = await staff.issue();
  const { a } = pair;
  const hash = issued.link.slice(issued.link.indexOf('#'));
  await a.goto(`${stack.appUrl}/?profile=a&distance=50${hash}`);
  await fillRegistration(a);
  // The retries wait on the page clock; move it until the engine gives up.
  for (let i = 0; i < 60 && !(await a.getByTestId('register-error').isVisible()); i++) {
    await pair.context.clock.runFor(30_000);
    await a.waitForTimeout(50);
  }
  const message = await a.getByTestId('register-error-message').textContent();
  expect([JA.register.error.unavailable, JA.register.error.busy]).toContain(message);
  expect(await a.getByText(JA.register.error.dataKept).isVisible()).toBe(true);
  await screenshot(a, '15-register-server-down');
}

/** Overwrites one stored sighting of phone b with bytes that cannot be decrypted. */
async function corruptOneSighting(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('cocoa-device-b');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const store = db.transaction('records', 'readwrite').objectStore('records');
    const keys = await new Promise<IDBValidKey[]>((resolve) => {
      const request = store.getAllKeys(IDBKeyRange.bound('sightings/', 'sightings/\uffff'));
      request.onsuccess = () => resolve(request.result);
    });
    const first = keys[0];
    if (first === undefined) throw new Error('phone b has no sightings to damage');
    await new Promise<void>((resolve) => {
      const request = store.put(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), first);
      request.onsuccess = () => resolve();
    });
    db.close();
  });
}

describe('the app in English, installed and offline', () => {
  it('shows every main screen in English, accessibly, and starts offline', async () => {
    const context = await browser.newContext({
      viewport: PHONE_VIEWPORT,
      locale: 'en-US',
      timezoneId: 'Asia/Tokyo',
    });
    // axe pauses and resumes the page clock around its audit.
    await context.clock.install();
    const page = await openPhone(context, stack.appUrl, 'english', 1);

    await page.getByLabel(JA.app.language).selectOption('en');
    await page.getByRole('heading', { name: EN.onboarding.introTitle, exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('button', { name: EN.app.next }).click();
    await page.getByLabel(EN.onboarding.agreeTerms).check();
    await page.getByLabel(EN.onboarding.agreePrivacy).check();
    await page.getByRole('button', { name: EN.onboarding.agreeButton }).click();
    await page.getByRole('button', { name: EN.onboarding.start }).click();
    await page.getByRole('navigation', { name: EN.nav.label }).waitFor();

    const screens: [route: string, title: string][] = [
      ['home', EN.home.title],
      ['contacts', EN.contacts.title],
      ['register', EN.register.title],
      ['settings', EN.settings.title],
      ['help', EN.help.title],
    ];
    for (const [route, title] of screens) {
      await goTo(page, route);
      await page.getByRole('heading', { name: title, exact: true }).waitFor();
      await screenshot(page, `en-${route}`);
      await expectAccessible(page);
    }

    // Once the service worker controls the page, a visit caches the app's files.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.getByRole('heading', { name: EN.help.title }).waitFor();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    await context.setOffline(true);
    await page.reload();
    await goTo(page, 'home');
    await page.getByRole('heading', { name: EN.home.title, exact: true }).waitFor();
    // The notification server's answers are never served from a cache: offline, a check fails.
    await page.getByRole('button', { name: EN.home.checkNow }).click();
    await expect
      .poll(async () => page.getByTestId('status').textContent(), POLL)
      .toBe(EN.home.status.cannotCheck);
    await screenshot(page, 'en-offline');
    await context.setOffline(false);
    await context.close();
  }, 120_000);
});
