/**
 * Builds the notification server in-process: database, blob store, routes, jobs. The thin
 * entry `main.ts` listens on it; tests, the simulator and the CLI build it directly.
 */
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { DestinationStream, Logger } from 'pino';
import { createDirectoryBlobStore } from './blob/directory-store.ts';
import { blobRoutes } from './blob/routes.ts';
import type { BlobStore } from './blob/store.ts';
import {
  parseConfig,
  type NotificationServerConfig,
  type NotificationServerConfigInput,
} from './config/config.ts';
import { openDatabase, type NotificationDb } from './db/connect.ts';
import { runMigrations } from './db/migrations.ts';
import { listJsonName, writeRegionIndex } from './export/index-files.ts';
import { runExportJob, type ExportRunResult } from './export/job.ts';
import {
  exposureConfigurationRoutes,
  loadExposureConfiguration,
} from './exposure-config/routes.ts';
import { RotatingClientHasher } from './ops/client-hash.ts';
import { createLogger } from './ops/logger.ts';
import { createMetrics, type ServerMetrics } from './ops/metrics.ts';
import { opsRoutes } from './ops/routes.ts';
import { runRetentionJob, type RetentionResult } from './retention/job.ts';
import { submissionRoutes } from './submission/route.ts';
import { createHttpVerifier, type Verifier } from './verification/client.ts';
import { startSchedules } from './schedule.ts';
import { trackInFlight } from './ops/in-flight.ts';

/** How to build a server; only `config` is required. */
export interface NotificationServerOptions {
  config: NotificationServerConfigInput | NotificationServerConfig;
  /** Current time in ms; every rule, job and stored time uses it. */
  now?: () => number;
  /** Replaces the HTTP verification client (the simulator may use its own). */
  verifier?: Verifier;
  /** Replaces the directory blob store (e.g. an object store). */
  store?: BlobStore;
  /**
   * How a decoy submission waits before its answer (default: a real timer). A simulation whose
   * clock stands still while requests are open passes one that returns at once.
   */
  decoyWait?: (ms: number) => Promise<void>;
  /** Where JSON logs go (default stdout); or a ready logger. */
  logDestination?: DestinationStream;
  logger?: Logger;
}

/** A built server: the Fastify app plus its jobs and switches. */
export interface NotificationServer {
  app: FastifyInstance;
  config: NotificationServerConfig;
  db: NotificationDb;
  store: BlobStore;
  metrics: ServerMetrics;
  /** Runs the export job now (also what the periodic schedule calls). */
  runExport(): Promise<ExportRunResult>;
  /** Runs the retention job now. */
  runRetention(): Promise<RetentionResult>;
  /** The global maintenance switch: while on, submissions answer 503. */
  setMaintenance(on: boolean): void;
  /** Stops the schedules, finishes in-flight requests and jobs, closes the database. */
  close(): Promise<void>;
}

/** Builds (and migrates the database of) a notification server without listening. */
export async function buildNotificationServerApp(
  options: NotificationServerOptions,
): Promise<NotificationServer> {
  const config = parseConfig(options.config as NotificationServerConfigInput);
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createLogger(config.logLevel, options.logDestination);
  const documents = loadExposureConfiguration(config);

  const db = openDatabase(config.databaseUrl, { schema: config.databaseSchema });
  await runMigrations(db);
  const store = options.store ?? createDirectoryBlobStore(config.export.blobDirectory);
  // A new deployment has published nothing yet. Empty indexes let phones tell "nothing to
  // download yet" apart from a broken server, which they must report as "cannot check".
  for (const region of config.regions) {
    if ((await store.get(listJsonName(region))) === null) {
      await writeRegionIndex(db, { store, region, publicBaseUrl: config.export.publicBaseUrl });
    }
  }
  const metrics = createMetrics();
  const verifier = options.verifier ?? createHttpVerifier(config.verification);
  let maintenance = config.maintenance;

  const app: FastifyInstance = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    trustProxy: false,
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Notification server',
        version: '1.0.0',
        description: 'Diagnosis key submission and export files',
      },
    },
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ code: 'NOT_FOUND', message: 'no such route' }),
  );

  const jobOptions = {
    db,
    store,
    regions: config.regions,
    publicBaseUrl: config.export.publicBaseUrl,
    now,
    metrics,
  };
  const runExport = () =>
    runExportJob({
      ...jobOptions,
      periodSeconds: config.export.periodSeconds,
      maxKeysPerFile: config.export.maxKeysPerFile,
      minKeysPerFile: config.export.minKeysPerFile,
      signingKeys: config.export.signingKeys,
    });
  const runRetention = () => runRetentionJob(jobOptions);

  await app.register(submissionRoutes, {
    deps: { db, verifier, regions: config.regions, now },
    metrics,
    clientHasher: new RotatingClientHasher(86_400_000, Date.now),
    isMaintenance: () => maintenance,
    rateLimit: config.rateLimit,
    responseBytes: config.responsePaddingBytes,
    ...(options.decoyWait ? { decoyWait: options.decoyWait } : {}),
  });
  await app.register(blobRoutes, { store });
  await app.register(exposureConfigurationRoutes, { documents });
  await app.register(opsRoutes, { db, metrics, isMaintenance: () => maintenance });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const schedules = startSchedules(config, { runExport, runRetention, logger });
  const inFlight = trackInFlight(app);
  app.addHook('onClose', async () => {
    // Requests already inside a handler finish (and store their keys) before the database
    // goes away; new ones are refused with 503 by Fastify while closing.
    await inFlight.drained();
    await schedules.stop();
    await db.close();
  });
  await app.ready();

  return {
    app,
    config,
    db,
    store,
    metrics,
    runExport,
    runRetention,
    setMaintenance: (on) => {
      maintenance = on;
    },
    close: () => app.close(),
  };
}
