/**
 * SMS through an HTTP gateway: `POST <url>` with JSON `{ to, text }` and the credential as a
 * bearer token, the shape most SMS aggregators accept or can be fronted with.
 */
import { DeliveryError } from './providers.ts';
import type { SmsMessage, SmsProvider } from './providers.ts';

/** Settings of the HTTP SMS gateway. */
export interface HttpSmsGatewayOptions {
  url: string;
  token?: string;
  timeoutMs?: number;
}

/** An `SmsProvider` that posts each message to an HTTP gateway. */
export class HttpSmsGateway implements SmsProvider {
  constructor(private readonly options: HttpSmsGatewayOptions) {}

  /** Posts one message; throws `DeliveryError` on any network error or non-2xx answer. */
  async sendSms(message: SmsMessage): Promise<void> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;

    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ to: message.to, text: message.text }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      // The fetch error can quote the request; keep only its class name.
      throw new DeliveryError(`sms gateway unreachable (${(error as Error).name})`);
    }

    await response.body?.cancel();
    if (!response.ok) {
      throw new DeliveryError(`sms gateway answered ${response.status}`);
    }
  }
}
