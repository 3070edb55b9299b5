/**
 * Starts the real health-center system and notification server in-process, each listening on
 * 127.0.0.1 port 0 with SQLite in a temporary folder and the simulation's clock, with export
 * signing keys made for the run and a staff account for issuing numbers.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { generateSigningKeyPair } from '@cocoa/protocol/node';
import { buildHealthCenterApp, loadConfig, type HealthCenterApp } from '@cocoa/health-center';
import {
  buildNotificationServerApp,
  createHttpVerifier,
  type NotificationServer,
} from '@cocoa/notification-server';
import { createRunFolder } from './run-folder.ts';

/** The running servers and what phones need to reach and trust them. */
export interface SimulatedServers {
  healthCenter: HealthCenterApp;
  healthCenterUrl: string;
  notificationServer: NotificationServer;
  notificationServerUrl: string;
  /** Host name the export index uses; phones map it to the server (a stand-in for a CDN). */
  exportOrigin: string;
  publicKeyPem: string;
  staff: { username: string; password: string };
  /** The run's temporary folder (databases, exports, phones' files); `close()` removes it. */
  folder: string;
  /** Verification calls the notification server made to the health-center system. */
  verificationRequests(): number;
  close(): Promise<void>;
}

/** Where processing-number text messages go: the simulation hands them to the person. */
export type SmsSink = (to: string, text: string) => void;

/** Options of `startServers`. */
export interface ServerOptions {
  now: () => number;
  onSms: SmsSink;
  /** COCOA-shaped exposure configuration document to serve instead of production's. */
  exposureConfigurationJson?: string;
  riskCalculationJson?: string;
  exportPeriodSeconds: number;
}

const EXPORT_ORIGIN = 'http://exports.simulation.invalid';

/** Starts both servers; call `close()` to stop them and delete their files. */
export async function startServers(options: ServerOptions): Promise<SimulatedServers> {
  const dir = createRunFolder();
  const secret = randomBytes(24).toString('hex');
  const staff = { username: 'simulation.staff', password: randomBytes(12).toString('hex') };

  const healthCenter = await buildHealthCenterApp({
    config: loadConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: path.join(dir, 'health-center.sqlite'),
      NUMBER_HASH_KEYS: `k1:${randomBytes(24).toString('hex')}`,
      VERIFY_CLIENTS: `notification-server:${secret}`,
      DEV_OUTBOX: 'true',
      BCRYPT_ROUNDS: '4',
      // One simulated staff member issues every number of the town in minutes of real time.
      ISSUE_RATE_PER_STAFF: '1000000',
      ISSUE_RATE_GLOBAL: '1000000',
      VERIFY_RATE_PER_CLIENT: '1000000',
      VERIFY_RATE_GLOBAL: '1000000',
      // The nurse signs in again whenever the console session has expired in simulated time,
      // which can be many times in one real minute.
      SIGN_IN_RATE: '1000000',
      LOG_LEVEL: 'silent',
    }),
    clock: options.now,
    purgeJob: false,
    providers: { sms: { sendSms: async (m) => options.onSms(m.to, m.text) } },
  });
  await healthCenter.createStaffAccount(staff.username, staff.password);
  const healthCenterUrl = await healthCenter.listen();

  let verifications = 0;
  const httpVerifier = createHttpVerifier({ url: healthCenterUrl, secret, timeoutMs: 10_000 });
  const keyPair = generateSigningKeyPair();
  const configFiles = writeConfigFiles(dir, options);
  const notificationServer = await buildNotificationServerApp({
    config: {
      host: '127.0.0.1',
      port: 0,
      databaseUrl: path.join(dir, 'notification-server.sqlite'),
      verification: { url: healthCenterUrl, secret },
      export: {
        periodSeconds: options.exportPeriodSeconds,
        signingKeys: [{ privateKeyPem: keyPair.privateKeyPem, keyId: '440', keyVersion: 'v1' }],
        blobDirectory: path.join(dir, 'exports'),
        publicBaseUrl: `${EXPORT_ORIGIN}/exports`,
        schedule: false,
      },
      retention: { schedule: false },
      rateLimit: { max: 1_000_000 },
      logLevel: 'silent',
      ...configFiles,
    },
    now: options.now,
    // Decoys imitate a real submission's duration for a watcher on the network. Here no one
    // watches, and waiting in real time would only stall the simulated clock.
    decoyWait: () => Promise.resolve(),
    verifier: {
      verify: (n) => {
        verifications += 1;
        return httpVerifier.verify(n);
      },
    },
  });
  const notificationServerUrl = await notificationServer.app.listen({ host: '127.0.0.1', port: 0 });

  return {
    healthCenter,
    healthCenterUrl,
    notificationServer,
    notificationServerUrl,
    exportOrigin: EXPORT_ORIGIN,
    publicKeyPem: keyPair.publicKeyPem,
    staff,
    folder: dir,
    verificationRequests: () => verifications,
    async close() {
      await notificationServer.close();
      await healthCenter.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function writeConfigFiles(
  dir: string,
  options: ServerOptions,
): { exposureConfigurationPath?: string; riskCalculationConfigurationPath?: string } {
  const out: { exposureConfigurationPath?: string; riskCalculationConfigurationPath?: string } = {};
  if (options.exposureConfigurationJson) {
    out.exposureConfigurationPath = path.join(dir, 'configuration.json');
    writeFileSync(out.exposureConfigurationPath, options.exposureConfigurationJson);
  }
  if (options.riskCalculationJson) {
    out.riskCalculationConfigurationPath = path.join(dir, 'risk_calculation_configuration.json');
    writeFileSync(out.riskCalculationConfigurationPath, options.riskCalculationJson);
  }
  return out;
}
