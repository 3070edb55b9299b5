/**
 * The whole system for the browser tests, in-process and on SQLite in a temporary directory:
 * the health-center system with its staff console, the notification server, and the app
 * server that serves the built app and proxies the notification server same-origin.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildHealthCenterApp, loadConfig, type HealthCenterApp } from '@cocoa/health-center';
import { buildNotificationServerApp, type NotificationServer } from '@cocoa/notification-server';
import { buildApp, createAppServer } from '../server/index.ts';

/** Staff account the stack creates for the console. */
export const STAFF = { username: 'staff.e2e', password: 'a long console password 42' };

/** A running stack and the knobs the tests turn. */
export interface Stack {
  appUrl: string;
  consoleUrl: string;
  healthCenter: HealthCenterApp;
  notificationServer: NotificationServer;
  /** Directory of the notification server's published files. */
  blobDirectory: string;
  /** Added to the wall clock for the notification server's injected `now`. */
  setServerOffsetMs(ms: number): void;
  /** Stops the notification server (for the "server down" case). */
  stopNotificationServer(): Promise<void>;
  /** Starts it again on the same database and files. */
  startNotificationServerAgain(): Promise<void>;
  close(): Promise<void>;
}

/** Builds the app once into a temporary directory and starts every service on port 0. */
export async function startStack(): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'cocoa-e2e-'));
  const distDir = await buildApp({ outDir: join(dir, 'dist') });
  let serverOffsetMs = 0;
  let notificationUrl = '';

  // The app server starts first: the notification server's list.json must name its origin.
  const signing = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicKeyPem = signing.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const appServer: FastifyInstance = await createAppServer({
    distDir,
    notificationServerUrl: () => notificationUrl,
    config: {
      notificationServerBase: './',
      region: '440',
      exportVerificationKeys: [{ pem: publicKeyPem, keyId: '440', version: 'v1' }],
      healthCenter: { name: 'E2E health center', contact: '000-0000-0000' },
    },
  });
  const appUrl = await appServer.listen({ host: '127.0.0.1', port: 0 });

  const verifySecret = randomBytes(24).toString('hex');
  const healthCenter = await buildHealthCenterApp({
    config: loadConfig({
      DATABASE_URL: `sqlite:${join(dir, 'health-center.sqlite')}`,
      NUMBER_HASH_KEYS: `k1:${randomBytes(24).toString('hex')}`,
      VERIFY_CLIENTS: `notification-server:${verifySecret}`,
      DEV_OUTBOX: 'true',
      COOKIE_SECURE: 'false',
      BCRYPT_ROUNDS: '4',
      PORT: '0',
      APP_URL: appUrl,
      LOG_LEVEL: 'warn',
    }),
    purgeJob: false,
  });
  await healthCenter.createStaffAccount(STAFF.username, STAFF.password);
  const consoleUrl = await healthCenter.listen();

  const blobDirectory = join(dir, 'exports');
  const buildNotificationServer = () =>
    buildNotificationServerApp({
      now: () => Date.now() + serverOffsetMs,
      config: {
        databaseUrl: join(dir, 'notification-server.sqlite'),
        verification: { url: consoleUrl, secret: verifySecret, timeoutMs: 5000 },
        logLevel: 'warn',
        retention: { schedule: false },
        rateLimit: { max: 10_000, windowMs: 60_000 },
        export: {
          signingKeys: [{ privateKeyPem, keyId: '440', keyVersion: 'v1' }],
          blobDirectory,
          publicBaseUrl: `${appUrl}/exports`,
          minKeysPerFile: 5,
          schedule: false,
        },
      },
    });
  const privateKeyPem = signing.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  let notificationServer: NotificationServer | null = null;

  const startNotificationServer = async (): Promise<void> => {
    if (notificationServer) return;
    const server = await buildNotificationServer();
    notificationUrl = await server.app.listen({ host: '127.0.0.1', port: 0 });
    notificationServer = server;
  };
  const stopNotificationServer = async (): Promise<void> => {
    const server = notificationServer;
    notificationServer = null;
    await server?.close();
  };
  await startNotificationServer();

  return {
    appUrl,
    consoleUrl,
    healthCenter,
    get notificationServer() {
      if (!notificationServer) throw new Error('the notification server is stopped');
      return notificationServer;
    },
    blobDirectory,
    setServerOffsetMs: (ms) => {
      serverOffsetMs = ms;
    },
    stopNotificationServer,
    startNotificationServerAgain: startNotificationServer,
    async close() {
      await stopNotificationServer();
      await healthCenter.close();
      await appServer.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
