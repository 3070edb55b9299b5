/**
 * Test helper: builds the app on a test database with a movable clock, captured log lines
 * and a development outbox, plus a tiny cookie-keeping client for the console.
 */
import type { LightMyRequestResponse } from 'fastify';
import { buildHealthCenterApp } from '../app.ts';
import type { HealthCenterApp, HealthCenterAppOptions } from '../app.ts';
import { loadConfig } from '../config.ts';
import { StaffAccountError } from '../staff/accounts.ts';
import type { TestDatabaseLocation } from './databases.ts';

/** The verification client secret every test app accepts. */
export const TEST_CLIENT_SECRET = 'test-client-secret-0123456789abcdef';
/** Hash key secret of test apps; a log line must never contain it. */
export const TEST_HASH_SECRET = 'test-hash-secret-0123456789abcdefghij';
/** Staff credentials created by `startTestApp`. */
export const TEST_STAFF = { username: 'nurse.tanaka', password: 'correct horse battery' };

/** A running test app with its clock and log. */
export interface TestApp {
  app: HealthCenterApp;
  clock: { now: number };
  logLines: string[];
}

/** Builds and migrates an app on the given database; environment overrides are optional. */
export async function startTestApp(
  location: TestDatabaseLocation,
  env: Record<string, string> = {},
  options: Partial<HealthCenterAppOptions> = {},
): Promise<TestApp> {
  const config = loadConfig({
    DATABASE_URL: location.url,
    DATABASE_SCHEMA: location.schema,
    NUMBER_HASH_KEYS: `k1:${TEST_HASH_SECRET}`,
    VERIFY_CLIENTS: `notification-server:${TEST_CLIENT_SECRET}`,
    DEV_OUTBOX: 'true',
    BCRYPT_ROUNDS: '4',
    PORT: '0',
    APP_URL: 'https://app.example.jp',
    ...env,
  });
  const clock = { now: Date.UTC(2026, 11, 1, 3, 0, 0) };
  const logLines: string[] = [];
  const app = await buildHealthCenterApp({
    config,
    clock: () => clock.now,
    purgeJob: false,
    logDestination: { write: (line: string) => void logLines.push(line) },
    ...options,
  });
  try {
    await app.createStaffAccount(TEST_STAFF.username, TEST_STAFF.password);
  } catch (error) {
    // A second app on the same database finds the account already there.
    if (!(error instanceof StaffAccountError && error.code === 'USERNAME_TAKEN')) throw error;
  }
  return { app, clock, logLines };
}

/** Cookie-keeping console client over `inject`, for tests that need no real browser. */
export class ConsoleClient {
  private readonly cookies = new Map<string, string>();
  /** CSRF token of the last page that carried one. */
  csrf = '';

  constructor(private readonly app: HealthCenterApp) {}

  /** GET a console page. */
  get(url: string): Promise<LightMyRequestResponse> {
    return this.send('GET', url);
  }

  /** POST a url-encoded form; `_csrf` is added from the last page unless given. */
  post(url: string, form: Record<string, string>): Promise<LightMyRequestResponse> {
    return this.send('POST', url, { _csrf: this.csrf, ...form });
  }

  /** Signs in with the given (default: test staff) credentials. */
  async signIn(credentials = TEST_STAFF): Promise<LightMyRequestResponse> {
    await this.get('/console/sign-in');
    const response = await this.post('/console/sign-in', credentials);
    if (response.statusCode === 303) await this.get('/console');
    return response;
  }

  private async send(
    method: 'GET' | 'POST',
    url: string,
    form?: Record<string, string>,
  ): Promise<LightMyRequestResponse> {
    const response = await this.app.server.inject({
      method,
      url,
      headers: {
        cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { payload: new URLSearchParams(form).toString() } : {}),
    });

    for (const cookie of response.cookies) {
      if (cookie.value === '' || cookie.maxAge === 0) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrf = token;
    return response;
  }
}

/** The processing number shown on a result page, or undefined. */
export function shownNumber(page: string): string | undefined {
  return /id="processing-number">([0-9]{8})</.exec(page)?.[1];
}

/** The console handle of the number on a result page. */
export function shownNumberId(page: string): string | undefined {
  return /action="\/console\/numbers\/([0-9a-f-]{36})\/revoke"/.exec(page)?.[1];
}

/** A valid issue form for an SMS delivery, to be overridden field by field. */
export function smsForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    channel: 'sms',
    contact: '090-1234-5678',
    testDate: '2026-11-30',
    reportType: '1',
    onsetDate: '',
    messageLocale: 'ja',
    ...overrides,
  };
}

/** Issues a number through the console and returns its digits and handle. */
export async function issueThroughConsole(
  client: ConsoleClient,
  form: Record<string, string> = smsForm(),
): Promise<{ processingNumber: string; id: string }> {
  const response = await client.post('/console/numbers', form);
  const processingNumber = shownNumber(response.body);
  const id = shownNumberId(response.body);
  if (response.statusCode !== 201 || !processingNumber || !id) {
    throw new Error(`issuing failed with status ${response.statusCode}`);
  }
  return { processingNumber, id };
}
