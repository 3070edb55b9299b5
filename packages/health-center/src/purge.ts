/**
 * Periodic clean-up: expired numbers and ended sessions are deleted, and the live-number
 * gauge the brute-force arithmetic depends on is refreshed.
 */
import type { HealthCenterContext } from './context.ts';

/** Runs one purge and returns how many expired numbers it deleted. */
export async function purgeOnce(ctx: HealthCenterContext): Promise<number> {
  const now = ctx.clock();
  const expired = await ctx.numbers.purgeExpired(now);
  await ctx.sessions.purge(now);

  ctx.metrics.numbersExpired.inc(expired);
  ctx.metrics.liveNumbers.set(await ctx.numbers.countLive(now));
  return expired;
}

/** Starts purging every `intervalMs`; returns a function that stops it. */
export function startPurgeJob(
  ctx: HealthCenterContext,
  intervalMs: number,
  onError: (error: unknown) => void,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    // Skip a tick rather than overlap when a purge takes longer than the interval.
    if (running) return;
    running = true;
    purgeOnce(ctx)
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
