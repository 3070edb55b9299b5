/**
 * Drives one app window as a phone, through what a person sees: labels and buttons come from
 * the Japanese resource file, so a test breaks when the screen a person uses breaks.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import ja from '../src/i18n/ja.json';

/** Texts of the default language. */
export const JA = ja;

/** A phone-sized viewport (a common 6-inch phone in CSS pixels). */
export const PHONE_VIEWPORT = { width: 390, height: 844 };

/** Where screenshots of the main screens go (git-ignored). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('./screenshots/', import.meta.url));

/** Opens a window of the app as the phone `profile`, at `distanceM` on the nearby channel. */
export async function openPhone(
  context: BrowserContext,
  appUrl: string,
  profile: string,
  distanceM: number,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${appUrl}/?profile=${profile}&distance=${distanceM}#/home`);
  return page;
}

/** Walks through the onboarding: intro, both consents, recording and notifications on. */
export async function onboard(page: Page): Promise<void> {
  await page.getByRole('button', { name: JA.app.next }).click();
  await agreeToDocuments(page);
  await page.getByRole('button', { name: JA.onboarding.start }).click();
  await page.getByRole('navigation').waitFor();
}

/** Ticks both consent boxes and agrees. */
export async function agreeToDocuments(page: Page): Promise<void> {
  await page.getByLabel(JA.onboarding.agreeTerms).check();
  await page.getByLabel(JA.onboarding.agreePrivacy).check();
  await page.getByRole('button', { name: JA.onboarding.agreeButton }).click();
}

/** Navigates within the app by its location hash. */
export async function goTo(page: Page, route: string): Promise<void> {
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, `/${route}`);
}

/** Presses "check now" on the home screen and waits until the check has finished. */
export async function checkNow(page: Page): Promise<void> {
  await goTo(page, 'home');
  await page.getByRole('button', { name: JA.home.checkNow }).click();
  // Locator waits run outside the page's faked timers, so they work with a paused clock.
  await page.getByRole('button', { name: JA.home.checking }).waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: JA.home.checkNow }).waitFor();
}

/** Saves a full-page screenshot under `name`.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png`, fullPage: true });
}

/**
 * Records every notification the app asks the browser to show. Headless Chromium has no
 * notification centre to look at, so the calls to the two notification APIs are observed
 * (and still passed on) instead.
 */
export async function recordNotifications(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const shown: { title: string; body: string }[] = [];
    Object.assign(window, { __shownNotifications: shown });
    const original = ServiceWorkerRegistration.prototype.showNotification;
    ServiceWorkerRegistration.prototype.showNotification = function (title, options) {
      shown.push({ title, body: options?.body ?? '' });
      return original.call(this, title, options);
    };
    const Native = window.Notification;
    class Recorded extends Native {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body ?? '' });
      }
    }
    Object.defineProperty(window, 'Notification', { value: Recorded });
  });
}

/** Notifications the app has asked to show in this page since it loaded. */
export async function shownNotifications(page: Page): Promise<{ title: string; body: string }[]> {
  return page.evaluate(
    () =>
      (window as unknown as { __shownNotifications?: { title: string; body: string }[] })
        .__shownNotifications ?? [],
  );
}
