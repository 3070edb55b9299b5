/**
 * Test helper run as a separate process: one export run against the database and blob
 * directory named in the environment, printing each committed step and pausing after it so
 * the parent test can kill the process at a chosen point.
 */
import { readFileSync } from 'node:fs';
import { createDirectoryBlobStore } from '../blob/directory-store.ts';
import { openDatabase } from '../db/connect.ts';
import { runExportJob } from '../export/job.ts';

const env = (name: string) => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const db = openDatabase(env('NS_DATABASE_URL'), { schema: process.env.NS_DATABASE_SCHEMA });
const pauseMs = Number(env('NS_STEP_PAUSE_MS'));
await runExportJob({
  db,
  store: createDirectoryBlobStore(env('NS_BLOB_DIR')),
  regions: ['440'],
  periodSeconds: 3600,
  maxKeysPerFile: Number(env('NS_MAX_KEYS')),
  minKeysPerFile: Number(env('NS_MIN_KEYS')),
  signingKeys: [
    { privateKeyPem: readFileSync(env('NS_KEY_PATH'), 'utf8'), keyId: '440', keyVersion: 'v1' },
  ],
  publicBaseUrl: 'https://cdn.example/exports',
  now: () => Number(env('NS_NOW_MS')),
  onStep: async (step) => {
    process.stdout.write(`step ${step}\n`);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  },
});
process.stdout.write('done\n');
await db.close();
