/**
 * Storage of accepted submissions: keys and the hashed idempotency key go in together, in
 * one transaction, so a retry or a crash never stores a key twice or half a submission.
 */
import type { AcceptedKey } from '@cocoa/protocol';
import type { NotificationDb } from './connect.ts';

/** What one accepted submission stores. */
export interface StoredSubmission {
  idempotencyHash: string;
  /** Arrival time already truncated to the hour. */
  createdHourMs: number;
  regions: string[];
  keys: AcceptedKey[];
}

/** True when a submission with this idempotency hash was already stored. */
export async function hasSubmission(handle: NotificationDb, idempotencyHash: string) {
  const row = await handle.db
    .selectFrom('submissions')
    .select('idempotency_hash')
    .where('idempotency_hash', '=', idempotencyHash)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Stores a submission; returns the number of key rows inserted, or null when the idempotency
 * key was stored meanwhile (a concurrent retry), in which case nothing is written.
 */
export async function storeSubmission(
  handle: NotificationDb,
  submission: StoredSubmission,
): Promise<number | null> {
  return handle.db.transaction().execute(async (trx) => {
    const marker = await trx
      .insertInto('submissions')
      .values({
        idempotency_hash: submission.idempotencyHash,
        created_hour_ms: submission.createdHourMs,
      })
      .onConflict((oc) => oc.column('idempotency_hash').doNothing())
      .executeTakeFirst();
    if (Number(marker.numInsertedOrUpdatedRows ?? 0) === 0) return null;

    const rows = submission.regions.flatMap((region) =>
      submission.keys.map((k) => ({
        region,
        key_data: k.keyData,
        rolling_start_interval_number: k.rollingStartIntervalNumber,
        rolling_period: k.rollingPeriod,
        transmission_risk_level: k.transmissionRiskLevel,
        report_type: k.reportType,
        days_since_onset: k.daysSinceOnsetOfSymptoms,
        created_hour_ms: submission.createdHourMs,
        embargo_until_ms: k.embargoUntilMs,
        is_fake: 0,
        export_file_id: null,
      })),
    );
    if (rows.length === 0) return 0;

    // A key already uploaded by another submission is kept once: phones de-duplicate
    // nothing, and the same key twice in a file would count a contact twice.
    const result = await trx
      .insertInto('exposure_keys')
      .values(rows)
      .onConflict((oc) => oc.columns(['region', 'key_data']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0);
  });
}
