/** Registers the service worker that makes the app installable and usable offline. */

/** Registers `sw.js` beside index.html in production builds; development runs without it. */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    // A failed registration only costs offline start-up; the app itself keeps working.
    navigator.serviceWorker.register('./sw.js', { scope: './' }).catch(() => undefined);
  });
}
