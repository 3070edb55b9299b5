/**
 * Checks the phone number or e-mail address staff type in, before any number is issued.
 * The result is used for one delivery and then dropped; it is never stored or logged.
 */
import { z } from 'zod';
import { HealthCenterError } from '../errors.ts';

/** Where a processing number goes. */
export type Contact = { channel: 'sms'; phoneNumber: string } | { channel: 'email'; email: string };

const PHONE_SEPARATORS = /[\s\-().\u2010-\u2015\u2212\u30fc]/g;
const emailSchema = z.email();

/**
 * Normalises a phone number to E.164: `+` and 8–15 digits, or a Japanese domestic number
 * (`0` and 9–10 digits) which becomes `+81…`. Throws `PHONE_NUMBER_INVALID` otherwise.
 */
export function parsePhoneNumber(input: string): string {
  const compact = input.normalize('NFKC').replace(PHONE_SEPARATORS, '');

  if (/^\+[1-9][0-9]{7,14}$/.test(compact)) return compact;
  if (/^0[1-9][0-9]{8,9}$/.test(compact)) return `+81${compact.slice(1)}`;
  throw new HealthCenterError(
    'PHONE_NUMBER_INVALID',
    'phone number must be a Japanese number such as 090-1234-5678 or +81 90 1234 5678',
  );
}

/** Trims and checks an e-mail address; throws `EMAIL_ADDRESS_INVALID` when it cannot be one. */
export function parseEmailAddress(input: string): string {
  const address = input.trim();
  if (address.length > 254 || !emailSchema.safeParse(address).success) {
    throw new HealthCenterError('EMAIL_ADDRESS_INVALID', 'e-mail address is not valid');
  }
  return address;
}

/** Builds a contact for the chosen channel from what staff typed. */
export function parseContact(channel: string, input: string): Contact {
  if (channel === 'sms') return { channel, phoneNumber: parsePhoneNumber(input) };
  if (channel === 'email') return { channel, email: parseEmailAddress(input) };
  throw new HealthCenterError('CHANNEL_INVALID', 'channel must be sms or email');
}
