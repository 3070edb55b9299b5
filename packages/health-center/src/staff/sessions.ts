/**
 * Console sessions. The cookie holds 32 random bytes; the database holds only their SHA-256,
 * so a copy of the database signs no one in. Sessions end after an idle period or a maximum
 * age, whichever comes first.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { HealthCenterDatabase } from '../db/schema.ts';

/** A signed-in staff member as the request handlers see it. */
export interface StaffSession {
  staffId: string;
  csrfToken: string;
}

/** How long sessions live, in milliseconds. */
export interface SessionLimits {
  idleMs: number;
  maxMs: number;
}

/** Random URL-safe token of 32 bytes. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Session storage. */
export class SessionStore {
  constructor(
    private readonly db: Kysely<HealthCenterDatabase>,
    private readonly limits: SessionLimits,
  ) {}

  /** Starts a session and returns the cookie value and its CSRF token. */
  async create(staffId: string, now: number): Promise<{ token: string; csrfToken: string }> {
    const token = randomToken();
    const csrfToken = randomToken();
    await this.db
      .insertInto('staff_sessions')
      .values({
        id_hash: hashToken(token),
        staff_id: staffId,
        csrf_token: csrfToken,
        created_at: now,
        last_seen_at: now,
      })
      .execute();
    return { token, csrfToken };
  }

  /** Finds a live session and marks it used now; an idle or too old one is deleted. */
  async touch(token: string, now: number): Promise<StaffSession | null> {
    const idHash = hashToken(token);
    const row = await this.db
      .selectFrom('staff_sessions')
      .selectAll()
      .where('id_hash', '=', idHash)
      .executeTakeFirst();
    if (!row) return null;

    if (now - row.last_seen_at > this.limits.idleMs || now - row.created_at > this.limits.maxMs) {
      await this.db.deleteFrom('staff_sessions').where('id_hash', '=', idHash).execute();
      return null;
    }

    await this.db
      .updateTable('staff_sessions')
      .set({ last_seen_at: now })
      .where('id_hash', '=', idHash)
      .execute();
    return { staffId: row.staff_id, csrfToken: row.csrf_token };
  }

  /** Ends a session (sign-out). */
  async delete(token: string): Promise<void> {
    await this.db.deleteFrom('staff_sessions').where('id_hash', '=', hashToken(token)).execute();
  }

  /** Deletes every idle or too old session. */
  async purge(now: number): Promise<number> {
    const result = await this.db
      .deleteFrom('staff_sessions')
      .where((eb) =>
        eb.or([
          eb('last_seen_at', '<', now - this.limits.idleMs),
          eb('created_at', '<', now - this.limits.maxMs),
        ]),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
