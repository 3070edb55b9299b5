/** Health and metrics endpoints for operators and load balancers. */
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { HealthCenterContext } from '../context.ts';

/** Registers `GET /healthz` (database reachable) and `GET /metrics` (Prometheus text). */
export function registerOpsRoutes(app: FastifyInstance, ctx: HealthCenterContext): void {
  app.get('/healthz', async (request, reply) => {
    try {
      await sql`select 1`.execute(ctx.database.db);
      return { status: 'ok' };
    } catch (error) {
      request.log.error({ err: error }, 'health check failed');
      return reply.code(503).send({ status: 'unavailable' });
    }
  });

  app.get('/metrics', async (_request, reply) => {
    const body = await ctx.metrics.registry.metrics();
    return reply.type(ctx.metrics.registry.contentType).send(body);
  });
}
