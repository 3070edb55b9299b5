/**
 * App factory: builds the health-center system (console, verification API, operations
 * endpoints, purge job) on a database, ready for `listen` or for in-process tests.
 */
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { DestinationStream, Logger } from 'pino';
import type { HealthCenterConfig } from './config.ts';
import { registerSignInRoutes, registerSignOutRoute, consoleGuard } from './console/auth-routes.ts';
import { STYLE_SOURCE } from './console/html.ts';
import { registerLookupRoutes } from './console/lookup-routes.ts';
import { registerNumberRoutes } from './console/number-routes.ts';
import { errorPage } from './console/pages.ts';
import { requestLocale } from './console/request.ts';
import type { HealthCenterContext } from './context.ts';
import { openDatabase } from './db/connect.ts';
import type { HealthCenterDb } from './db/connect.ts';
import { runMigrations } from './db/migrations.ts';
import { DevOutbox } from './delivery/outbox.ts';
import type { MailProvider, SmsProvider } from './delivery/providers.ts';
import { HttpSmsGateway } from './delivery/sms-gateway.ts';
import { SmtpMailer } from './delivery/smtp.ts';
import { installErrorHandlers } from './http/error-handler.ts';
import { createLogger } from './http/logging.ts';
import { createMetrics } from './http/metrics.ts';
import type { HealthCenterMetrics } from './http/metrics.ts';
import { registerOpsRoutes } from './http/ops-routes.ts';
import { createLimiters } from './http/rate-limits.ts';
import { registerVerifyRoutes } from './http/verify-routes.ts';
import { textsFor } from './i18n/index.ts';
import { NumberStore } from './numbers/store.ts';
import { purgeOnce, startPurgeJob } from './purge.ts';
import { createStaffAccount } from './staff/accounts.ts';
import { SessionStore } from './staff/sessions.ts';

/** Options of `buildHealthCenterApp`; only `config` is required. */
export interface HealthCenterAppOptions {
  config: HealthCenterConfig;
  /** Milliseconds since the epoch; tests move time with it. */
  clock?: () => number;
  /** Where JSON log lines go (stdout by default). */
  logDestination?: DestinationStream;
  /** Replace the configured delivery providers (tests). */
  providers?: { sms?: SmsProvider; mail?: MailProvider };
  /** Apply migrations on start (default true). */
  migrate?: boolean;
  /** Run the purge job on a timer (default true). */
  purgeJob?: boolean;
  /** Collect Node process metrics too (default false; turn on in the real server). */
  processMetrics?: boolean;
}

/** A built app: the Fastify server plus the handles tests and the CLI use. */
export interface HealthCenterApp {
  server: FastifyInstance;
  /** The development outbox when `DEV_OUTBOX` is on, else null. */
  outbox: DevOutbox | null;
  metrics: HealthCenterMetrics;
  database: HealthCenterDb;
  logger: Logger;
  /** Deletes expired numbers and sessions now; returns how many numbers went. */
  purgeExpired(): Promise<number>;
  /** Creates a console account in this app's database. */
  createStaffAccount(username: string, password: string): Promise<string>;
  /** Starts listening on the configured host and port; resolves to the base URL. */
  listen(): Promise<string>;
  /** Stops the purge job, the server, mail connections and the database. */
  close(): Promise<void>;
}

