import { DAY_MS } from '@cocoa/protocol';
import { describe, expect, it } from 'vitest';
import { contactDayStore, withinRetention } from './contact-days.ts';
import { localDateRange } from './local-dates.ts';
import { secureRecords } from './records.ts';
import { memoryKeyVault, memoryStorage } from './storage/memory.ts';

const NOW = Date.UTC(2026, 11, 15, 12, 0, 0);
const day = (daysAgo: number): number => Date.UTC(2026, 11, 15) - daysAgo * DAY_MS;

describe('contact day store', () => {
  it('keeps one record per day with the higher values, and reports only new days', async () => {
    const store = contactDayStore(secureRecords(memoryStorage(), memoryKeyVault()));
    const first = await store.merge(
      [{ dateMs: day(2), count: 1, scoreSum: 2000, totalSeconds: 1000 }],
      NOW,
    );
    expect(first.map((d) => d.utcDate)).toEqual(['2026-12-13']);

    const again = await store.merge(
      [
        { dateMs: day(2), count: 2, scoreSum: 1500, totalSeconds: 1300 },
        { dateMs: day(1), count: 1, scoreSum: 1400, totalSeconds: 900 },
      ],
      NOW + 60_000,
    );
    expect(again.map((d) => d.utcDate)).toEqual(['2026-12-14']);

    const listed = await store.list(NOW);
    expect(listed.map((d) => [d.utcDate, d.count, d.scoreSum, d.totalSeconds])).toEqual([
      ['2026-12-14', 1, 1400, 900],
      ['2026-12-13', 2, 2000, 1300],
    ]);
    expect(listed[1]!.firstSeenMs).toBe(NOW);
  });

  it('applies the same 14-day cut-off to notifying and to listing', async () => {
    const store = contactDayStore(secureRecords(memoryStorage(), memoryKeyVault()));
    const added = await store.merge(
      [
        { dateMs: day(14), count: 1, scoreSum: 5000, totalSeconds: 1800 },
        { dateMs: day(13), count: 1, scoreSum: 5000, totalSeconds: 1800 },
      ],
      NOW,
    );
    expect(added.map((d) => d.dateMs)).toEqual([day(13)]);
    expect((await store.list(NOW)).map((d) => d.dateMs)).toEqual([day(13)]);
    expect(await store.list(NOW + DAY_MS)).toEqual([]);
    expect(withinRetention(day(13), NOW)).toBe(true);
    expect(withinRetention(day(14), NOW)).toBe(false);
  });
});

describe('localDateRange', () => {
  it.each([
    ['Asia/Tokyo', '2026-12-13', '2026-12-14'],
    ['UTC', '2026-12-13', '2026-12-13'],
    ['America/New_York', '2026-12-12', '2026-12-13'],
  ])('shows a UTC day in %s as %s .. %s', (zone, first, last) => {
    expect(localDateRange(day(2), zone)).toEqual({ first, last });
  });
});
