/**
 * Matching throughput: diagnosis keys per CPU-second (one core) against a phone with 14 days of
 * realistic sightings, for the real 24,131-key Corona-Warn-App file and for generated sets of
 * 1 M and 5 M keys (Japan's peak), compared with a naive matcher and with the machine's own
 * AES/HMAC speed from `openssl speed`, all measured in this run. The generated sets run in a
 * child process each so that their peak RSS is theirs alone; keys are generated in chunks and
 * streamed, never held all at once.
 */
import { execFileSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  createMatcher,
  deriveAemk,
  deriveRpik,
  encryptMetadata,
  enIntervalNumber,
  INTERVALS_PER_DAY,
  ReportType,
  rollingProximityId,
  rollingStartOf,
  type CryptoBackend,
  type MatcherStats,
  type Sighting,
  type TemporaryExposureKey,
} from '../packages/protocol/src/index.ts';
import { iterateExportKeys, unpackExportZip } from '../packages/protocol/src/export/index.ts';
import { nodeCryptoBackend, sharedDataPath } from '../packages/protocol/src/node/index.ts';
import type { BenchRow, BenchSuite } from './types.ts';

const backend: CryptoBackend = nodeCryptoBackend;
const DAY_MS = 86_400_000;
const MIN_MS = 60_000;
/** Japan is UTC+9: waking hours 07:00–23:00 JST are 22:00–14:00 UTC. */
const JST_MS = 9 * 3_600_000;
const GENERATED_NOW_MS = Date.UTC(2022, 7, 15, 3);
const CWA_NOW_MS = Date.UTC(2020, 5, 1, 3);
const TRUE_MATCHES = 20;
const NAIVE_SUBSET = 1_000;
const CHUNK_KEYS = 10_000;
const RSS_LIMIT_MB = 256;
/** The two generated set sizes; `MATCHING_BENCH_SETS=20000,50000` makes a quick trial run. */
const GENERATED_SETS = (process.env.MATCHING_BENCH_SETS ?? '1000000,5000000')
  .split(',')
  .map(Number);

/** A small seeded generator so every run builds the same phone. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * 14 days of a phone's life: scans every 5 minutes over waking hours, about 100 encounters a
 * day with strangers (1–12 scans each, a new RPI every 10 minutes, 1–3 readings per scan, so a
 * few hundred distinct RPIs a day), plus one encounter with each key in `met`.
 */
function buildPhone(nowMs: number, met: TemporaryExposureKey[], seed: number): Sighting[] {
  const random = prng(seed);
  const pick = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const sightings: Sighting[] = [];
  const scanTimes: number[] = [];
  const firstDay = Math.floor((nowMs + JST_MS) / DAY_MS) - 14;
  for (let day = firstDay; day < firstDay + 14; day++) {
    for (let m = 7 * 60; m < 23 * 60; m += 5) scanTimes.push(day * DAY_MS - JST_MS + m * MIN_MS);
  }

  const stranger = () => {
    const start = pick(0, scanTimes.length - 1);
    const rpis = new Map<number, Uint8Array>();
    const aem = backend.randomBytes(4);
    for (let s = start; s < Math.min(scanTimes.length, start + pick(1, 12)); s++) {
      const t = scanTimes[s]!;
      const interval = enIntervalNumber(t);
      if (!rpis.has(interval)) rpis.set(interval, backend.randomBytes(16));
      for (let r = pick(1, 3); r > 0; r--) {
        const rpi = rpis.get(interval)!;
        sightings.push({
          rollingProximityId: rpi,
          associatedEncryptedMetadata: aem,
          timestampMs: t + r * 1000,
          rssi: pick(-95, -50),
          scanId: s,
        });
      }
    }
  };
  for (let i = 0; i < 14 * 100; i++) stranger();

  for (const key of met) {
    const rpik = deriveRpik(backend, key.keyData);
    const aemk = deriveAemk(backend, key.keyData);
    // Meet during the key's validity, in waking hours, for 3–8 consecutive scans.
    const validFrom = key.rollingStartIntervalNumber * 600_000;
    const validTo = validFrom + key.rollingPeriod * 600_000 - 3_600_000;
    const during = scanTimes.flatMap((t, i) => (t >= validFrom && t < validTo ? [i] : []));
    if (during.length === 0) continue;
    const first = during[pick(0, during.length - 1)]!;
    for (let s = first; s < Math.min(scanTimes.length, first + pick(3, 8)); s++) {
      const t = scanTimes[s]!;
      const rpi = rollingProximityId(backend, rpik, enIntervalNumber(t));
      const metadata = {
        versionMajor: 1,
        versionMinor: 1,
        calibrationConfidence: 3,
        txPowerDbm: -25,
      };
      sightings.push({
        rollingProximityId: rpi,
        associatedEncryptedMetadata: encryptMetadata(backend, aemk, rpi, metadata),
        timestampMs: t + 500,
        rssi: pick(-75, -55),
        scanId: s,
      });
    }
  }
  return sightings;
}

