/**
 * Service worker of the installed app. It keeps the app shell available offline and opens the
 * app when a contact notification is tapped. It never caches the notification server's
 * answers: a stale index or export file would make a check look fresher than it is.
 */

// Minimal shapes of the worker globals; the page's DOM typings do not describe a worker.
interface ExtendableEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface NotificationEvent extends ExtendableEvent {
  notification: Notification;
}
interface WorkerClient {
  url: string;
  focus(): Promise<unknown>;
}
interface WorkerScope {
  location: Location;
  registration: { scope: string };
  clients: {
    matchAll(options: { type: 'window' }): Promise<WorkerClient[]>;
    openWindow(url: string): Promise<unknown>;
    claim(): Promise<void>;
  };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (e: FetchEvent) => void): void;
  addEventListener(type: 'notificationclick', listener: (e: NotificationEvent) => void): void;
}

const worker = self as unknown as WorkerScope;
const CACHE = 'cocoa-shell-v1';
const SHELL = ['./', './index.html', './config.json', './manifest.webmanifest', './icons/icon.svg'];

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== worker.location.origin) return;

  if (request.mode === 'navigate') {
    // Network first so a new build shows at once; the cached shell covers being offline.
    event.respondWith(fetch(request).catch(() => cachedOrError('./index.html')));
  } else if (url.pathname.endsWith('/config.json')) {
    // The operator's configuration: the newest when online, the last one seen when offline,
    // so the app still opens (and says it cannot check) without a network.
    event.respondWith(networkFirst(request));
  } else if (url.pathname.includes('/assets/') || url.pathname.includes('/icons/')) {
    // Built assets carry a content hash, so a cached copy is never stale.
    event.respondWith(cacheFirst(request));
  }
});

worker.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL('./#/contacts', worker.registration.scope).toString();
  event.waitUntil(
    worker.clients.matchAll({ type: 'window' }).then((windows) => {
      const open = windows[0];
      return open ? open.focus() : worker.clients.openWindow(target);
    }),
  );
});

async function cacheFirst(request: Request): Promise<Response> {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

async function networkFirst(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const cache = await caches.open(CACHE);
      await cache.put(request, response.clone());
    }
    return response;
  } catch {
    return (await caches.match(request, { ignoreSearch: true })) ?? Response.error();
  }
}

async function cachedOrError(path: string): Promise<Response> {
  return (await caches.match(path)) ?? Response.error();
}
