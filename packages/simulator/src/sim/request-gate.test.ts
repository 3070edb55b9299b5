import { describe, expect, it } from 'vitest';
import { requestGate } from './request-gate.ts';

/** A task that finishes when told to, recording when it ran. */
function task(log: string[], name: string) {
  let finish = (): void => undefined;
  const run = () => {
    log.push(`start ${name}`);
    return new Promise<string>((resolve) => {
      finish = () => {
        log.push(`end ${name}`);
        resolve(name);
      };
    });
  };
  return { run, finish: () => finish() };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('requestGate', () => {
  it('runs at most the limit at once and the rest in the order they came', async () => {
    const gate = requestGate(2);
    const log: string[] = [];
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => task(log, n));
    const results = [a, b, c, d].map((t) => gate(t!.run));
    await settle();
    expect(log).toEqual(['start a', 'start b']);

    b!.finish();
    await settle();
    expect(log).toEqual(['start a', 'start b', 'end b', 'start c']);

    a!.finish();
    c!.finish();
    await settle();
    d!.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect(log.slice(4)).toEqual(['end a', 'end c', 'start d', 'end d']);
  });

  it('frees the place of a task that failed', async () => {
    const gate = requestGate(1);
    await expect(gate(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(await gate(() => Promise.resolve('next'))).toBe('next');
  });

  it('refuses a limit below one', () => {
    expect(() => requestGate(0)).toThrow(RangeError);
  });
});
