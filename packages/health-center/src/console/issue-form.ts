/**
 * Reads the issue form: the case details that are stored and the contact that is not.
 * Everything is checked before a number is drawn, so a typo never burns a number.
 */
import { isCalendarDate } from '@cocoa/protocol';
import { parseContact } from '../delivery/contact.ts';
import type { Contact } from '../delivery/contact.ts';
import { HealthCenterError } from '../errors.ts';
import { toLocale } from '../i18n/index.ts';
import type { Locale } from '../i18n/index.ts';
import type { CaseDetails } from '../numbers/store.ts';

/** The fields as typed, for re-showing the form after an error. */
export interface IssueFormInput {
  channel: string;
  contact: string;
  testDate: string;
  reportType: string;
  onsetDate: string;
  messageLocale: string;
}

/** A checked issue request. */
export interface IssueRequest {
  details: CaseDetails;
  contact: Contact;
  messageLocale: Locale;
}

/** Today's date (`YYYY-MM-DD`) in the health center's time zone. */
export function todayIn(timeZone: string, now: number): string {
  // The Canadian English format is ISO-like: 2026-12-01.
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(now));
}

/** Checks the form; throws a `HealthCenterError` naming the first wrong field's problem. */
export function parseIssueForm(input: IssueFormInput, today: string): IssueRequest {
  const contact = parseContact(input.channel, input.contact);

  if (input.reportType !== '1' && input.reportType !== '2') {
    throw new HealthCenterError('REPORT_TYPE_INVALID', 'reportType must be 1 or 2');
  }
  // String comparison is date order for YYYY-MM-DD.
  if (!isCalendarDate(input.testDate) || input.testDate > today) {
    throw new HealthCenterError('DATE_INVALID', 'testDate must be a date not in the future');
  }
  const onsetDate = input.onsetDate.trim();
  if (onsetDate !== '' && (!isCalendarDate(onsetDate) || onsetDate > today)) {
    throw new HealthCenterError('DATE_INVALID', 'onsetDate must be a date not in the future');
  }

  const details: CaseDetails = {
    reportType: input.reportType === '1' ? 1 : 2,
    testDate: input.testDate,
    channel: contact.channel,
    ...(onsetDate ? { onsetDate } : {}),
  };
  return { details, contact, messageLocale: toLocale(input.messageLocale) };
}