/** Builds the health-center system. */
export async function buildHealthCenterApp(
  options: HealthCenterAppOptions,
): Promise<HealthCenterApp> {
  const { config } = options;
  const clock = options.clock ?? Date.now;
  const logger = createLogger(config.logLevel, options.logDestination);

  const database = openDatabase(config.databaseUrl, { schema: config.databaseSchema });
  if (options.migrate ?? true) await runMigrations(database.db);

  const outbox = config.devOutbox ? new DevOutbox(clock) : null;
  const mailer = config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.mailFrom) : null;
  const sms: SmsProvider | null = config.smsGatewayUrl
    ? new HttpSmsGateway({ url: config.smsGatewayUrl, token: config.smsGatewayToken })
    : outbox;
  const providers = {
    sms: options.providers?.sms ?? sms ?? missingProvider('SMS'),
    mail: options.providers?.mail ?? mailer ?? outbox ?? missingProvider('e-mail'),
  };

  const server: FastifyInstance = Fastify({
    // pino's Logger is a FastifyBaseLogger; the cast only drops pino's extra generics.
    loggerInstance: logger as FastifyBaseLogger,
    // Fastify's own request lines would log the URL and client address; ours allow-list.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'reqId' }),
    genReqId: () => randomUUID(),
    bodyLimit: 16 * 1024,
    trustProxy: false,
  });
  const metrics = createMetrics({ defaultMetrics: options.processMetrics });

  await server.register(cookie);
  await server.register(formbody);
  await server.register(rateLimit, { global: false });

  const ctx: HealthCenterContext = {
    config,
    clock,
    database,
    numbers: new NumberStore(database.db, config.numberHashKeys, config.numberTtlSeconds * 1000),
    sessions: new SessionStore(database.db, {
      idleMs: config.sessionIdleSeconds * 1000,
      maxMs: config.sessionMaxSeconds * 1000,
    }),
    metrics,
    providers,
    outbox,
    limiters: createLimiters(server, config, metrics),
  };

  installHooks(server);
  installErrorHandlers(server, (request, reply, error) => {
    if (error.code === 'SIGN_IN_REQUIRED') return reply.redirect('/console/sign-in?expired=1', 303);
    const locale = requestLocale(request, reply, config);
    const t = textsFor(locale);
    const message = t.errors[error.code] ?? t.errors.BAD_REQUEST ?? error.message;
    return reply
      .code(error.statusCode)
      .type('text/html; charset=utf-8')
      .send(errorPage(locale, message));
  });

  registerOpsRoutes(server, ctx);
  registerVerifyRoutes(server, ctx);
  registerSignInRoutes(server, ctx);
  await server.register(async (scope) => {
    scope.addHook('preHandler', consoleGuard(ctx));
    registerSignOutRoute(scope, ctx);
    registerNumberRoutes(scope, ctx);
    registerLookupRoutes(scope, ctx);
  });

  const stopPurge =
    (options.purgeJob ?? true)
      ? startPurgeJob(ctx, config.purgeIntervalSeconds * 1000, (error) =>
          logger.error({ err: error }, 'purge failed'),
        )
      : () => undefined;

  await server.ready();
  return {
    server,
    outbox,
    metrics,
    database,
    logger,
    purgeExpired: () => purgeOnce(ctx),
    createStaffAccount: (username, password) =>
      createStaffAccount(database.db, { username, password, bcryptRounds: config.bcryptRounds }),
    listen: () => server.listen({ host: config.host, port: config.port }),
    close: async () => {
      stopPurge();
      await server.close();
      mailer?.close();
      await database.close();
    },
  };
}

/** Logs one line per finished request (5xx at error level) and sets security headers. */
function installHooks(server: FastifyInstance): void {
  server.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (request.url.startsWith('/console')) {
      // Pages can show a processing number: never cache them, never frame them.
      reply.header('cache-control', 'no-store');
      reply.header(
        'content-security-policy',
        `default-src 'none'; style-src ${STYLE_SOURCE}; form-action 'self'; ` +
          `frame-ancestors 'none'; base-uri 'none'`,
      );
    }
    done(null, payload);
  });

  server.addHook('onResponse', (request, reply, done) => {
    const line = {
      req: request,
      res: reply,
      responseTimeMs: Math.round(reply.elapsedTime),
    };
    if (reply.statusCode >= 500) request.log.error(line, 'request completed');
    else request.log.info(line, 'request completed');
    done();
  });
}

function missingProvider(what: string): SmsProvider & MailProvider {
  const fail = () => Promise.reject(new Error(`no ${what} provider configured`));
  return { sendSms: fail, sendMail: fail };
}
