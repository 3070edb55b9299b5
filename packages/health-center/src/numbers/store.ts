/**
 * Storage of processing numbers: issue, consume exactly once, revoke, purge. Every lookup
 * goes through the keyed hash; the digits themselves exist only in memory while issuing.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { NumberHashKey } from '../config.ts';
import type { HealthCenterDatabase, ProcessingNumberRow } from '../db/schema.ts';
import { HealthCenterError } from '../errors.ts';
import { candidateHashes, generateProcessingNumber, hashProcessingNumber } from './hash.ts';

/** What the console records about a confirmed case; no name, phone or address. */
export interface CaseDetails {
  reportType: 1 | 2;
  /** `YYYY-MM-DD`. */
  testDate: string;
  onsetDate?: string;
  channel: 'sms' | 'email';
}

/** A freshly issued number: the digits are returned once and never stored. */
export interface IssuedNumber {
  id: string;
  processingNumber: string;
  expiresAt: number;
}

// With a few thousand live numbers out of 10^8 a collision is rare; ten draws in a row
// colliding means the space is nearly full, which deserves a loud error, not a loop.
const MAX_DRAWS = 10;

/** Database access for processing numbers. */
export class NumberStore {
  constructor(
    private readonly db: Kysely<HealthCenterDatabase>,
    private readonly keys: readonly NumberHashKey[],
    private readonly ttlMs: number,
  ) {}

  /** Draws a number unique among stored numbers and stores its hash with the case details. */
  async issue(details: CaseDetails, now: number): Promise<IssuedNumber> {
    const [currentKey] = this.keys;
    if (!currentKey) throw new Error('no number hash key configured');

    for (let draw = 0; draw < MAX_DRAWS; draw += 1) {
      const processingNumber = generateProcessingNumber();
      if (await this.exists(processingNumber)) continue;

      const id = randomUUID();
      const expiresAt = now + this.ttlMs;
      const inserted = await this.db
        .insertInto('processing_numbers')
        .values({
          id,
          number_hash: hashProcessingNumber(currentKey, processingNumber),
          hash_key_id: currentKey.id,
          report_type: details.reportType,
          test_date: details.testDate,
          onset_date: details.onsetDate ?? null,
          channel: details.channel,
          delivery_status: 'pending',
          created_at: now,
          expires_at: expiresAt,
        })
        .onConflict((conflict) => conflict.column('number_hash').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) {
        return { id, processingNumber, expiresAt };
      }
    }
    throw new HealthCenterError('NUMBER_SPACE_EXHAUSTED', 'could not draw an unused number');
  }

  /**
   * Deletes and returns the row of a live number in one statement, so of two concurrent
   * calls exactly one gets the row; unknown, expired, used and revoked all give null.
   */
  async consume(processingNumber: string, now: number): Promise<ProcessingNumberRow | null> {
    const row = await this.db
      .deleteFrom('processing_numbers')
      .where('number_hash', 'in', candidateHashes(this.keys, processingNumber))
      .where('expires_at', '>', now)
      .returningAll()
      .executeTakeFirst();
    return row ?? null;
  }

  /** Looks up a number by its console handle; null once it is used, revoked or purged. */
  async find(id: string): Promise<ProcessingNumberRow | null> {
    const row = await this.db
      .selectFrom('processing_numbers')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ?? null;
  }

  /** Finds a stored number by its digits (live or expired but not yet purged). */
  async findByNumber(processingNumber: string): Promise<ProcessingNumberRow | null> {
    const row = await this.db
      .selectFrom('processing_numbers')
      .selectAll()
      .where('number_hash', 'in', candidateHashes(this.keys, processingNumber))
      .executeTakeFirst();
    return row ?? null;
  }

  /** Records how delivery went, so the console can say so and offer a revoke. */
  async setDeliveryStatus(id: string, status: 'sent' | 'failed'): Promise<void> {
    await this.db
      .updateTable('processing_numbers')
      .set({ delivery_status: status })
      .where('id', '=', id)
      .execute();
  }

  /** Deletes an unused number; true when there was one to delete. */
  async revoke(id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('processing_numbers')
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  /** Deletes every expired number and returns how many went. */
  async purgeExpired(now: number): Promise<number> {
    const result = await this.db
      .deleteFrom('processing_numbers')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Number of numbers that can still be verified; the brute-force odds depend on it. */
  async countLive(now: number): Promise<number> {
    const row = await this.db
      .selectFrom('processing_numbers')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('expires_at', '>', now)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  private async exists(processingNumber: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('processing_numbers')
      .select('id')
      .where('number_hash', 'in', candidateHashes(this.keys, processingNumber))
      .executeTakeFirst();
    return row !== undefined;
  }
}
