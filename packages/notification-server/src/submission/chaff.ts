/**
 * Decoy (chaff) requests: phones send them at random times so a real submission does not
 * stand out. The answer must match a real one in status, size and timing; the delay is drawn
 * from the durations of recent real submissions.
 */

const SAMPLES = 64;
const DEFAULT_DELAY_MS = 150;

/** Remembers how long recent real submissions took and draws decoy delays from them. */
export class ChaffTiming {
  private readonly durations: number[] = [];
  private next = 0;

  /** Records the duration of one real submission. */
  record(ms: number): void {
    this.durations[this.next] = ms;
    this.next = (this.next + 1) % SAMPLES;
  }

  /** A delay for a decoy: a recent real duration with ±10% jitter. */
  delayMs(): number {
    const pick =
      this.durations.length === 0
        ? DEFAULT_DELAY_MS
        : (this.durations[Math.floor(Math.random() * this.durations.length)] ?? DEFAULT_DELAY_MS);
    return Math.max(0, pick * (0.9 + Math.random() * 0.2));
  }
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
