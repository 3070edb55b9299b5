/**
 * The health-center staff member of the simulation: signs in to the real console over HTTP
 * (cookies and CSRF token as a browser would keep them) and issues a processing number for
 * each positive case, which the system then sends by SMS.
 */

/** Issues numbers through the console; counts its requests. */
export interface StaffClient {
  issueNumber(input: { phoneNumber: string; testDate: string; onsetDate?: string }): Promise<void>;
  requests(): number;
}

/** Signs in and returns a client for issuing numbers. */
export async function signInStaff(
  baseUrl: string,
  credentials: { username: string; password: string },
): Promise<StaffClient> {
  const cookies = new Map<string, string>();
  let csrf = '';
  let requests = 0;

  const send = async (method: 'GET' | 'POST', url: string, form?: Record<string, string>) => {
    requests += 1;
    const response = await fetch(new URL(url, baseUrl), {
      method,
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams({ _csrf: csrf, ...form }).toString() } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    const body = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
    if (token) csrf = token;
    return { status: response.status, body };
  };

  const signIn = async () => {
    await send('GET', '/console/sign-in');
    const response = await send('POST', '/console/sign-in', credentials);
    if (response.status !== 303) {
      throw new Error(`staff sign-in failed with status ${response.status}`);
    }
    await send('GET', '/console');
  };
  await signIn();

  return {
    async issueNumber(input) {
      const form = {
        channel: 'sms',
        contact: input.phoneNumber,
        testDate: input.testDate,
        reportType: '1',
        onsetDate: input.onsetDate ?? '',
        messageLocale: 'ja',
      };
      let result = await send('POST', '/console/numbers', form);
      // Hours of simulated time pass between cases: the console session expires, as it
      // would for a real nurse, who signs in again.
      if (result.status === 303) {
        await signIn();
        result = await send('POST', '/console/numbers', form);
      }
      if (result.status !== 201) {
        throw new Error(`issuing a number failed with status ${result.status}`);
      }
    },
    requests: () => requests,
  };
}
