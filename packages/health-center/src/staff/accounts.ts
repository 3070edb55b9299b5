/**
 * Staff accounts for the console, created by an administrator's command. Passwords are
 * hashed with bcrypt; sign-in compares against a dummy hash for unknown names so the time
 * taken does not reveal which usernames exist.
 */
import { randomUUID } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { Kysely } from 'kysely';
import type { HealthCenterDatabase } from '../db/schema.ts';

/** Thrown by `createStaffAccount` with a stable code. */
export class StaffAccountError extends Error {
  constructor(
    readonly code: 'USERNAME_INVALID' | 'PASSWORD_TOO_WEAK' | 'USERNAME_TAKEN',
    message: string,
  ) {
    super(message);
    this.name = 'StaffAccountError';
  }
}

/** Input for a new staff account. */
export interface NewStaffAccount {
  username: string;
  password: string;
  /** bcrypt cost; 12 unless configured otherwise. */
  bcryptRounds?: number;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
const MIN_PASSWORD_LENGTH = 12;
// bcrypt reads only the first 72 bytes; a longer password would be silently truncated.
const MAX_PASSWORD_BYTES = 72;
const DUMMY_HASH = bcrypt.hashSync('not-a-real-password', 10);

/**
 * The username as it is stored (trimmed, lower case); throws `StaffAccountError` with
 * `USERNAME_INVALID` when it cannot be one. Lets a caller refuse a bad name before it asks for
 * a password.
 */
export function normalizeStaffUsername(username: string): string {
  const normalized = username.trim().toLowerCase();
  if (!USERNAME.test(normalized)) {
    throw new StaffAccountError(
      'USERNAME_INVALID',
      'username must be 3-64 characters of a-z, 0-9, dot, underscore or hyphen',
    );
  }
  return normalized;
}

/** True when an account of that (normalized) username exists. */
export async function staffUsernameTaken(
  db: Kysely<HealthCenterDatabase>,
  username: string,
): Promise<boolean> {
  const existing = await db
    .selectFrom('staff_accounts')
    .select('id')
    .where('username', '=', normalizeStaffUsername(username))
    .executeTakeFirst();
  return existing !== undefined;
}

/** Creates a staff account and returns its id; throws `StaffAccountError` on bad input. */
export async function createStaffAccount(
  db: Kysely<HealthCenterDatabase>,
  account: NewStaffAccount,
  now: number = Date.now(),
): Promise<string> {
  const username = normalizeStaffUsername(account.username);
  checkPasswordPolicy(account.password);

  if (await staffUsernameTaken(db, username)) {
    throw new StaffAccountError('USERNAME_TAKEN', `the username ${username} already exists`);
  }

  const id = randomUUID();
  const passwordHash = await bcrypt.hash(account.password, account.bcryptRounds ?? 12);
  await db
    .insertInto('staff_accounts')
    .values({ id, username, password_hash: passwordHash, created_at: now })
    .execute();
  return id;
}

/**
 * Throws `StaffAccountError` with `PASSWORD_TOO_WEAK` for a password the policy refuses. A run
 * of spaces passes the length rule, yet it is among the first things a guesser tries and is
 * easily entered by a slip, so a password needs at least one character that is not whitespace.
 */
function checkPasswordPolicy(password: string): void {
  if (password.trim() === '') {
    throw new StaffAccountError(
      'PASSWORD_TOO_WEAK',
      'password is blank or only whitespace; choose one with letters, digits or symbols',
    );
  }
  const bytes = new TextEncoder().encode(password).length;
  if (password.length < MIN_PASSWORD_LENGTH || bytes > MAX_PASSWORD_BYTES) {
    throw new StaffAccountError(
      'PASSWORD_TOO_WEAK',
      `password must be ${MIN_PASSWORD_LENGTH}+ characters and at most ${MAX_PASSWORD_BYTES} bytes`,
    );
  }
}

/** Returns the staff id when the credentials match, otherwise null. */
export async function checkStaffCredentials(
  db: Kysely<HealthCenterDatabase>,
  username: string,
  password: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('staff_accounts')
    .select(['id', 'password_hash'])
    .where('username', '=', username.trim().toLowerCase())
    .executeTakeFirst();

  const matches = await bcrypt.compare(password, row?.password_hash ?? DUMMY_HASH);
  return row && matches ? row.id : null;
}