/** A published key set like Japan's: 14 days of daily keys, CONFIRMED_TEST, HIGH by default. */
function* generatedKeys(
  count: number,
  nowMs: number,
  met: Map<number, TemporaryExposureKey>,
): Generator<TemporaryExposureKey> {
  const today = rollingStartOf(enIntervalNumber(nowMs));
  const random = prng(count);
  for (let base = 0; base < count; base += CHUNK_KEYS) {
    const n = Math.min(CHUNK_KEYS, count - base);
    const chunk = randomFillSync(new Uint8Array(n * 16));
    for (let i = 0; i < n; i++) {
      const planted = met.get(base + i);
      if (planted) {
        yield planted;
        continue;
      }
      yield {
        keyData: chunk.subarray(i * 16, i * 16 + 16),
        rollingStartIntervalNumber: today - INTERVALS_PER_DAY * (1 + Math.floor(random() * 14)),
        rollingPeriod: INTERVALS_PER_DAY,
        reportType: ReportType.CONFIRMED_TEST,
        transmissionRiskLevel: 6,
      };
    }
  }
}

/** The keys a generated set plants at fixed positions so the phone truly met them. */
function plantedKeys(count: number, nowMs: number): Map<number, TemporaryExposureKey> {
  const today = rollingStartOf(enIntervalNumber(nowMs));
  const planted = new Map<number, TemporaryExposureKey>();
  const random = prng(7);
  for (let i = 0; i < TRUE_MATCHES; i++) {
    planted.set(Math.floor(((i + 0.5) * count) / TRUE_MATCHES), {
      keyData: prngBytes(random, 16),
      rollingStartIntervalNumber: today - INTERVALS_PER_DAY * (1 + (i % 13)),
      rollingPeriod: INTERVALS_PER_DAY,
      reportType: ReportType.CONFIRMED_TEST,
    });
  }
  return planted;
}

function prngBytes(random: () => number, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
}

/**
 * CPU time this process has used, in ms. Throughput is per CPU-second, not per wall-clock
 * second, so other work on a shared machine does not count against it; `openssl speed` also
 * reports CPU time by default.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

interface MatchRun {
  keys: number;
  ms: number;
  windows: number;
  stats: MatcherStats;
  maxRssMb?: number;
}

function timeMatching(
  sightings: Sighting[],
  nowMs: number,
  keys: Iterable<TemporaryExposureKey>,
): MatchRun {
  const matcher = createMatcher({ backend, sightings, rssiCorrection: 0, nowMs });
  const started = cpuMs();
  const windows = matcher.matchKeys(keys).length;
  const ms = cpuMs() - started;
  return { keys: matcher.stats.keys, ms, windows, stats: { ...matcher.stats } };
}

/**
 * The straightforward matcher this is compared with: for every key, derive each RPI of its
 * whole ±2 h window with its own AES call and look each one up; no pruning, no batching.
 */
function naiveKeysPerSecond(sightings: Sighting[], keys: TemporaryExposureKey[]): number {
  const byRpi = new Map<string, Sighting[]>();
  for (const s of sightings) {
    const id = Buffer.from(s.rollingProximityId).toString('latin1');
    byRpi.set(id, [...(byRpi.get(id) ?? []), s]);
  }
  let hits = 0;
  const started = cpuMs();
  for (const key of keys) {
    const rpik = deriveRpik(backend, key.keyData);
    const end = key.rollingStartIntervalNumber + key.rollingPeriod + 12;
    for (let j = key.rollingStartIntervalNumber - 12; j < end; j++) {
      const rpi = rollingProximityId(backend, rpik, j);
      if (byRpi.has(Buffer.from(rpi.buffer, rpi.byteOffset, 16).toString('latin1'))) hits++;
    }
  }
  const seconds = (cpuMs() - started) / 1000;
  if (hits < 0) throw new Error('unreachable');
  return keys.length / seconds;
}

