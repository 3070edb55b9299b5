/**
 * Contact days as sealed records, one per UTC day. A check that recomputes a day replaces its
 * record keeping the higher values (never a duplicate day), and the 14-day cut-off is applied
 * the same way to listing and to notifying, because a notification whose day the list did not
 * show confused many people.
 */
import { DAY_MS, utcDayStartMs } from '@cocoa/protocol';
import { RETENTION_DAYS } from './constants.ts';
import { padNumber, type SecureRecords } from './records.ts';
import type { ContactDay } from './types.ts';
import { utcDateString } from './local-dates.ts';

const PREFIX = 'contact-day/';

function isContactDay(v: unknown): v is ContactDay {
  const o = v as ContactDay;
  return (
    typeof o === 'object' &&
    o !== null &&
    Number.isInteger(o.dateMs) &&
    typeof o.count === 'number' &&
    typeof o.scoreSum === 'number' &&
    typeof o.totalSeconds === 'number' &&
    typeof o.firstSeenMs === 'number'
  );
}

/** Whether a UTC day is within the past 14 days (today included) at `nowMs`. */
export function withinRetention(dateMs: number, nowMs: number): boolean {
  return dateMs > utcDayStartMs(nowMs) - RETENTION_DAYS * DAY_MS;
}

/** A contact day computed by one check, before it is merged with what was stored. */
export interface ContactDayCandidate {
  dateMs: number;
  count: number;
  scoreSum: number;
  totalSeconds: number;
}

/** The per-day record store. */
export interface ContactDayStore {
  /** Merges candidates; returns the days that were not stored before (the ones to notify). */
  merge(candidates: readonly ContactDayCandidate[], nowMs: number): Promise<ContactDay[]>;
  /** Stored days within the cut-off, newest first. */
  list(nowMs: number): Promise<ContactDay[]>;
  /** Deletes days beyond the cut-off. */
  prune(nowMs: number): Promise<void>;
}

/** Builds the store over sealed records. */
export function contactDayStore(records: SecureRecords): ContactDayStore {
  const nameOf = (dateMs: number): string => PREFIX + padNumber(dateMs);

  return {
    async merge(candidates, nowMs) {
      const added: ContactDay[] = [];
      for (const c of candidates) {
        if (!withinRetention(c.dateMs, nowMs)) continue;
        const old = await records.read(nameOf(c.dateMs), isContactDay);
        const day: ContactDay = {
          dateMs: c.dateMs,
          utcDate: utcDateString(c.dateMs),
          count: Math.max(c.count, old?.count ?? 0),
          scoreSum: Math.max(c.scoreSum, old?.scoreSum ?? 0),
          totalSeconds: Math.max(c.totalSeconds, old?.totalSeconds ?? 0),
          firstSeenMs: old?.firstSeenMs ?? nowMs,
        };
        await records.write(nameOf(c.dateMs), day);
        if (!old) added.push(day);
      }
      return added.sort((a, b) => b.dateMs - a.dateMs);
    },

    async list(nowMs) {
      const days: ContactDay[] = [];
      for (const name of await records.list(PREFIX)) {
        const day = await records.read(name, isContactDay);
        if (day && withinRetention(day.dateMs, nowMs)) days.push(day);
      }
      return days.sort((a, b) => b.dateMs - a.dateMs);
    },

    async prune(nowMs) {
      const stale = (await records.list(PREFIX)).filter(
        (n) => !withinRetention(Number(n.slice(PREFIX.length)), nowMs),
      );
      await records.remove(stale);
    },
  };
}
