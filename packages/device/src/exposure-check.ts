/**
 * One exposure check (protocol.md §4, §7): read the server clock and the configuration, list
 * the export files newer than the last handled one, verify each file's signature, match its
 * keys against the stored sightings, and turn the windows into contact days. Any download or
 * verification failure ends the check as "cannot check" — never as "working".
 */
import {
  DAY_MS,
  MAX_KEY_AGE_DAYS,
  createMatcher,
  dailySummaries,
  decodeExportBin,
  intervalStartMs,
  isContactDay,
  parseCocoaList,
  unpackExportZip,
  verifyExportBinWithAsync,
  type CryptoBackend,
  type ExposureWindow,
  type KeyTable,
  type PackedSightings,
  type TemporaryExposureKey,
} from '@cocoa/protocol';
import { CLOCK_SKEW_LIMIT_MS } from './constants.ts';
import type { ContactDayCandidate } from './contact-days.ts';
import { loadScoringConfig, type ScoringConfig } from './configuration.ts';
import { bytesOf, download, textOf } from './http.ts';
import type { CannotCheckReason, DeviceServerConfig, VerificationKey } from './types.ts';
import type { SignatureVerifier } from './verify/verifier.ts';

/** What a check needs from the engine. */
export interface CheckContext {
  fetch: typeof fetch;
  server: DeviceServerConfig;
  region: string;
  verificationKeys: readonly VerificationKey[];
  verifier: SignatureVerifier;
  backend: CryptoBackend;
  rssiCorrection: number;
  nowMs: number;
  /** `created` (ms) of the newest file already handled; 0 before the first check. */
  lastHandledCreatedMs: number;
  sightings: () => Promise<PackedSightings>;
  /** Where to get a verified file's key table instead of deriving each key's RPIs here. */
  keyTables?: KeyTableSource;
}

/**
 * Gives the RPI table of a verified `export.bin` (see `KeyTable`). A host that runs many
 * engines can build each file's table once and share it; a phone leaves it out and derives
 * the RPIs of each key near its own sightings.
 */
export type KeyTableSource = (exportBin: Uint8Array) => KeyTable;

/** The outcome of a check before it is merged into storage. */
export interface CheckOutcome {
  /** Set when the check could not finish; candidates from verified files are still kept. */
  failure?: CannotCheckReason;
  clockSkewMs: number | null;
  filesProcessed: number;
  /** The `created` of the newest file matched, to resume after it next time. */
  lastHandledCreatedMs: number;
  candidates: ContactDayCandidate[];
}

/** Runs one check; never throws for network, server, signature or data problems. */
export async function runExposureCheck(ctx: CheckContext): Promise<CheckOutcome> {
  const outcome: CheckOutcome = {
    clockSkewMs: null,
    filesProcessed: 0,
    lastHandledCreatedMs: ctx.lastHandledCreatedMs,
    candidates: [],
  };

  const list = await download(ctx.fetch, ctx.server.listUrl, textOf);
  if (!list.ok) return { ...outcome, failure: list.reason };
  if (list.serverDateMs !== null) {
    outcome.clockSkewMs = ctx.nowMs - list.serverDateMs;
    // Matching depends on the phone's intervals; a clock hours off would score wrong days.
    if (Math.abs(outcome.clockSkewMs) > CLOCK_SKEW_LIMIT_MS)
      return { ...outcome, failure: 'clock' };
  }

  // Fetched at every check: a cached copy once hid every change the operator made.
  const config = await loadScoringConfig(ctx.fetch, ctx.server);
  if (!config.ok) return { ...outcome, failure: config.reason };

  let entries;
  try {
    entries = parseCocoaList(list.value)
      .filter((e) => e.region === ctx.region && e.created > ctx.lastHandledCreatedMs)
      .sort((a, b) => a.created - b.created);
  } catch {
    return { ...outcome, failure: 'server-error' };
  }

  const windows: { window: ExposureWindow; key: number }[] = [];
  let matcher: ReturnType<typeof createMatcher> | null = null;
  let keyNumber = 0;
  for (const entry of entries) {
    const keys = await fetchVerifiedKeys(ctx, entry.url);
    if (!keys.ok) {
      outcome.failure = keys.reason;
      break;
    }
    matcher ??= createMatcher({
      backend: ctx.backend,
      sightings: await ctx.sightings(),
      rssiCorrection: ctx.rssiCorrection,
      nowMs: ctx.nowMs,
      ...config.value.matching,
    });
    if ('table' in keys) {
      for (const found of matcher.matchTable(keys.table)) {
        if (!recentEnough(keys.table.keys[found.key]!, ctx.nowMs)) continue;
        for (const window of found.windows)
          windows.push({ window, key: keyNumber + found.key + 1 });
      }
      keyNumber += keys.table.keys.length;
    } else {
      for (const key of keys.value) {
        keyNumber += 1;
        for (const window of matcher.matchKey(key)) windows.push({ window, key: keyNumber });
      }
    }
    outcome.filesProcessed += 1;
    outcome.lastHandledCreatedMs = entry.created;
  }

  outcome.candidates = contactDayCandidates(windows, config.value, ctx.nowMs);
  return outcome;
}

