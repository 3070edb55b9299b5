/**
 * Development outbox: SMS and e-mail land in memory instead of a gateway, so the console and
 * tests can read them. It holds recipients in memory only, and only in development.
 */
import type { MailMessage, MailProvider, SmsMessage, SmsProvider } from './providers.ts';

/** One message as the outbox holds it. */
export interface OutboxMessage {
  channel: 'sms' | 'email';
  to: string;
  subject?: string;
  text: string;
  sentAt: number;
}

const CAPACITY = 100;

/** Both providers backed by a bounded in-memory list, newest first. */
export class DevOutbox implements SmsProvider, MailProvider {
  private readonly items: OutboxMessage[] = [];

  constructor(private readonly clock: () => number = Date.now) {}

  /** Keeps the SMS in memory. */
  sendSms(message: SmsMessage): Promise<void> {
    this.push({ channel: 'sms', to: message.to, text: message.text, sentAt: this.clock() });
    return Promise.resolve();
  }

  /** Keeps the e-mail in memory. */
  sendMail(message: MailMessage): Promise<void> {
    const { to, subject, text } = message;
    this.push({ channel: 'email', to, subject, text, sentAt: this.clock() });
    return Promise.resolve();
  }

  /** Messages sent so far, newest first. */
  messages(): readonly OutboxMessage[] {
    return [...this.items];
  }

  /** Forgets every message. */
  clear(): void {
    this.items.length = 0;
  }

  private push(message: OutboxMessage): void {
    this.items.unshift(message);
    if (this.items.length > CAPACITY) this.items.pop();
  }
}
