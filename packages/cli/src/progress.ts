import cliProgress from 'cli-progress';
import type { CliContext } from './context.ts';

/** A progress bar for one long step; drawing happens only on a terminal. */
export interface Progress {
  /**
   * Sets how far the step is; `total` may change as work is discovered, and `label` when the
   * step moves to another stage.
   */
  update(done: number, total?: number, label?: string): void;
  /** Removes the bar; call once, also when the step failed. */
  stop(): void;
}

/**
 * Starts a bar on standard error, so results on standard output stay clean for pipes. When
 * standard error is not a terminal (CI logs, tests) nothing is drawn.
 */
export function startProgress(context: CliContext, label: string, total: number): Progress {
  const bar = new cliProgress.SingleBar(
    {
      stream: context.stderr,
      format: `{label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  const labelled = (text: string) => ({ label: text.padEnd(12) });
  bar.start(Math.max(total, 1), 0, labelled(label));

  let stopped = false;
  return {
    update(done, newTotal, newLabel) {
      if (newTotal !== undefined) bar.setTotal(Math.max(newTotal, 1));
      bar.update(done, newLabel === undefined ? {} : labelled(newLabel));
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}
