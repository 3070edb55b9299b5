/**
 * Runtime configuration read from `config.json` beside index.html, so one build of the app
 * serves any deployment: the operator edits a file, not the code.
 */

/** A public key the app trusts for export-file signatures. */
export interface ExportVerificationKey {
  /** PEM-encoded ECDSA P-256 public key (SPKI). */
  pem: string;
  /** `verification_key_id` the files carry, e.g. the mobile country code `"440"`. */
  keyId?: string;
  /** `verification_key_version`, e.g. `"v1"`. */
  version?: string;
}

/** Everything a deployment decides about the app. */
export interface AppConfig {
  /** Base path or URL of the notification server API, e.g. `/` when proxied same-origin. */
  notificationServerBase: string;
  /** Region code of the export files, e.g. `"440"`. */
  region: string;
  /** Public keys that may sign export files; an empty list means no file can be trusted. */
  exportVerificationKeys: ExportVerificationKey[];
  /** Name and contact text of the health-center system shown on the registration screen. */
  healthCenter: { name: string; contact: string };
  /** Paths of the notification server's endpoints, relative to `notificationServerBase`. */
  paths: NotificationServerPaths;
  /** BLE calibration this browser advertises with; a browser cannot name its phone model. */
  calibration: { txPowerDbm: number; rssiCorrection: number; calibrationConfidence: number };
}

/** Endpoint paths of the notification server, relative to its base. */
export interface NotificationServerPaths {
  submission: string;
  /** May contain `{region}`. */
  list: string;
  exposureConfiguration: string;
  riskCalculationConfiguration: string;
}

/** The notification server's endpoint layout, used when config.json does not override a path. */
export const DEFAULT_PATHS: NotificationServerPaths = {
  submission: 'api/v3/diagnosis',
  list: 'exports/{region}/list.json',
  exposureConfiguration: 'exposure_configuration/configuration.json',
  riskCalculationConfiguration: 'exposure_configuration/risk_calculation_configuration.json',
};

// The calibration table's median for a model it does not list (confidence LOWEST): a browser
// cannot tell which phone it runs on.
const DEFAULT_CALIBRATION = { txPowerDbm: -26, rssiCorrection: 4, calibrationConfidence: 0 };

/** Stable error code when config.json is missing or malformed. */
export const CONFIG_INVALID = 'CONFIG_INVALID';

/** Error with a stable code raised while reading the runtime configuration. */
export class ConfigError extends Error {
  /** Stable, machine-readable reason. */
  readonly code = CONFIG_INVALID;

  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Checks an untrusted JSON value and returns a typed configuration, or throws ConfigError. */
export function parseAppConfig(value: unknown): AppConfig {
  if (!isRecord(value)) throw new ConfigError('config must be a JSON object');

  const base = value.notificationServerBase;
  if (typeof base !== 'string' || base.length === 0) {
    throw new ConfigError('notificationServerBase must be a non-empty string');
  }
  const region = value.region;
  if (typeof region !== 'string' || !/^[A-Za-z0-9]{1,8}$/.test(region)) {
    throw new ConfigError('region must be 1-8 letters or digits');
  }

  const keys = value.exportVerificationKeys;
  if (!Array.isArray(keys)) throw new ConfigError('exportVerificationKeys must be an array');
  const exportVerificationKeys = keys.map((key, index) => parseKey(key, index));

  const hc = isRecord(value.healthCenter) ? value.healthCenter : {};
  const healthCenter = {
    name: typeof hc.name === 'string' ? hc.name : '',
    contact: typeof hc.contact === 'string' ? hc.contact : '',
  };
  const paths = { ...DEFAULT_PATHS };
  if (isRecord(value.paths)) {
    for (const name of Object.keys(DEFAULT_PATHS) as (keyof NotificationServerPaths)[]) {
      const path = value.paths[name];
      if (typeof path === 'string' && path.length > 0) paths[name] = path;
    }
  }

  const calibration = { ...DEFAULT_CALIBRATION };
  if (isRecord(value.calibration)) {
    for (const name of Object.keys(DEFAULT_CALIBRATION) as (keyof typeof calibration)[]) {
      const n = value.calibration[name];
      if (typeof n === 'number' && Number.isFinite(n)) calibration[name] = n;
    }
  }
  return {
    notificationServerBase: base,
    region,
    exportVerificationKeys,
    healthCenter,
    paths,
    calibration,
  };
}

/** Resolves an endpoint path against the configured base and the page's own address. */
export function endpointUrl(config: AppConfig, path: string, pageUrl: string): string {
  const base = config.notificationServerBase.endsWith('/')
    ? config.notificationServerBase
    : `${config.notificationServerBase}/`;
  const relative = path.replace('{region}', encodeURIComponent(config.region));
  return new URL(relative, new URL(base, pageUrl)).toString();
}

/** Downloads and checks `config.json` relative to the page. */
export async function loadAppConfig(fetchImpl: typeof fetch = fetch): Promise<AppConfig> {
  let response: Response;
  try {
    response = await fetchImpl('./config.json', { cache: 'no-cache' });
  } catch {
    throw new ConfigError('config.json could not be downloaded');
  }
  if (!response.ok) throw new ConfigError(`config.json answered HTTP ${response.status}`);

  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new ConfigError('config.json is not valid JSON');
  }
  return parseAppConfig(json);
}

function parseKey(value: unknown, index: number): ExportVerificationKey {
  if (!isRecord(value) || typeof value.pem !== 'string' || !value.pem.includes('PUBLIC KEY')) {
    throw new ConfigError(`exportVerificationKeys[${index}].pem must be a PEM public key`);
  }
  const key: ExportVerificationKey = { pem: value.pem };
  if (typeof value.keyId === 'string') key.keyId = value.keyId;
  if (typeof value.version === 'string') key.version = value.version;
  return key;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
