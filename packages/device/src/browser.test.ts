import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  ECDSA_P256_SHA256_OID,
  ReportType,
  encodeCocoaList,
  type CocoaListEntry,
  type DiagnosisSubmissionBody,
} from '@cocoa/protocol';
import { buildSignedExportZip, generateSigningKeyPair, sharedDataPath } from '@cocoa/protocol/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBase64 } from './records.ts';
import type { PhoneHarness } from './testing/browser-harness.ts';

// Real Chromium: IndexedDB, WebCrypto (AES-GCM and ECDSA), BroadcastChannel between two
// windows, and Playwright's fake clock driving the engine's ordinary timers.
const signingKey = generateSigningKeyPair();
const info = {
  verificationKeyId: '440',
  verificationKeyVersion: 'v1',
  signatureAlgorithm: ECDSA_P256_SHA256_OID,
};
const submissions: DiagnosisSubmissionBody[] = [];
const files = new Map<string, Uint8Array>();
const entries: CocoaListEntry[] = [];
let server: Server;
let base = '';
let script = '';
let browser: Browser;

const config = (name: string): string => readFileSync(sharedDataPath('cocoa-config', name), 'utf8');

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('./testing/browser-harness.ts', import.meta.url))],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    logLevel: 'silent',
  });
  script = bundle.outputFiles[0]!.text;

  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, type: string, body: string | Uint8Array): void => {
        res.writeHead(status, { 'content-type': type });
        res.end(body);
      };
      const url = req.url ?? '/';
      if (url === '/')
        return send(
          200,
          'text/html',
          '<!doctype html><title>phone</title><script src="/harness.js"></script>',
        );
      if (url === '/harness.js') return send(200, 'text/javascript', script);
      if (url === '/440/list.json') return send(200, 'application/json', encodeCocoaList(entries));
      if (url === '/configuration.json')
        return send(200, 'application/json', config('configuration.json'));
      if (url === '/risk.json')
        return send(200, 'application/json', config('risk_calculation_configuration.json'));
      if (url === '/api/v3/diagnosis' && req.method === 'PUT') {
        if (!req.headers['x-chaff']) {
          submissions.push(
            JSON.parse(Buffer.concat(chunks).toString('utf8')) as DiagnosisSubmissionBody,
          );
        }
        return send(200, 'application/json', '{"code":"OK","message":"","padding":""}');
      }
      const file = files.get(url);
      if (file) return send(200, 'application/zip', file);
      return send(404, 'text/plain', 'not found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-gpu',
      '--no-first-run',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** Publishes every submission so far as one signed export file. */
function publish(): void {
  const keys = submissions.flatMap((s) =>
    s.keys.map((k) => ({
      keyData: fromBase64(k.keyData),
      rollingStartIntervalNumber: k.rollingStartNumber,
      rollingPeriod: k.rollingPeriod,
      reportType: ReportType.CONFIRMED_TEST,
      transmissionRiskLevel: 4,
      daysSinceOnsetOfSymptoms: 0,
    })),
  );
  const nowS = Math.floor(Date.now() / 1000);
  const path = `/440/${entries.length + 1}.zip`;
  files.set(
    path,
    buildSignedExportZip(
      {
        startTimestamp: nowS - 3600,
        endTimestamp: nowS + entries.length,
        region: '440',
        batchNum: 1,
        batchSize: 1,
        signatureInfos: [info],
        keys,
        revisedKeys: [],
      },
      [{ privateKeyPem: signingKey.privateKeyPem, info }],
    ),
  );
  entries.push({ region: '440', url: `${base}${path}`, created: Date.now() + entries.length });
}

async function phone(page: Page, name: string, distanceM: number): Promise<void> {
  await page.goto(base);
  const server = {
    submissionUrl: `${base}/api/v3/diagnosis`,
    listUrl: `${base}/440/list.json`,
    exposureConfigurationUrl: `${base}/configuration.json`,
    riskCalculationConfigurationUrl: `${base}/risk.json`,
  };
  await page.evaluate((o) => window.phoneHarness.start(o), {
    name,
    distanceM,
    server,
    pem: signingKey.publicKeyPem,
  });
}

const call = <T>(page: Page, fn: (h: PhoneHarness) => T | Promise<T>): Promise<T> =>
  page.evaluate(`(${fn.toString()})(window.phoneHarness)`) as Promise<T>;

describe('two browser windows side by side on the nearby channel', () => {
  it.each([
    ['1 m for 20 minutes', 1, 20, 1],
    ['3 m for 20 minutes', 3, 20, 0],
    ['1 m for 10 minutes', 1, 10, 0],
  ])(
    '%s of fast-forwarded time: %i m, %i min → %i contact days',
    async (_name, distanceM, minutes, expected) => {
      const context = await browser.newContext();
      await context.clock.install({ time: Date.now() });
      const a = await context.newPage();
      const b = await context.newPage();
      await phone(a, 'a', distanceM);
      await phone(b, 'b', distanceM);

      await a.clock.runFor(minutes * 60_000);
      // B heard A at its first scan and at every 5-minute scan after; the queued scans finish
      // their IndexedDB and WebCrypto work after the clock jumped.
      await expect
        .poll(() => call(b, (h) => h.storedScans()), { timeout: 10_000 })
        .toBe(minutes / 5 + 1);

      const result = await call(a, (h) =>
        h.register({
          consent: true,
          processingNumber: '12345678',
          hasSymptom: false,
          onsetOrTestDate: '2026-12-01T10:00:00+09:00',
        }),
      );
      expect(result).toMatchObject({ outcome: 'success' });
      publish();

      const check = await call(b, (h) => h.check());
      expect(check).toMatchObject({ ok: true });
      const days = await call(b, (h) => h.contactDays());
      expect(days).toHaveLength(expected);
      expect(await call(b, (h) => h.notifications.length)).toBe(expected);
      expect(await call(b, (h) => h.status().state)).toBe('working');
      await context.close();
    },
  );
});