/** OpenSSL's own speed on this machine: HMAC-SHA256 ops/s on 16 bytes, AES-128-ECB blocks/s. */
function opensslCeiling(blockBytes: number): { hmacPerSecond: number; aesBlocksPerSecond: number } {
  const speed = (args: string[], label: RegExp) => {
    const out = execFileSync('openssl', ['speed', '-seconds', '1', ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const line = out.split('\n').find((l) => label.test(l));
    const kilobytes = Number(line?.trim().split(/\s+/).pop()?.replace(/k$/, ''));
    if (!Number.isFinite(kilobytes)) throw new Error(`cannot parse openssl speed output: ${line}`);
    return kilobytes * 1000;
  };
  const hmacBytes = speed(['-bytes', '16', '-hmac', 'sha256'], /^hmac\(sha256\)/);
  const aesBytes = speed(['-bytes', String(blockBytes), '-evp', 'aes-128-ecb'], /^AES-128-ECB/i);
  return { hmacPerSecond: hmacBytes / 16, aesBlocksPerSecond: aesBytes / 16 };
}

/** Keys/s if every HMAC and AES block ran at OpenSSL's measured speed and nothing else cost. */
function ceilingKeysPerSecond(run: MatchRun, c: ReturnType<typeof opensslCeiling>): number {
  const derived = run.stats.keys - run.stats.keysSkipped;
  const seconds =
    (2 * derived) / c.hmacPerSecond + run.stats.rollingProximityIds / c.aesBlocksPerSecond;
  return run.keys / seconds;
}

/** Runs one generated set in a child process and returns its measurements and peak RSS. */
function generatedInChild(count: number): MatchRun {
  const self = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, ['--import', 'tsx', self, 'child', String(count)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as MatchRun;
}

function runGenerated(count: number): MatchRun {
  const planted = plantedKeys(count, GENERATED_NOW_MS);
  const sightings = buildPhone(GENERATED_NOW_MS, [...planted.values()], 42);
  const run = timeMatching(
    sightings,
    GENERATED_NOW_MS,
    generatedKeys(count, GENERATED_NOW_MS, planted),
  );
  return { ...run, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export const run: BenchSuite = async () => {
  const rows: BenchRow[] = [];

  // The real file: plant one sighting encounter per ~1,200 keys so a few truly match.
  const zip = readFileSync(sharedDataPath('exports', 'cwa-dev-2020-05-31', 'export.zip'));
  const { exportBin } = unpackExportZip(new Uint8Array(zip));
  const cwaKeys = [...iterateExportKeys(exportBin)];
  const cwaMet = cwaKeys.filter((_, i) => i % 1_200 === 600);
  const cwaPhone = buildPhone(CWA_NOW_MS, cwaMet, 1);
  const cwa = timeMatching(cwaPhone, CWA_NOW_MS, iterateExportKeys(exportBin));
  const cwaNaive = naiveKeysPerSecond(cwaPhone, cwaKeys.slice(0, NAIVE_SUBSET));

  const genPlanted = plantedKeys(NAIVE_SUBSET, GENERATED_NOW_MS);
  const genPhone = buildPhone(GENERATED_NOW_MS, [...genPlanted.values()], 42);
  const genNaive = naiveKeysPerSecond(genPhone, [
    ...generatedKeys(NAIVE_SUBSET, GENERATED_NOW_MS, genPlanted),
  ]);
  const [million, fiveMillion] = GENERATED_SETS.map(generatedInChild) as [MatchRun, MatchRun];

  const blocksPerKey = Math.max(16, Math.round(cwa.stats.rollingProximityIds / cwa.keys) * 16);
  const ceiling = opensslCeiling(blocksPerKey);
  const phoneNote = `phone: ${fmt(cwaPhone.length)} readings over 14 days`;

  const cases: [string, MatchRun, number][] = [
    ['24,131 real CWA keys', cwa, cwaNaive],
    [`${fmt(GENERATED_SETS[0]!)} generated keys`, million, genNaive],
    [`${fmt(GENERATED_SETS[1]!)} generated keys`, fiveMillion, genNaive],
  ];
  for (const [name, r, naive] of cases) {
    const rate = r.keys / (r.ms / 1000);
    const matched = `${r.stats.keysMatched} keys truly matched (${r.windows} windows)`;
    const rss = r.maxRssMb === undefined ? '' : `; peak RSS ${fmt(r.maxRssMb)} MB`;
    rows.push({
      group: 'matching',
      case: `${name} vs naive (one AES call per RPI, no pruning)`,
      value: `${fmt(rate)} keys/CPU-s`,
      baseline: `${fmt(naive)} keys/CPU-s`,
      ratio: rate / naive,
      note: `naive measured on the first ${fmt(NAIVE_SUBSET)} keys and extrapolated per key; ${matched}; ${phoneNote}${rss}`,
    });
    const top = ceilingKeysPerSecond(r, ceiling);
    rows.push({
      group: 'matching',
      case: `${name} vs openssl speed ceiling`,
      value: `${fmt(rate)} keys/CPU-s`,
      baseline: `${fmt(top)} keys/CPU-s`,
      ratio: rate / top,
      note: `ceiling = 2 HMAC-SHA256 per derived key + ${fmt(r.stats.rollingProximityIds / Math.max(1, r.keys))} AES blocks per key at openssl's measured rate (${fmt(ceiling.hmacPerSecond)} HMAC/s, ${fmt(ceiling.aesBlocksPerSecond)} AES blocks/s); ${fmt(r.stats.keysSkipped)} keys skipped without crypto`,
    });
  }
  rows.push({
    group: 'matching',
    case: `${fmt(GENERATED_SETS[1]!)} generated keys, peak memory`,
    value: `${fmt(fiveMillion.maxRssMb ?? NaN)} MB`,
    baseline: `${RSS_LIMIT_MB} MB`,
    ratio: (fiveMillion.maxRssMb ?? NaN) / RSS_LIMIT_MB,
    note: 'maxRSS of a child process that generates keys in 10,000-key chunks and streams them; lower is better, must stay below 1',
  });
  return rows;
};

if (process.argv[2] === 'child') {
  const result = runGenerated(Number(process.argv[3]));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
