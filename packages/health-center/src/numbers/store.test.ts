import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthCenterDb } from '../db/connect.ts';
import { ENGINES, createTestDatabase, openTestDatabase } from '../testing/databases.ts';
import type { TestDatabaseLocation } from '../testing/databases.ts';
import { NumberStore } from './store.ts';

const OLD_KEY = { id: 'k1', secret: 'a'.repeat(32) };
const NEW_KEY = { id: 'k2', secret: 'b'.repeat(32) };
const TTL = 24 * 3600 * 1000;
const NOW = Date.UTC(2026, 11, 1, 9, 0, 0);
const CASE = { reportType: 1, testDate: '2026-11-30', channel: 'sms' } as const;

describe.each(ENGINES)('NumberStore on %s', (engine) => {
  let location: TestDatabaseLocation;
  let handle: HealthCenterDb;
  let store: NumberStore;

  beforeAll(async () => {
    location = await createTestDatabase(engine);
    handle = await openTestDatabase(location);
    store = new NumberStore(handle.db, [NEW_KEY, OLD_KEY], TTL);
  });

  afterAll(async () => {
    await handle.close();
    await location.dispose();
  });

  it('accepts a number one second before expiry', async () => {
    const issued = await store.issue(CASE, NOW);
    expect(issued.processingNumber).toMatch(/^[0-9]{8}$/);
    expect(issued.expiresAt).toBe(NOW + TTL);

    const row = await store.consume(issued.processingNumber, issued.expiresAt - 1000);
    expect(row).toMatchObject({ report_type: 1, test_date: '2026-11-30', onset_date: null });
  });

  it('refuses a number one second after expiry', async () => {
    const issued = await store.issue(CASE, NOW);
    expect(await store.consume(issued.processingNumber, issued.expiresAt + 1000)).toBeNull();
  });

  it('consumes a number once only', async () => {
    const issued = await store.issue({ ...CASE, onsetDate: '2026-11-28' }, NOW);
    const first = await store.consume(issued.processingNumber, NOW + 1000);
    expect(first?.onset_date).toBe('2026-11-28');
    expect(await store.consume(issued.processingNumber, NOW + 2000)).toBeNull();
    expect(await store.find(issued.id)).toBeNull();
  });

  it('never accepts a revoked number', async () => {
    const issued = await store.issue(CASE, NOW);
    expect(await store.revoke(issued.id)).toBe(true);
    expect(await store.consume(issued.processingNumber, NOW + 1000)).toBeNull();
    expect(await store.revoke(issued.id)).toBe(false);
  });

  it('still verifies numbers hashed under a retired key after rotation', async () => {
    const before = new NumberStore(handle.db, [OLD_KEY], TTL);
    const issued = await before.issue(CASE, NOW);
    const row = await store.consume(issued.processingNumber, NOW + 1000);
    expect(row?.hash_key_id).toBe('k1');
  });

  it('stores neither the digits nor anything but the case details', async () => {
    const issued = await store.issue(CASE, NOW);
    const rows = await handle.db.selectFrom('processing_numbers').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(issued.processingNumber);
    await store.revoke(issued.id);
  });

  it('lets exactly one of many concurrent verifications succeed across two connections', async () => {
    const second = await openTestDatabase(location);
    try {
      const other = new NumberStore(second.db, [NEW_KEY, OLD_KEY], TTL);
      for (let round = 0; round < 5; round += 1) {
        const issued = await store.issue(CASE, NOW);
        const attempts = Array.from({ length: 8 }, (_, index) =>
          (index % 2 === 0 ? store : other).consume(issued.processingNumber, NOW + 1000),
        );
        const results = await Promise.all(attempts);
        expect(results.filter((row) => row !== null)).toHaveLength(1);
      }
    } finally {
      await second.close();
    }
  });

  it('purges expired numbers and keeps live ones', async () => {
    await handle.db.deleteFrom('processing_numbers').execute();
    const live = await store.issue(CASE, NOW);
    await store.issue(CASE, NOW - TTL);
    await store.issue(CASE, NOW - TTL - 5000);

    expect(await store.countLive(NOW)).toBe(1);
    expect(await store.purgeExpired(NOW)).toBe(2);
    expect(await store.find(live.id)).not.toBeNull();
  });
});
