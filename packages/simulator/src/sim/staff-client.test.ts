import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServers, type SimulatedServers } from './servers.ts';
import { signInStaff } from './staff-client.ts';

describe('the simulated nurse', () => {
  let nowMs = Date.UTC(2026, 5, 1);
  const texts: string[] = [];
  let servers: SimulatedServers;

  beforeAll(async () => {
    servers = await startServers({
      now: () => nowMs,
      onSms: (to, text) => texts.push(`${to} ${text}`),
      exportPeriodSeconds: 12 * 3600,
    });
  });
  afterAll(() => servers.close());

  it('signs in again after each expired session, many times within a real minute', async () => {
    const staff = await signInStaff(servers.healthCenterUrl, servers.staff);
    const cases = 40;
    for (let i = 0; i < cases; i++) {
      // An hour of simulated time between cases: longer than the console's idle timeout,
      // so every case needs a new sign-in, far more than a person's sign-in limit per minute.
      nowMs += 3_600_000;
      await staff.issueNumber({
        phoneNumber: `090${String(i).padStart(8, '0')}`,
        testDate: '2026-06-01',
      });
    }
    expect(texts).toHaveLength(cases);
    expect(texts[cases - 1]).toMatch(/^\+819000000039 /);
    expect(texts.every((t) => /\b\d{8}\b/.test(t))).toBe(true);
    // The first sign-in (3 requests); then per case a refused post, a new sign-in, the post.
    expect(staff.requests()).toBe(3 + cases * 5);
  });
});
