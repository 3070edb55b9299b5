/**
 * Public surface of the app package for other code: the runtime configuration format that a
 * deployment writes to `config.json`. The web app itself starts from `src/main.tsx`.
 */
export {
  parseAppConfig,
  loadAppConfig,
  endpointUrl,
  ConfigError,
  CONFIG_INVALID,
  DEFAULT_PATHS,
  type AppConfig,
  type ExportVerificationKey,
  type NotificationServerPaths,
} from './config.ts';
