/**
 * Small HTTP helpers that turn every failure into a reason the status can show, and read the
 * server's `Date` header for the clock check. Request and error texts never carry key data or
 * processing numbers.
 */
import type { CannotCheckReason } from './types.ts';

/** A download that either succeeded or says why not. */
export type Download<T> =
  | { ok: true; value: T; serverDateMs: number | null }
  | { ok: false; reason: CannotCheckReason; status?: number };

/** GETs `url` and hands the body to `read`; `no-store` so a changed file is seen at once. */
export async function download<T>(
  fetchFn: typeof fetch,
  url: string,
  read: (response: Response) => Promise<T>,
): Promise<Download<T>> {
  let response: Response;
  try {
    response = await fetchFn(url, { cache: 'no-store' });
  } catch {
    return { ok: false, reason: 'network' };
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: false, reason: 'server-error', status: response.status };
  }
  const date = response.headers.get('date');
  const parsed = date ? Date.parse(date) : NaN;
  try {
    return {
      ok: true,
      value: await read(response),
      serverDateMs: Number.isNaN(parsed) ? null : parsed,
    };
  } catch {
    return { ok: false, reason: 'network' };
  }
}

/** Reads a response body as bytes. */
export async function bytesOf(response: Response): Promise<Uint8Array> {
  return new Uint8Array(await response.arrayBuffer());
}

/** Reads a response body as JSON of unknown shape. */
export async function jsonOf(response: Response): Promise<unknown> {
  return (await response.json()) as unknown;
}

/** Reads a response body as text. */
export function textOf(response: Response): Promise<string> {
  return response.text();
}
