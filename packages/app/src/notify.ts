/**
 * Local notifications. Through the service worker when there is one (installed PWAs show
 * notifications only that way on phones), otherwise through the page's Notification API.
 */

/** Whether the browser currently lets the app show notifications. */
export function notificationPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Asks the browser for permission; resolves to the answer. */
export async function requestNotificationPermission(): Promise<
  NotificationPermission | 'unsupported'
> {
  if (typeof Notification === 'undefined') return 'unsupported';
  if (Notification.permission !== 'default') return Notification.permission;
  return Notification.requestPermission();
}

/** Shows one notification if allowed; a failure is swallowed because the list stays the truth. */
export async function showLocalNotification(title: string, body: string): Promise<void> {
  if (notificationPermission() !== 'granted') return;
  // A fixed tag replaces an older contact notification instead of stacking several.
  const options: NotificationOptions = {
    body,
    tag: 'contact-confirmed',
    icon: './icons/icon-192.png',
  };
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    if (registration) {
      await registration.showNotification(title, options);
      return;
    }
    new Notification(title, options);
  } catch {
    // The contact list on the check screen remains correct even when the OS refuses.
  }
}
