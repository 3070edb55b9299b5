/**
 * A limit on the phones' requests in flight. Real phones reach the servers spread over
 * minutes; simulated ones all act at the same instant of their clock, and thousands of
 * connections opened in one go overflow the servers' listen queue. The kernel then drops
 * connections that the phone already counts as open, and their requests hang until TCP gives
 * up, many minutes later. Requests beyond the limit wait their turn, first come first served.
 */
export type RequestGate = <T>(task: () => Promise<T>) => Promise<T>;

/** A gate letting at most `max` tasks run at once. */
export function requestGate(max: number): RequestGate {
  if (!Number.isInteger(max) || max < 1) throw new RangeError('max must be a whole number ≥ 1');
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running < max) running += 1;
    // A finishing task hands its place straight to the next in line.
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}
