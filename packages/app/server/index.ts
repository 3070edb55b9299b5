/** Node side of the app: build it with Vite and serve it next to the notification server. */
export {
  createAppServer,
  withoutIdentifyingHeaders,
  AppServerError,
  APP_NOT_BUILT,
  DEFAULT_DIST_DIR,
  NOTIFICATION_SERVER_PREFIXES,
  type AppServerOptions,
} from './serve-app.ts';
export { buildApp, APP_ROOT, type BuildAppOptions } from './build-app.ts';
export { parseAppConfig, type AppConfig, type ExportVerificationKey } from '../src/config.ts';