type Verified =
  | { ok: true; value: TemporaryExposureKey[] }
  | { ok: true; table: KeyTable }
  | { ok: false; reason: CannotCheckReason };

/** Keys whose validity ended more than 14 days ago are not matched. */
function recentEnough(key: TemporaryExposureKey, nowMs: number): boolean {
  const oldestEndMs = nowMs - MAX_KEY_AGE_DAYS * DAY_MS;
  return intervalStartMs(key.rollingStartIntervalNumber + key.rollingPeriod) >= oldestEndMs;
}

async function fetchVerifiedKeys(ctx: CheckContext, url: string): Promise<Verified> {
  const base = ctx.server.exportBaseUrl ?? ctx.server.listUrl;
  let absolute: string;
  try {
    absolute = new URL(url, base).toString();
  } catch {
    return { ok: false, reason: 'server-error' };
  }
  const zip = await download(ctx.fetch, absolute, bytesOf);
  if (!zip.ok) return zip;

  try {
    const { exportBin, exportSig } = unpackExportZip(zip.value);
    const verifiers = ctx.verificationKeys.map((k) => ({
      keyId: k.keyId,
      version: k.version,
      verify: (bin: Uint8Array, sig: Uint8Array) => ctx.verifier.verify(bin, sig, k.pem),
    }));
    // Throws when no configured key verifies the file: unsigned, tampered or foreign.
    await verifyExportBinWithAsync(exportBin, exportSig, verifiers);
    if (ctx.keyTables) return { ok: true, table: ctx.keyTables(exportBin) };
    const keys = decodeExportBin(exportBin).keys.filter((k) => recentEnough(k, ctx.nowMs));
    return { ok: true, value: keys };
  } catch {
    return { ok: false, reason: 'signature' };
  }
}

function contactDayCandidates(
  windows: readonly { window: ExposureWindow; key: number }[],
  config: ScoringConfig,
  nowMs: number,
): ContactDayCandidate[] {
  const summaries = dailySummaries(
    windows.map((w) => w.window),
    config.dailySummaries,
    { nowMs },
  );
  return summaries
    .filter((s) => isContactDay(s, config.rule))
    .map((s) => ({
      dateMs: s.dateMs,
      // Counted per day and per published key: the phone cannot tell whether two keys were
      // the same person, so it never claims fewer contacts than keys.
      count: new Set(windows.filter((w) => w.window.dateMs === s.dateMs).map((w) => w.key)).size,
      scoreSum: s.daySummary.scoreSum,
      totalSeconds: s.secondsSinceLastScanSum,
    }));
}
