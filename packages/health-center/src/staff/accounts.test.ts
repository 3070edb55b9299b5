import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthCenterDb } from '../db/connect.ts';
import { createTestDatabase, openTestDatabase } from '../testing/databases.ts';
import type { TestDatabaseLocation } from '../testing/databases.ts';
import { checkStaffCredentials, createStaffAccount } from './accounts.ts';

const ROUNDS = 4;

let location: TestDatabaseLocation;
let handle: HealthCenterDb;

beforeAll(async () => {
  location = await createTestDatabase('sqlite');
  handle = await openTestDatabase(location);
});

afterAll(async () => {
  await handle.close();
  await location.dispose();
});

describe('createStaffAccount password policy', () => {
  it.each([
    ['an empty password', '', /blank or only whitespace/],
    ['twelve spaces', ' '.repeat(12), /blank or only whitespace/],
    ['tabs, newlines and no-break spaces', '\t\n\u00a0\u3000'.repeat(4), /blank/],
    ['a short password', 'short pass', /12\+ characters/],
    ['a password past 72 bytes', 'é'.repeat(40), /at most 72 bytes/],
  ])('refuses %s and creates nothing', async (_name, password, message) => {
    const attempt = createStaffAccount(handle.db, {
      username: 'ken.mori',
      password,
      bcryptRounds: ROUNDS,
    });

    await expect(attempt).rejects.toMatchObject({
      name: 'StaffAccountError',
      code: 'PASSWORD_TOO_WEAK',
      message: expect.stringMatching(message),
    });
    expect(await handle.db.selectFrom('staff_accounts').select('id').execute()).toEqual([]);
    expect(await checkStaffCredentials(handle.db, 'ken.mori', password)).toBeNull();
  });

  it('accepts a long password that has spaces around real characters', async () => {
    const password = '  correct horse battery  ';

    const id = await createStaffAccount(handle.db, {
      username: 'ken.mori',
      password,
      bcryptRounds: ROUNDS,
    });

    expect(await checkStaffCredentials(handle.db, 'ken.mori', password)).toBe(id);
  });
});
