/**
 * Notification server: submissions per second on SQLite and PostgreSQL beside a trivial route
 * of the same server (autocannon over loopback), and export of 1 M stored keys beside a plain
 * read of the same rows, each in its own process so peak memory is measured per task.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { encodeKeyData } from '@cocoa/protocol';
import { generateSigningKeyPair } from '@cocoa/protocol/node';
import {
  buildNotificationServerApp,
  openDatabase,
  runMigrations,
} from '@cocoa/notification-server';
import { createTestDatabase } from '../packages/notification-server/src/testing/databases.ts';
import type { BenchRow, BenchSuite } from './types.ts';

const NOW = Date.UTC(2020, 5, 4, 15);
const EXPORT_KEYS = 1_000_000;
const CHILD = fileURLToPath(
  new URL('../packages/notification-server/src/bench-support/export-child.ts', import.meta.url),
);

function body(): string {
  const keys = Array.from({ length: 14 }, (_, i) => ({
    keyData: encodeKeyData(new Uint8Array(randomBytes(16))),
    rollingStartNumber: 2650176 + 144 * i,
    rollingPeriod: 144,
  }));
  return JSON.stringify({
    hasSymptom: true,
    onsetOfSymptomOrTestDate: '2020-06-01T10:00:00.000+09:00',
    keys,
    regions: ['440'],
    platform: 'android',
    appPackageName: 'bench',
    verificationPayload: '12345678',
    idempotency_key: randomBytes(16).toString('hex'),
    padding: randomBytes(1024).toString('base64'),
  });
}

async function load(url: string, method: 'GET' | 'PUT', fresh: boolean): Promise<number> {
  const result = await autocannon({
    url,
    method,
    connections: 8,
    duration: 8,
    headers: { 'content-type': 'application/json' },
    ...(fresh
      ? { requests: [{ method, setupRequest: (request) => ({ ...request, body: body() }) }] }
      : {}),
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
  }
  return result.requests.average;
}

async function submissions(engine: 'sqlite' | 'postgres'): Promise<BenchRow> {
  const database = await createTestDatabase(engine);
  const blobDirectory = mkdtempSync(path.join(tmpdir(), 'ns-bench-'));
  const server = await buildNotificationServerApp({
    now: () => NOW,
    // Verification is another service; every number is valid here so the server is measured.
    verifier: { verify: async () => ({ result: 'valid', reportType: 1, testDate: '2020-06-01' }) },
    config: {
      databaseUrl: database.url,
      databaseSchema: database.schema,
      verification: { url: 'http://127.0.0.1:9', secret: 'unused' },
      rateLimit: { max: 1e9, windowMs: 60_000 },
      logLevel: 'warn',
      export: {
        signingKeys: [{ ...generateSigningKeyPair(), keyId: '440', keyVersion: 'v1' }],
        blobDirectory,
        schedule: false,
      },
      retention: { schedule: false },
    },
  });
  try {
    const address = await server.app.listen({ host: '127.0.0.1', port: 0 });
    const trivial = await load(`${address}/exposure_configuration/version.json`, 'GET', false);
    const submit = await load(`${address}/api/v3/diagnosis`, 'PUT', true);
    return {
      group: 'notification-server',
      case: `submissions of 14 keys on ${engine} (8 connections, loopback)`,
      value: `${submit.toFixed(0)} req/s`,
      baseline: `${trivial.toFixed(0)} req/s trivial route`,
      ratio: submit / trivial,
    };
  } finally {
    await server.close();
    await database.dispose();
    rmSync(blobDirectory, { recursive: true, force: true });
  }
}

async function seed(url: string): Promise<void> {
  const handle = openDatabase(url);
  await runMigrations(handle);
  const chunk = 2_000;
  for (let done = 0; done < EXPORT_KEYS; done += chunk) {
    const rows = Array.from({ length: chunk }, () => ({
      region: '440',
      key_data: new Uint8Array(randomBytes(16)),
      rolling_start_interval_number: 2651904,
      rolling_period: 144,
      transmission_risk_level: 6,
      report_type: 1,
      days_since_onset: 0,
      created_hour_ms: NOW - 3_600_000,
      embargo_until_ms: NOW - 3_600_000,
      is_fake: 0,
      export_file_id: null,
    }));
    // SQLite allows 32,766 bound values per statement; 11 columns × 2,000 rows stays below.
    await handle.db.insertInto('exposure_keys').values(rows).execute();
  }
  await handle.close();
}

function child(mode: 'read' | 'export', args: string[]) {
  const out = execFileSync(process.execPath, ['--import', 'tsx', CHILD, mode, ...args], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.toString().trim().split('\n').pop() ?? '{}') as {
    rows: number;
    elapsedMs: number;
    maxRssBytes: number;
  };
}

async function exportMillion(): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ns-bench-export-'));
  try {
    const url = path.join(dir, 'bench.sqlite');
    process.stderr.write('notification-server: storing 1 M keys…\n');
    await seed(url);
    const keyPath = path.join(dir, 'key.pem');
    writeFileSync(keyPath, generateSigningKeyPair().privateKeyPem);
    const args = [url, path.join(dir, 'blobs'), keyPath, String(NOW)];

    process.stderr.write('notification-server: reading 1 M keys…\n');
    const read = child('read', args);
    process.stderr.write('notification-server: exporting 1 M keys…\n');
    const exported = child('export', args);
    if (exported.rows !== EXPORT_KEYS || read.rows !== EXPORT_KEYS) {
      throw new Error(`expected ${EXPORT_KEYS} rows, read ${read.rows}, exported ${exported.rows}`);
    }
    const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
    return [
      {
        group: 'notification-server',
        case: '1 M stored keys on SQLite: sign and publish all files vs plain read',
        value: `${(exported.elapsedMs / 1000).toFixed(1)} s`,
        baseline: `${(read.elapsedMs / 1000).toFixed(1)} s read`,
        // Lower is better for times: the ratio says how many reads one export costs.
        ratio: exported.elapsedMs / read.elapsedMs,
        note: `time ratio (lower is better); peak RSS export ${mb(exported.maxRssBytes)}, read ${mb(read.maxRssBytes)}; limit 512 MB`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the notification-server benchmarks. */
export const run: BenchSuite = async () => [
  await submissions('sqlite'),
  await submissions('postgres'),
  ...(await exportMillion()),
];
