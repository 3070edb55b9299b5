/**
 * Operational endpoints: `/healthz` (the database answers) and `/metrics` (Prometheus).
 */
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { NotificationDb } from '../db/connect.ts';
import type { ServerMetrics } from './metrics.ts';

/** Registers the health and metrics routes. */
export async function opsRoutes(
  app: FastifyInstance,
  options: { db: NotificationDb; metrics: ServerMetrics; isMaintenance: () => boolean },
) {
  app.get(
    '/healthz',
    { schema: { summary: 'Liveness and database check', tags: ['operations'] } },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(options.db.db);
      } catch {
        return reply.code(503).send({ status: 'unavailable' });
      }
      return { status: 'ok', maintenance: options.isMaintenance() };
    },
  );

  app.get(
    '/metrics',
    { schema: { summary: 'Prometheus metrics', tags: ['operations'] } },
    async (_request, reply) => {
      reply.header('content-type', options.metrics.registry.contentType);
      return options.metrics.registry.metrics();
    },
  );
}
