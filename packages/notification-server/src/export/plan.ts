/**
 * Planning step of an export run: pads a thin window with stored fake keys, then assigns
 * eligible keys to files in key order, one transaction per file. A key is assigned once and
 * for all; whatever happens later, it is published in that file and no other.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { NotificationDb } from '../db/connect.ts';
import type { NotificationDatabase } from '../db/schema.ts';

/** Settings of the planning step. */
export interface PlanOptions {
  region: string;
  nowMs: number;
  periodSeconds: number;
  maxKeysPerFile: number;
  minKeysPerFile: number;
  /** Called after each committed step; tests pause or crash here. */
  onStep: (step: string) => Promise<void>;
}

const UPDATE_CHUNK = 500;
const HOUR_MS = 3_600_000;

type Db = Kysely<NotificationDatabase> | Transaction<NotificationDatabase>;

function eligible(db: Db, region: string, nowMs: number) {
  // Embargo (validity end + 2 h) is what keeps every published key, real or fake, from
  // still being valid at publication time.
  return db
    .selectFrom('exposure_keys')
    .where('region', '=', region)
    .where('export_file_id', 'is', null)
    .where('embargo_until_ms', '<=', nowMs);
}

/** Plans the files of one region; returns how many files were planned. */
export async function planRegion(handle: NotificationDb, options: PlanOptions): Promise<number> {
  const { db } = handle;
  const { region, nowMs } = options;

  const real = await eligible(db, region, nowMs)
    .where('is_fake', '=', 0)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  // A window without real keys publishes nothing: a file of fakes only would be pure noise.
  if (Number(real.n) === 0) return 0;

  await padWindow(db, options);
  await options.onStep('padded');

  const window = await windowOf(db, options);
  let planned = 0;
  for (;;) {
    const fileId = await db
      .transaction()
      .execute((trx) => planOneFile(trx, options, window, planned));
    if (fileId === null) break;
    planned += 1;
    await options.onStep('planned-file');
  }
  return planned;
}

async function padWindow(db: Db, options: PlanOptions): Promise<void> {
  const total = await eligible(db, options.region, options.nowMs)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const missing = options.minKeysPerFile - Number(total.n);
  if (missing <= 0) return;

  // Fakes copy every field but the key bytes from real keys of the window, so nothing tells
  // them apart; they are stored so a regenerated file is byte-for-byte the same set of keys.
  const models = await eligible(db, options.region, options.nowMs)
    .where('is_fake', '=', 0)
    .selectAll()
    .limit(100)
    .execute();
  const fakes = Array.from({ length: missing }, (_, i) => {
    const model = models[i % models.length];
    if (!model) throw new Error('padding needs at least one real key');
    return {
      ...model,
      key_data: new Uint8Array(randomBytes(16)),
      created_hour_ms: Math.floor(options.nowMs / HOUR_MS) * HOUR_MS,
      is_fake: 1,
      export_file_id: null,
    };
  });
  for (let i = 0; i < fakes.length; i += UPDATE_CHUNK) {
    await db
      .insertInto('exposure_keys')
      .values(fakes.slice(i, i + UPDATE_CHUNK))
      .onConflict((oc) => oc.columns(['region', 'key_data']).doNothing())
      .execute();
  }
}

interface Window {
  startS: number;
  endS: number;
  existing: number;
}

async function windowOf(db: Db, options: PlanOptions): Promise<Window> {
  const period = options.periodSeconds;
  const endS = Math.floor(options.nowMs / 1000 / period) * period;
  const last = await db
    .selectFrom('export_files')
    .select(['window_start_s', 'window_end_s'])
    .where('region', '=', options.region)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();

  const sameWindow = last !== undefined && Number(last.window_end_s) === endS;
  const startS = sameWindow
    ? Number(last.window_start_s)
    : Number(last?.window_end_s ?? endS - period);
  const existing = await db
    .selectFrom('export_files')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('region', '=', options.region)
    .where('window_end_s', '=', endS)
    .executeTakeFirstOrThrow();
  return { startS: Math.min(startS, endS), endS, existing: Number(existing.n) };
}

async function planOneFile(
  trx: Transaction<NotificationDatabase>,
  options: PlanOptions,
  window: Window,
  plannedBefore: number,
): Promise<number | null> {
  const keys = await eligible(trx, options.region, options.nowMs)
    .select('key_data')
    .orderBy('key_data')
    .limit(options.maxKeysPerFile)
    .execute();
  if (keys.length === 0) return null;

  // Files of one window get end timestamps +0 s, +1 s, …: Android drops a file whose
  // start/end/batch equal an earlier one's, silently losing every key in it.
  const offset = window.existing + plannedBefore;
  const inserted = await trx
    .insertInto('export_files')
    .values({
      region: options.region,
      window_start_s: window.startS,
      window_end_s: window.endS,
      start_timestamp_s: window.startS,
      end_timestamp_s: window.endS + offset,
      blob_name: '',
      key_count: keys.length,
      status: 'planned',
      byte_size: null,
      created_ms: options.nowMs,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(inserted.id);
  await trx
    .updateTable('export_files')
    .set({ blob_name: `${options.region}/${id}.zip` })
    .where('id', '=', id)
    .execute();

  for (let i = 0; i < keys.length; i += UPDATE_CHUNK) {
    const chunk = keys.slice(i, i + UPDATE_CHUNK).map((k) => k.key_data);
    await trx
      .updateTable('exposure_keys')
      .set({ export_file_id: id })
      .where('region', '=', options.region)
      .where('key_data', 'in', chunk)
      .execute();
  }
  return id;
}
