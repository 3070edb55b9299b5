/**
 * The network as a phone sees it: real HTTP to the in-process servers, with the export index's
 * CDN host mapped to the notification server, the servers' `Date` header set to simulated time
 * (the phone compares it with its own clock), and every request and byte counted.
 */
import type { RequestGate } from './request-gate.ts';

/** Request counts by kind and bytes of export files, for the report. */
export interface TrafficCounters {
  requests: Record<
    'list' | 'exportFile' | 'configuration' | 'diagnosis' | 'decoy' | 'other',
    number
  >;
  exportBytesByPhone: Map<number, number>;
}

/** Fresh zeroed counters. */
export function emptyTraffic(): TrafficCounters {
  return {
    requests: { list: 0, exportFile: 0, configuration: 0, diagnosis: 0, decoy: 0, other: 0 },
    exportBytesByPhone: new Map(),
  };
}

/** A `fetch` for one phone. */
export function phoneFetch(options: {
  person: number;
  exportOrigin: string;
  serverUrl: string;
  now: () => number;
  traffic: TrafficCounters;
  /** Shared by every phone: how many requests may be in flight at once. */
  gate: RequestGate;
}): typeof fetch {
  const { traffic } = options;
  return async (input, init) => {
    const original =
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const url = original.startsWith(options.exportOrigin)
      ? options.serverUrl + original.slice(options.exportOrigin.length)
      : original;
    const kind = kindOf(url, init);
    traffic.requests[kind] += 1;

    const { response, body } = await options.gate(async () => {
      const answer = await fetch(url, init);
      return { response: answer, body: new Uint8Array(await answer.arrayBuffer()) };
    });
    if (kind === 'exportFile') {
      const before = traffic.exportBytesByPhone.get(options.person) ?? 0;
      traffic.exportBytesByPhone.set(options.person, before + body.byteLength);
    }
    const headers = new Headers(response.headers);
    headers.set('date', new Date(options.now()).toUTCString());
    const empty = [101, 204, 205, 304].includes(response.status);
    return new Response(empty ? null : body, {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  };
}

function kindOf(url: string, init: RequestInit | undefined): keyof TrafficCounters['requests'] {
  const path = new URL(url).pathname;
  if (path.endsWith('/list.json')) return 'list';
  if (path.endsWith('.zip')) return 'exportFile';
  if (path.startsWith('/exposure_configuration/')) return 'configuration';
  if (path === '/api/v3/diagnosis') {
    const headers = new Headers(init?.headers);
    return headers.has('x-chaff') ? 'decoy' : 'diagnosis';
  }
  return 'other';
}
