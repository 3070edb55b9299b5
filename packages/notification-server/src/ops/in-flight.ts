/**
 * Counts requests between arrival and response so shutdown can wait for them to finish,
 * and closes their connections once answered.
 */
import type { FastifyInstance } from 'fastify';

/** Hooks a counter into `app`; `drained()` resolves once no request is in progress. */
export function trackInFlight(app: FastifyInstance): { drained(): Promise<void> } {
  let active = 0;
  let waiters: (() => void)[] = [];
  const settle = () => {
    if (active > 0) return;
    for (const resolve of waiters) resolve();
    waiters = [];
  };

  // While shutting down, answers ask the client to drop its keep-alive connection, or the
  // listening socket would wait for idle connections to time out.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  // The raw response's `close` fires once, whether the answer was sent or the client left.
  app.addHook('onRequest', async (_request, reply) => {
    active += 1;
    reply.raw.once('close', () => {
      active -= 1;
      settle();
    });
  });

  return {
    drained: () =>
      active === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)),
  };
}
