/**
 * Health-center throughput: verification answers per second (consuming a live number, and
 * refusing an unknown one) against a trivial database round trip on the same app, SQLite.
 */
import { VERIFICATION_PATH, VERIFICATION_SECRET_HEADER } from '@cocoa/protocol';
import type { HealthCenterApp } from '../packages/health-center/src/app.ts';
import {
  ConsoleClient,
  TEST_CLIENT_SECRET,
  issueThroughConsole,
  startTestApp,
} from '../packages/health-center/src/testing/app.ts';
import { createTestDatabase } from '../packages/health-center/src/testing/databases.ts';
import type { BenchRow, BenchSuite } from './types.ts';

const NUMBERS = 400;
const CONCURRENCY = 8;

async function perSecond(count: number, task: (index: number) => Promise<unknown>) {
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return count / ((performance.now() - start) / 1000);
}

function verify(app: HealthCenterApp, processingNumber: string) {
  return app.server.inject({
    method: 'POST',
    url: VERIFICATION_PATH,
    headers: { [VERIFICATION_SECRET_HEADER]: TEST_CLIENT_SECRET },
    payload: { processingNumber },
  });
}

/** Verification throughput on SQLite relative to `GET /healthz` (one `select 1`). */
export const run: BenchSuite = async () => {
  const location = await createTestDatabase('sqlite');
  const { app } = await startTestApp(location, {
    ISSUE_RATE_PER_STAFF: '100000',
    ISSUE_RATE_GLOBAL: '100000',
    VERIFY_RATE_PER_CLIENT: '100000',
    VERIFY_RATE_GLOBAL: '100000',
    VERIFY_FAILURE_RATE: '100000',
  });
  try {
    const client = new ConsoleClient(app);
    await client.signIn();
    const numbers: string[] = [];
    for (let index = 0; index < NUMBERS; index += 1) {
      numbers.push((await issueThroughConsole(client)).processingNumber);
    }

    const baseline = await perSecond(NUMBERS, () =>
      app.server.inject({ method: 'GET', url: '/healthz' }),
    );
    const valid = await perSecond(NUMBERS, (index) => verify(app, numbers[index] ?? ''));
    const invalid = await perSecond(NUMBERS, (index) =>
      verify(app, String(index).padStart(8, '9')),
    );

    const row = (name: string, value: number): BenchRow => ({
      group: 'health-center',
      case: name,
      value: `${Math.round(value)} req/s`,
      baseline: `${Math.round(baseline)} req/s (GET /healthz)`,
      ratio: value / baseline,
      note: `SQLite, in-process inject, ${CONCURRENCY} concurrent`,
    });
    return [
      row(`verify ${NUMBERS} live numbers (consumed)`, valid),
      row(`verify ${NUMBERS} unknown numbers`, invalid),
    ];
  } finally {
    await app.close();
    await location.dispose();
  }
};
