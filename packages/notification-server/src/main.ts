/**
 * Entry point: reads the configuration from the environment, builds the server, listens, and
 * shuts down gracefully on SIGTERM/SIGINT (in-flight requests and jobs finish first).
 */
import { buildNotificationServerApp } from './app.ts';
import { loadConfigFromEnv } from './config/config.ts';

const server = await buildNotificationServerApp({ config: loadConfigFromEnv() });
await server.app.listen({ host: server.config.host, port: server.config.port });

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.app.log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
