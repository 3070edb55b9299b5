/**
 * How tests and tools start Debian's Chromium through playwright-core: never a downloaded
 * browser, no background traffic to anywhere.
 */

/** Debian's Chromium binary. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium quiet and runnable as root in CI containers. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-gpu',
  '--no-first-run',
  '--disable-sync',
];
