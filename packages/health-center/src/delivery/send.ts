/**
 * Sends a freshly issued processing number to its recipient and reports the outcome; the
 * recipient is forgotten when this returns.
 */
import { formatDateTime, textsFor } from '../i18n/index.ts';
import type { Locale } from '../i18n/index.ts';
import type { Contact } from './contact.ts';
import { DeliveryError } from './providers.ts';
import type { MailProvider, SmsProvider } from './providers.ts';

/** The providers a deployment has configured. */
export interface DeliveryProviders {
  sms: SmsProvider;
  mail: MailProvider;
}

/** What goes into the message besides the recipient. */
export interface NumberMessage {
  processingNumber: string;
  expiresAt: number;
  locale: Locale;
}

/** Outcome of one delivery; `reason` is safe to log (no recipient, no number). */
export type DeliveryOutcome = { status: 'sent' } | { status: 'failed'; reason: string };

/**
 * The link that opens the app's registration screen with the number filled in:
 * `${appUrl}/#/register?number=12345678`.
 */
export function registrationLink(appUrl: string, processingNumber: string): string {
  return `${appUrl}/#/register?number=${processingNumber}`;
}

/** Builds the message in the chosen language and hands it to the channel's provider. */
export async function deliverNumber(
  providers: DeliveryProviders,
  contact: Contact,
  message: NumberMessage,
  settings: { appUrl: string; timeZone: string },
): Promise<DeliveryOutcome> {
  const texts = textsFor(message.locale);
  const values = {
    processingNumber: message.processingNumber,
    expires: formatDateTime(message.locale, settings.timeZone, message.expiresAt),
    link: registrationLink(settings.appUrl, message.processingNumber),
  };

  try {
    if (contact.channel === 'sms') {
      await providers.sms.sendSms({ to: contact.phoneNumber, text: texts.message.sms(values) });
    } else {
      const subject = texts.message.emailSubject;
      await providers.mail.sendMail({
        to: contact.email,
        subject,
        text: texts.message.email(values),
      });
    }
    return { status: 'sent' };
  } catch (error) {
    const reason = error instanceof DeliveryError ? error.reason : 'provider error';
    return { status: 'failed', reason };
  }
}
