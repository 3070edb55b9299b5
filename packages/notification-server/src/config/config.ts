/**
 * Configuration of the notification server, read from environment variables and checked
 * with zod so a wrong value stops the server at start-up with a message naming the variable.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isSupportedDatabaseUrl } from '../db/connect.ts';

const DAY_SECONDS = 86_400;

/** One export signing key; several at once let phones move to a new key without a gap. */
export const signingKeySchema = z.object({
  /** PEM of the ECDSA P-256 private key (PKCS#8), or read from `privateKeyPath`. */
  privateKeyPem: z.string().min(1),
  /** `verification_key_id`; Apple expects the mobile country code, e.g. `440`. */
  keyId: z.string().min(1),
  /** `verification_key_version`, e.g. `v1`. */
  keyVersion: z.string().min(1),
});
export type SigningKeyConfig = z.infer<typeof signingKeySchema>;

/** Everything the server needs to run, with the defaults of a single-machine deployment. */
export const configSchema = z.object({
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(8080),
  /** `postgres://…` for PostgreSQL; anything else is a SQLite file path (`:memory:` works). */
  databaseUrl: z
    .string()
    .default('.var/notification-server.sqlite')
    .refine(
      isSupportedDatabaseUrl,
      'must be a postgres:// URL or the path of an SQLite file (sqlite:, file: or a plain path)',
    ),
  /** PostgreSQL schema to use (tests isolate themselves in one); default `public`. */
  databaseSchema: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .optional(),
  verification: z.object({
    /** Base URL of the health-center system, e.g. `http://127.0.0.1:8081`. */
    url: z.string().url(),
    /** Shared secret sent in `x-verification-secret`. */
    secret: z.string().min(1),
    timeoutMs: z.number().int().positive().default(5000),
  }),
  regions: z
    .array(z.string().regex(/^[0-9A-Za-z-]{1,16}$/))
    .min(1)
    .default(['440']),
  export: z.object({
    /** Seconds between export runs; must divide one day so windows align to midnight. */
    periodSeconds: z
      .number()
      .int()
      .positive()
      .refine((p) => DAY_SECONDS % p === 0, 'must divide 86400')
      .default(3600),
    maxKeysPerFile: z.number().int().min(1).default(30_000),
    /** Windows with fewer real keys are padded with stored random keys up to this count. */
    minKeysPerFile: z.number().int().min(0).default(200),
    signingKeys: z.array(signingKeySchema).min(1),
    /** Directory the default blob store writes to and serves from. */
    blobDirectory: z.string().default('.var/exports'),
    /** Public URL prefix of the blob root, used in `list.json`. */
    publicBaseUrl: z.string().default('http://127.0.0.1:8080/exports'),
    /** Run the export job on a timer inside the server. */
    schedule: z.boolean().default(true),
  }),
  retention: z.object({
    /** Seconds between retention runs. */
    periodSeconds: z.number().int().positive().default(3600),
    schedule: z.boolean().default(true),
  }),
  /** Paths of the two COCOA configuration documents; defaults are bundled. */
  exposureConfigurationPath: z.string().optional(),
  riskCalculationConfigurationPath: z.string().optional(),
  rateLimit: z.object({
    /** Submissions per client per window. */
    max: z.number().int().positive().default(10),
    windowMs: z.number().int().positive().default(60_000),
  }),
  /** Start in maintenance: submissions answer 503 until switched off. */
  maintenance: z.boolean().default(false),
  /** Size every submission response body is padded to, in bytes. */
  responsePaddingBytes: z.number().int().min(256).default(1024),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Server configuration after defaults were applied. */
export type NotificationServerConfig = z.infer<typeof configSchema>;
/** Configuration as a caller may write it, defaults left out. */
export type NotificationServerConfigInput = z.input<typeof configSchema>;

/** Applies defaults and checks a configuration object; throws a readable error when wrong. */
export function parseConfig(input: NotificationServerConfigInput): NotificationServerConfig {
  const result = configSchema.safeParse(input);
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid notification server configuration: ${detail.join('; ')}`);
  }
  return result.data;
}

/**
 * Reads the configuration from environment variables (documented in
 * `docs/notification-server.md`). Signing keys come from `EXPORT_SIGNING_KEYS`, a
 * comma-separated list of `keyId:keyVersion:/path/to/private.pem`.
 */
export function loadConfigFromEnv(env: NodeJS.ProcessEnv = process.env): NotificationServerConfig {
  const num = (name: string) => (env[name] === undefined ? undefined : Number(env[name]));
  const bool = (name: string) => (env[name] === undefined ? undefined : env[name] === 'true');

  return parseConfig({
    host: env.HOST,
    port: num('PORT'),
    databaseUrl: env.DATABASE_URL,
    databaseSchema: env.DATABASE_SCHEMA,
    verification: {
      url: env.VERIFICATION_URL ?? '',
      secret: env.VERIFICATION_SECRET ?? '',
      timeoutMs: num('VERIFICATION_TIMEOUT_MS'),
    },
    regions: env.REGIONS?.split(',').map((r) => r.trim()),
    export: {
      periodSeconds: num('EXPORT_PERIOD_SECONDS'),
      maxKeysPerFile: num('EXPORT_MAX_KEYS_PER_FILE'),
      minKeysPerFile: num('EXPORT_MIN_KEYS_PER_FILE'),
      signingKeys: parseSigningKeys(env.EXPORT_SIGNING_KEYS ?? ''),
      blobDirectory: env.EXPORT_BLOB_DIR,
      publicBaseUrl: env.EXPORT_PUBLIC_BASE_URL,
      schedule: bool('EXPORT_SCHEDULE'),
    },
    retention: {
      periodSeconds: num('RETENTION_PERIOD_SECONDS'),
      schedule: bool('RETENTION_SCHEDULE'),
    },
    exposureConfigurationPath: env.EXPOSURE_CONFIGURATION_PATH,
    riskCalculationConfigurationPath: env.RISK_CALCULATION_CONFIGURATION_PATH,
    rateLimit: { max: num('RATE_LIMIT_MAX'), windowMs: num('RATE_LIMIT_WINDOW_MS') },
    maintenance: bool('MAINTENANCE'),
    logLevel: env.LOG_LEVEL as NotificationServerConfigInput['logLevel'],
  });
}

function parseSigningKeys(spec: string): SigningKeyConfig[] {
  return spec
    .split(',')
    .filter((s) => s.trim() !== '')
    .map((entry) => {
      const [keyId, keyVersion, ...rest] = entry.trim().split(':');
      const path = rest.join(':');
      if (!keyId || !keyVersion || !path) {
        throw new Error('EXPORT_SIGNING_KEYS entries must read keyId:keyVersion:/path/to/key.pem');
      }
      return { keyId, keyVersion, privateKeyPem: readFileSync(path, 'utf8') };
    });
}
