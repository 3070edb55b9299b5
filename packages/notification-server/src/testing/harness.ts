/**
 * Test helper: a notification server on a fresh database of the chosen engine, a temporary
 * blob directory, a fake verification service, a controllable clock and a captured log.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import {
  buildNotificationServerApp,
  type NotificationServer,
  type NotificationServerOptions,
} from '../app.ts';
import type { NotificationServerConfigInput } from '../config/config.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';
import { startFakeVerification, type FakeVerification } from './fake-verification.ts';

/** An ECDSA P-256 key pair as PEM (PKCS#8 private, SPKI public). */
export function testSigningKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Everything a server test needs. */
export interface TestServer {
  server: NotificationServer;
  verification: FakeVerification;
  database: TestDatabase;
  blobDirectory: string;
  publicKeyPem: string;
  /** The injected clock; tests move it. */
  clock: { nowMs: number };
  /** Every log line written so far. */
  logLines: string[];
  close(): Promise<void>;
}

/** Overrides of the test configuration (the export section is merged). */
export type TestConfigOverrides = Partial<Omit<NotificationServerConfigInput, 'export'>> & {
  export?: Partial<NotificationServerConfigInput['export']>;
};

/** Builds a server on `engine` with the clock at `nowMs`. */
export async function startTestServer(
  engine: TestDatabase['engine'],
  nowMs: number,
  overrides: TestConfigOverrides = {},
  options: Pick<NotificationServerOptions, 'decoyWait'> = {},
): Promise<TestServer> {
  const database = await createTestDatabase(engine);
  const verification = await startFakeVerification();
  const blobDirectory = mkdtempSync(path.join(tmpdir(), 'ns-blobs-'));
  const keys = testSigningKeyPair();
  const clock = { nowMs };
  const logLines: string[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });

  const { export: exportOverrides, ...rest } = overrides;
  const server = await buildNotificationServerApp({
    ...options,
    now: () => clock.nowMs,
    logDestination,
    config: {
      databaseUrl: database.url,
      databaseSchema: database.schema,
      verification: { url: verification.url, secret: verification.secret, timeoutMs: 2000 },
      rateLimit: { max: 10_000, windowMs: 60_000 },
      logLevel: 'info',
      retention: { schedule: false },
      ...rest,
      export: {
        signingKeys: [{ privateKeyPem: keys.privateKeyPem, keyId: '440', keyVersion: 'v1' }],
        blobDirectory,
        publicBaseUrl: 'https://cdn.example/exports',
        minKeysPerFile: 0,
        schedule: false,
        ...exportOverrides,
      },
    },
  });

  return {
    server,
    verification,
    database,
    blobDirectory,
    publicKeyPem: keys.publicKeyPem,
    clock,
    logLines,
    async close() {
      await server.close();
      await verification.close();
      await database.dispose();
      rmSync(blobDirectory, { recursive: true, force: true });
    },
  };
}
