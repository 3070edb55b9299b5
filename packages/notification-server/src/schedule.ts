/**
 * Runs the export and retention jobs on timers inside the server. A failed run is logged and
 * retried at the next tick; stopping waits for a run in progress to finish.
 */
import type { Logger } from 'pino';
import type { NotificationServerConfig } from './config/config.ts';

/** Starts the enabled schedules; `stop` clears them and waits for running jobs. */
export function startSchedules(
  config: NotificationServerConfig,
  jobs: { runExport: () => Promise<unknown>; runRetention: () => Promise<unknown>; logger: Logger },
): { stop(): Promise<void> } {
  const running = new Set<Promise<unknown>>();
  const timers: NodeJS.Timeout[] = [];

  const every = (seconds: number, name: string, job: () => Promise<unknown>) => {
    const timer = setInterval(() => {
      const run = job()
        .catch((err: unknown) => jobs.logger.error({ err, job: name }, 'scheduled job failed'))
        .finally(() => running.delete(run));
      running.add(run);
    }, seconds * 1000);
    timer.unref();
    timers.push(timer);
  };

  if (config.export.schedule) every(config.export.periodSeconds, 'export', jobs.runExport);
  if (config.retention.schedule)
    every(config.retention.periodSeconds, 'retention', jobs.runRetention);

  return {
    async stop() {
      for (const t of timers) clearInterval(t);
      await Promise.allSettled([...running]);
    },
  };
}
