/**
 * Test helper: walks the registration flow the way people do — staff sign in to the console
 * and issue a processing number (read from the development outbox), then a phone submits
 * its daily keys with that number through the app's origin.
 */
import { randomBytes } from 'node:crypto';

/** Signs in to the console; returns the session cookie header, or the refusal status. */
export async function signInToConsole(
  base: URL,
  username: string,
  password: string,
): Promise<{ status: number; cookie: string }> {
  const page = await fetch(new URL('/console/sign-in', base));
  const form = await formContext(page);
  const response = await fetch(new URL('/console/sign-in', base), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookie },
    body: new URLSearchParams({ _csrf: form.csrf, username, password }).toString(),
  });
  return { status: response.status, cookie: cookiesOf(response) || form.cookie };
}

/** Issues a processing number by e-mail to a test address and reads it from the outbox. */
export async function issueProcessingNumber(base: URL, session: string): Promise<string> {
  const page = await fetch(new URL('/console', base), { headers: { cookie: session } });
  const form = await formContext(page);
  const cookie = [session, form.cookie].filter(Boolean).join('; ');
  const testDate = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

  const issued = await fetch(new URL('/console/numbers', base), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({
      _csrf: form.csrf,
      channel: 'email',
      contact: 'patient@example.org',
      testDate,
      reportType: '1',
      onsetDate: '',
      messageLocale: 'en',
    }).toString(),
  });
  if (issued.status >= 400) throw new Error(`issuing a number answered ${issued.status}`);

  const outbox = await fetch(new URL('/console/outbox', base), { headers: { cookie: session } });
  const number = /\b(\d{8})\b/.exec((await outbox.text()).replace(/number=/g, ' '))?.[1];
  if (number === undefined) throw new Error('no processing number in the outbox');
  return number;
}

/** Submits three daily keys of past days with the processing number; returns the status. */
export async function submitKeys(appBase: URL, processingNumber: string): Promise<number> {
  const today = Math.floor(Date.now() / 600_000 / 144) * 144;
  const keys = [2, 3, 4].map((daysAgo) => ({
    keyData: randomBytes(16).toString('base64'),
    rollingStartNumber: today - 144 * daysAgo,
    rollingPeriod: 144,
    reportType: 1,
    transmissionRisk: 0,
    daysSinceOnsetOfSymptoms: 0,
  }));
  const response = await fetch(new URL('/api/v3/diagnosis', appBase), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      hasSymptom: false,
      onsetOfSymptomOrTestDate: new Date(Date.now() - 86_400_000).toISOString(),
      keys,
      regions: ['440'],
      platform: 'android',
      appPackageName: 'jp.example.cocoa.test',
      verificationPayload: processingNumber,
      idempotency_key: randomBytes(16).toString('hex'),
      padding: randomBytes(256).toString('base64'),
    }),
  });
  return response.status;
}

async function formContext(page: Response): Promise<{ cookie: string; csrf: string }> {
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  return { cookie: cookiesOf(page), csrf };
}

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0] ?? '')
    .filter((pair) => !pair.endsWith('='))
    .join('; ');
}
