/**
 * The two ways a processing number leaves the system: an SMS provider and an e-mail sender.
 * Implementations throw `DeliveryError`, whose message never names the recipient.
 */

/** One text message to a phone. */
export interface SmsMessage {
  /** E.164 phone number. */
  to: string;
  text: string;
}

/** One e-mail. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends SMS through some provider. */
export interface SmsProvider {
  sendSms(message: SmsMessage): Promise<void>;
}

/** Sends e-mail through some transport. */
export interface MailProvider {
  sendMail(message: MailMessage): Promise<void>;
}

/** A delivery that did not go out; `reason` is safe to log. */
export class DeliveryError extends Error {
  readonly code = 'DELIVERY_FAILED';

  constructor(readonly reason: string) {
    super(`delivery failed: ${reason}`);
    this.name = 'DeliveryError';
  }
}
