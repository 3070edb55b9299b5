/**
 * Configuration of the health-center system, read from environment variables and checked
 * once at start so a wrong value stops the process with a message naming the variable.
 */
import { z } from 'zod';
import { isSupportedDatabaseUrl } from './db/connect.ts';

const DATABASE_URL_KINDS =
  'must be a postgres:// URL or the path of an SQLite file (sqlite:, file: or a plain path)';

/** One HMAC key for processing numbers; the first of the list hashes new numbers. */
export interface NumberHashKey {
  id: string;
  secret: string;
}

/** A service allowed to call the verification API, identified by its shared secret. */
export interface VerificationClient {
  name: string;
  secret: string;
}

/** Everything the app factory needs, already validated. */
export interface HealthCenterConfig {
  host: string;
  port: number;
  /** `sqlite:<path>` (or a bare path / `:memory:`) or `postgres://…`. */
  databaseUrl: string;
  /** PostgreSQL schema to use instead of the connection's default search path. */
  databaseSchema?: string;
  numberHashKeys: NumberHashKey[];
  verificationClients: VerificationClient[];
  numberTtlSeconds: number;
  /** Base URL of the app; messages link to `${appUrl}/#/register?number=…`. */
  appUrl: string;
  /** IANA time zone in which messages and the console show expiry times. */
  timeZone: string;
  smtpUrl?: string;
  mailFrom: string;
  smsGatewayUrl?: string;
  smsGatewayToken?: string;
  /** Deliver to an in-memory outbox shown on the console when no gateway is configured. */
  devOutbox: boolean;
  cookieSecure: boolean;
  sessionIdleSeconds: number;
  sessionMaxSeconds: number;
  bcryptRounds: number;
  verifyRatePerClient: number;
  verifyRateGlobal: number;
  /** Failed verifications per minute, all clients together, before verification pauses. */
  verifyFailureRate: number;
  issueRatePerStaff: number;
  issueRateGlobal: number;
  signInRate: number;
  purgeIntervalSeconds: number;
  logLevel: string;
}

/** Thrown when the environment does not describe a usable configuration. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';

  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const MIN_SECRET_LENGTH = 32;

const int = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1');

// `id:secret,id:secret` — the same shape for hash keys and verification clients.
const pairList = (what: string) =>
  z
    .string()
    .min(1)
    .transform((text, ctx) => {
      const pairs = text.split(',').map((item) => item.trim());
      const parsed = pairs.map((item) => {
        const at = item.indexOf(':');
        return { name: item.slice(0, at), secret: item.slice(at + 1), ok: at > 0 };
      });
      for (const [index, pair] of parsed.entries()) {
        if (!pair.ok || !/^[A-Za-z0-9_.-]+$/.test(pair.name)) {
          ctx.addIssue({
            code: 'custom',
            message: `${what} entry ${index + 1} must be name:secret`,
          });
        } else if (pair.secret.length < MIN_SECRET_LENGTH) {
          ctx.addIssue({
            code: 'custom',
            message: `${what} entry ${index + 1} needs a secret of ${MIN_SECRET_LENGTH}+ characters`,
          });
        }
      }
      const names = new Set(parsed.map((pair) => pair.name));
      if (names.size !== parsed.length) {
        ctx.addIssue({ code: 'custom', message: `${what} names must be distinct` });
      }
      return parsed.map(({ name, secret }) => ({ name, secret }));
    });

const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(8081, 0).pipe(z.number().max(65535)),
  DATABASE_URL: z
    .string()
    .min(1)
    .default('sqlite:.var/health-center.sqlite')
    .refine(isSupportedDatabaseUrl, DATABASE_URL_KINDS),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier')
    .optional(),
  NUMBER_HASH_KEYS: pairList('NUMBER_HASH_KEYS'),
  VERIFY_CLIENTS: pairList('VERIFY_CLIENTS'),
  NUMBER_TTL_SECONDS: int(86_400, 60),
  APP_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:5173'),
  TIME_ZONE: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as Asia/Tokyo')
    .default('Asia/Tokyo'),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.email().default('no-reply@health-center.example'),
  SMS_GATEWAY_URL: z.url({ protocol: /^https?$/ }).optional(),
  SMS_GATEWAY_TOKEN: z.string().min(1).optional(),
  DEV_OUTBOX: bool(false),
  COOKIE_SECURE: bool(true),
  SESSION_IDLE_SECONDS: int(15 * 60, 30),
  SESSION_MAX_SECONDS: int(8 * 3600, 60),
  BCRYPT_ROUNDS: int(12, 4).pipe(z.number().max(15)),
  VERIFY_RATE_PER_CLIENT: int(600),
  VERIFY_RATE_GLOBAL: int(1200),
  VERIFY_FAILURE_RATE: int(100),
  ISSUE_RATE_PER_STAFF: int(30),
  ISSUE_RATE_GLOBAL: int(600),
  SIGN_IN_RATE: int(10),
  PURGE_INTERVAL_SECONDS: int(60, 1),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/**
 * Reads and validates the configuration; throws `ConfigError` listing every bad variable by
 * name (never its value, which may be a secret).
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
): HealthCenterConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      const message = issue.code === 'invalid_type' ? 'is required' : issue.message;
      return `${name}: ${message}`;
    });
    throw new ConfigError(`invalid health-center configuration:\n  ${lines.join('\n  ')}`);
  }

  const e = result.data;
  if (!e.DEV_OUTBOX && (!e.SMTP_URL || !e.SMS_GATEWAY_URL)) {
    throw new ConfigError(
      'invalid health-center configuration:\n  SMTP_URL and SMS_GATEWAY_URL are required ' +
        'unless DEV_OUTBOX=true',
    );
  }

  return {
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    numberHashKeys: e.NUMBER_HASH_KEYS.map(({ name, secret }) => ({ id: name, secret })),
    verificationClients: e.VERIFY_CLIENTS,
    numberTtlSeconds: e.NUMBER_TTL_SECONDS,
    appUrl: e.APP_URL.replace(/\/+$/, ''),
    timeZone: e.TIME_ZONE,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    smsGatewayUrl: e.SMS_GATEWAY_URL,
    smsGatewayToken: e.SMS_GATEWAY_TOKEN,
    devOutbox: e.DEV_OUTBOX,
    cookieSecure: e.COOKIE_SECURE,
    sessionIdleSeconds: e.SESSION_IDLE_SECONDS,
    sessionMaxSeconds: e.SESSION_MAX_SECONDS,
    bcryptRounds: e.BCRYPT_ROUNDS,
    verifyRatePerClient: e.VERIFY_RATE_PER_CLIENT,
    verifyRateGlobal: e.VERIFY_RATE_GLOBAL,
    verifyFailureRate: e.VERIFY_FAILURE_RATE,
    issueRatePerStaff: e.ISSUE_RATE_PER_STAFF,
    issueRateGlobal: e.ISSUE_RATE_GLOBAL,
    signInRate: e.SIGN_IN_RATE,
    purgeIntervalSeconds: e.PURGE_INTERVAL_SECONDS,
    logLevel: e.LOG_LEVEL,
  };
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
