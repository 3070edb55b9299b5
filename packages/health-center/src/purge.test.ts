import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleClient, issueThroughConsole, startTestApp } from './testing/app.ts';
import type { TestApp } from './testing/app.ts';
import { ENGINES, createTestDatabase } from './testing/databases.ts';
import type { TestDatabaseLocation } from './testing/databases.ts';

describe.each(ENGINES)('purge on %s', (engine) => {
  let location: TestDatabaseLocation;
  let test: TestApp;

  beforeAll(async () => {
    location = await createTestDatabase(engine);
    test = await startTestApp(location, { NUMBER_TTL_SECONDS: '3600' });
  });

  afterAll(async () => {
    await test.app.close();
    await location.dispose();
  });

  it('deletes expired numbers and ended sessions, counting them in the metrics', async () => {
    const client = new ConsoleClient(test.app);
    await client.signIn();
    const start = test.clock.now;
    await issueThroughConsole(client);
    await issueThroughConsole(client);
    test.clock.now = start + 10 * 60_000;
    await issueThroughConsole(client);

    test.clock.now = start + 3600_000 + 1000;
    expect(await test.app.purgeExpired()).toBe(2);

    const db = test.app.database.db;
    expect(await db.selectFrom('processing_numbers').select('id').execute()).toHaveLength(1);
    // The session was last used 51 minutes before: past the 15-minute idle limit.
    expect(await db.selectFrom('staff_sessions').select('id_hash').execute()).toHaveLength(0);

    const expired = await test.app.metrics.numbersExpired.get();
    expect(expired.values[0]?.value).toBe(2);
    const live = await test.app.metrics.liveNumbers.get();
    expect(live.values[0]?.value).toBe(1);
  });
});

describe('purge job', () => {
  it('runs on its own timer', async () => {
    const location = await createTestDatabase('sqlite');
    const test = await startTestApp(location, { PURGE_INTERVAL_SECONDS: '1' }, { purgeJob: true });
    try {
      const client = new ConsoleClient(test.app);
      await client.signIn();
      await issueThroughConsole(client);
      test.clock.now += 2 * 86_400_000;

      const deadline = Date.now() + 10_000;
      let remaining = 1;
      while (remaining > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        const rows = await test.app.database.db
          .selectFrom('processing_numbers')
          .select('id')
          .execute();
        remaining = rows.length;
      }
      expect(remaining).toBe(0);
    } finally {
      await test.app.close();
      await location.dispose();
    }
  });
});
