/** Shape of the text resources for the console and the messages sent to patients. */

/** Languages the console and messages are available in; Japanese is the default. */
export type Locale = 'ja' | 'en';

/** Values a message template fills in. */
export interface MessageValues {
  processingNumber: string;
  /** Expiry already formatted for the reader's time zone. */
  expires: string;
  link: string;
}

/** Every user-facing text of the health-center system in one language. */
export interface Texts {
  /** BCP 47 tag for `<html lang>` and date formatting. */
  htmlLang: string;
  languageName: string;
  appTitle: string;
  skipToContent: string;
  signIn: {
    title: string;
    username: string;
    password: string;
    submit: string;
    failed: string;
    expired: string;
  };
  signOut: string;
  issue: {
    title: string;
    intro: string;
    channel: string;
    sms: string;
    email: string;
    contact: string;
    contactHint: string;
    testDate: string;
    reportType: string;
    confirmedTest: string;
    clinicalDiagnosis: string;
    onsetDate: string;
    onsetHint: string;
    messageLanguage: string;
    submit: string;
  };
  result: {
    title: string;
    readOut: string;
    numberLabel: string;
    expires: string;
    delivery: string;
    statusSent: string;
    statusFailed: string;
    statusPending: string;
    failedAdvice: string;
    revoke: string;
    revoked: string;
    resendTitle: string;
    resendHint: string;
    resend: string;
    gone: string;
    statusTitle: string;
    backToIssue: string;
  };
  lookup: {
    title: string;
    intro: string;
    numberLabel: string;
    submit: string;
    link: string;
  };
  outbox: {
    title: string;
    intro: string;
    empty: string;
    to: string;
    sentAt: string;
  };
  errors: Record<string, string>;
  message: {
    emailSubject: string;
    sms(values: MessageValues): string;
    email(values: MessageValues): string;
  };
}
