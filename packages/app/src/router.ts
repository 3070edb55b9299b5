/**
 * Hash routing (`#/contacts`, `#/register?number=…`): links in an SMS or e-mail open the right
 * screen of a static build without any server-side routes.
 */
import { useEffect, useState } from 'react';

/** Screens the app can show. */
export const ROUTES = [
  'home',
  'contacts',
  'guidance',
  'register',
  'settings',
  'help',
  'terms',
  'privacy',
  'licences',
] as const;

/** One of the app's screens. */
export type RouteName = (typeof ROUTES)[number];

/** A parsed location: the screen and its query parameters. */
export interface Route {
  name: RouteName;
  params: URLSearchParams;
}

/** Parses a location hash such as `#/register?number=12345678`; unknown paths go home. */
export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const queryAt = body.indexOf('?');
  const path = queryAt === -1 ? body : body.slice(0, queryAt);
  const params = new URLSearchParams(queryAt === -1 ? '' : body.slice(queryAt + 1));
  const name = (ROUTES as readonly string[]).includes(path) ? (path as RouteName) : 'home';
  return { name, params };
}

/** The hash that opens a screen. */
export function hrefFor(name: RouteName): string {
  return `#/${name}`;
}

/** Navigates to a screen. */
export function navigate(name: RouteName): void {
  window.location.hash = `/${name}`;
}

/** The current route, updated on every hash change. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
