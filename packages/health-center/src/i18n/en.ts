/** English texts. */
import type { Texts } from './types.ts';

/** English resources. */
export const en: Texts = {
  htmlLang: 'en',
  languageName: 'English',
  appTitle: 'Health center processing numbers',
  skipToContent: 'Skip to content',
  signIn: {
    title: 'Staff sign-in',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    failed: 'The username or password is wrong.',
    expired: 'You were signed out after a period without activity. Please sign in again.',
  },
  signOut: 'Sign out',
  issue: {
    title: 'Issue a processing number to a positive case',
    intro:
      'Send a confirmed positive case the number they need to register in the ' +
      'contact-confirmation app. The phone number or address is used to send it and not kept.',
    channel: 'Send by',
    sms: 'SMS (mobile number)',
    email: 'E-mail',
    contact: 'Send to (phone number or e-mail address)',
    contactHint: 'e.g. 090-1234-5678 / name@example.jp',
    testDate: 'Test date',
    reportType: 'How the case was confirmed',
    confirmedTest: 'Confirmed by a test',
    clinicalDiagnosis: 'Clinical diagnosis',
    onsetDate: 'Symptom onset date (if known)',
    onsetHint: 'Leave empty if there are no symptoms or the date is unknown.',
    messageLanguage: 'Message language',
    submit: 'Issue and send the number',
  },
  result: {
    title: 'Processing number issued',
    readOut: 'This number is shown here once only. If you tell it by phone, read it out now.',
    numberLabel: 'Processing number',
    expires: 'Valid until',
    delivery: 'Delivery',
    statusSent: 'Sent',
    statusFailed: 'Failed',
    statusPending: 'Sending',
    failedAdvice:
      'Sending failed. The number is still valid: read it out, or revoke it and send a new one.',
    revoke: 'Revoke this number',
    revoked: 'The number has been revoked and can no longer be used.',
    resendTitle: 'Send again',
    resendHint:
      'The recipient was not kept, so enter it again. A new number is issued and this one ' +
      'is revoked.',
    resend: 'Send a new number',
    gone: 'This processing number has been used, revoked, or has expired.',
    statusTitle: 'Processing number status',
    backToIssue: 'Back to issuing',
  },
  lookup: {
    title: 'Check or revoke a processing number',
    intro:
      'If the person reads their number to you, enter it here to see its status and to ' +
      'revoke or re-send it.',
    numberLabel: 'Processing number (8 digits)',
    submit: 'Check',
    link: 'Check or revoke a processing number',
  },
  outbox: {
    title: 'Development outbox',
    intro: 'In development, SMS and e-mail are not sent but shown here.',
    empty: 'Nothing has been sent yet.',
    to: 'To',
    sentAt: 'Sent at',
  },
  errors: {
    PROCESSING_NUMBER_INVALID: 'A processing number is 8 digits.',
    PHONE_NUMBER_INVALID: 'The phone number is not valid (e.g. 090-1234-5678).',
    EMAIL_ADDRESS_INVALID: 'The e-mail address is not valid.',
    DATE_INVALID:
      'A date is not valid. Dates cannot be in the future and onset cannot follow the test.',
    REPORT_TYPE_INVALID: 'Choose how the case was confirmed.',
    CHANNEL_INVALID: 'Choose how to send the number.',
    CSRF_INVALID: 'This form has expired. Reload the page and try again.',
    RATE_LIMITED: 'Too many attempts. Please wait a moment and try again.',
    NOT_FOUND: 'Page not found.',
    BAD_REQUEST: 'Please check what you entered.',
    BODY_TOO_LARGE: 'The submitted data is too large.',
    UNSUPPORTED_MEDIA_TYPE: 'Data in this format is not accepted.',
    NUMBER_SPACE_EXHAUSTED: 'No number could be issued. Please contact the administrator.',
    INTERNAL: 'Something went wrong. Please try again later.',
  },
  message: {
    emailSubject: 'Your processing number for the contact-confirmation app',
    sms: ({ processingNumber, expires, link }) =>
      `[Health center] Processing number for registering a positive result: ` +
      `${processingNumber} (valid until ${expires}). To register in the app: ${link} ` +
      `Registering is voluntary. Do not share this number.`,
    email: ({ processingNumber, expires, link }) =>
      [
        'A message from your health center.',
        '',
        'Here is the processing number for registering a positive result in the',
        'contact-confirmation app. Whether you register is up to you.',
        '',
        `Processing number: ${processingNumber}`,
        `Valid until: ${expires}`,
        '',
        'Open this link on the phone with the app to reach the registration screen with the',
        'number already filled in:',
        link,
        '',
        'The number works once. Please do not share it with anyone.',
        'If this message was not meant for you, please delete it.',
      ].join('\n'),
  },
};
