/** Server-rendered console pages; each returns a complete HTML document. */
import type { OutboxMessage } from '../delivery/outbox.ts';
import { formatDateTime, textsFor } from '../i18n/index.ts';
import type { Locale } from '../i18n/index.ts';
import { html, layout, linkedText } from './html.ts';
import type { SafeHtml } from './html.ts';

/** Values the issue form shows again after a refused submission. */
export interface IssueFormValues {
  channel?: string;
  contact?: string;
  testDate?: string;
  reportType?: string;
  onsetDate?: string;
  messageLocale?: string;
}

/** The state of one number as the console may show it (never the recipient). */
export interface NumberView {
  id: string;
  expiresAt: number;
  deliveryStatus: string;
  /** Present only on the page shown right after issuing. */
  processingNumber?: string;
}

function errorBox(message: string | undefined): SafeHtml | '' {
  return message ? html`<p class="error" role="alert" id="form-error">${message}</p>` : '';
}

/** Sign-in form, with an optional error or idle-timeout notice. */
export function signInPage(
  locale: Locale,
  csrfToken: string,
  notice?: { error?: string; expired?: boolean },
): string {
  const t = textsFor(locale);
  const body = html` ${errorBox(notice?.error)}
    ${notice?.expired ? html`<p class="notice" role="status">${t.signIn.expired}</p>` : ''}
    <form method="post" action="/console/sign-in">
      <input type="hidden" name="_csrf" value="${csrfToken}" />
      <label for="username">${t.signIn.username}</label>
      <input type="text" id="username" name="username" autocomplete="username" required />
      <label for="password">${t.signIn.password}</label>
      <input
        type="password"
        id="password"
        name="password"
        autocomplete="current-password"
        required
      />
      <button type="submit">${t.signIn.submit}</button>
    </form>`;
  return layout({ locale, title: t.signIn.title, path: '/console/sign-in' }, body);
}

/** The form that registers a confirmed case and sends it a number. */
export function issuePage(
  locale: Locale,
  csrfToken: string,
  values: IssueFormValues = {},
  error?: string,
  showOutboxLink = false,
): string {
  const t = textsFor(locale);
  const channel = values.channel ?? 'sms';
  const reportType = values.reportType ?? '1';
  const messageLocale = values.messageLocale ?? locale;
  const body = html` <p>${t.issue.intro}</p>
    ${errorBox(error)}
    <form method="post" action="/console/numbers" novalidate>
      <input type="hidden" name="_csrf" value="${csrfToken}" />
      <fieldset>
        <legend>${t.issue.channel}</legend>
        <label
          ><input type="radio" name="channel" value="sms" ${channel === 'sms' ? 'checked' : ''} />
          ${t.issue.sms}</label
        >
        <label
          ><input
            type="radio"
            name="channel"
            value="email"
            ${channel === 'email' ? 'checked' : ''}
          />
          ${t.issue.email}</label
        >
      </fieldset>
      <label for="contact">${t.issue.contact}</label>
      <input
        type="text"
        id="contact"
        name="contact"
        autocomplete="off"
        value="${values.contact ?? ''}"
        aria-describedby="contact-hint"
        required
      />
      <p class="hint" id="contact-hint">${t.issue.contactHint}</p>
      <label for="testDate">${t.issue.testDate}</label>
      <input type="date" id="testDate" name="testDate" value="${values.testDate ?? ''}" required />
      <label for="reportType">${t.issue.reportType}</label>
      <select id="reportType" name="reportType">
        <option value="1" ${reportType === '1' ? 'selected' : ''}>${t.issue.confirmedTest}</option>
        <option value="2" ${reportType === '2' ? 'selected' : ''}>
          ${t.issue.clinicalDiagnosis}
        </option>
      </select>
      <label for="onsetDate">${t.issue.onsetDate}</label>
      <input
        type="date"
        id="onsetDate"
        name="onsetDate"
        value="${values.onsetDate ?? ''}"
        aria-describedby="onset-hint"
      />
      <p class="hint" id="onset-hint">${t.issue.onsetHint}</p>
      <label for="messageLocale">${t.issue.messageLanguage}</label>
      <select id="messageLocale" name="messageLocale">
        <option value="ja" ${messageLocale === 'ja' ? 'selected' : ''}>日本語</option>
        <option value="en" ${messageLocale === 'en' ? 'selected' : ''}>English</option>
      </select>
      <button type="submit">${t.issue.submit}</button>
    </form>
    <p><a href="/console/lookup">${t.lookup.link}</a></p>
    ${showOutboxLink ? html`<p><a href="/console/outbox">${t.outbox.title}</a></p>` : ''}`;
  return layout({ locale, title: t.issue.title, csrfToken, path: '/console' }, body);
}

/** Result of issuing, or the status of a number; shows the digits only when given them. */
export function numberPage(
  locale: Locale,
  timeZone: string,
  csrfToken: string,
  view: NumberView | null,
  notice?: string,
): string {
  const t = textsFor(locale);
  const title = view?.processingNumber ? t.result.title : t.result.statusTitle;
  const back = html`<p><a href="/console">${t.result.backToIssue}</a></p>`;
  if (!view) {
    const body = html`<p class="notice" role="status">${notice ?? t.result.gone}</p>
      ${back}`;
    return layout({ locale, title, csrfToken, path: '/console' }, body);
  }

  const status =
    view.deliveryStatus === 'sent'
      ? t.result.statusSent
      : view.deliveryStatus === 'failed'
        ? t.result.statusFailed
        : t.result.statusPending;
  const body = html` ${
      view.processingNumber
        ? html`<p class="notice">${t.result.readOut}</p>
            <p>
              ${t.result.numberLabel}:
              <span class="number" id="processing-number">${view.processingNumber}</span>
            </p>`
        : ''
    }
    <dl>
      <dt>${t.result.expires}</dt>
      <dd id="expires">${formatDateTime(locale, timeZone, view.expiresAt)}</dd>
      <dt>${t.result.delivery}</dt>
      <dd id="delivery-status" data-status="${view.deliveryStatus}">${status}</dd>
    </dl>
    ${view.deliveryStatus === 'failed' ? html`<p class="error" role="alert">${t.result.failedAdvice}</p>` : ''}
    <form method="post" action="/console/numbers/${view.id}/revoke">
      <input type="hidden" name="_csrf" value="${csrfToken}" />
      <button type="submit" class="secondary">${t.result.revoke}</button>
    </form>
    <h2>${t.result.resendTitle}</h2>
    <p class="hint">${t.result.resendHint}</p>
    <form method="post" action="/console/numbers/${view.id}/resend">
      <input type="hidden" name="_csrf" value="${csrfToken}" />
      <fieldset>
        <legend>${t.issue.channel}</legend>
        <label><input type="radio" name="channel" value="sms" checked /> ${t.issue.sms}</label>
        <label><input type="radio" name="channel" value="email" /> ${t.issue.email}</label>
      </fieldset>
      <label for="resend-contact">${t.issue.contact}</label>
      <input type="text" id="resend-contact" name="contact" autocomplete="off" required />
      <input type="hidden" name="messageLocale" value="${locale}" />
      <button type="submit">${t.result.resend}</button>
    </form>
    ${back}`;
  return layout({ locale, title, csrfToken, path: `/console/numbers/${view.id}` }, body);
}

/** Form to look a number up by its digits, for when the person reads it out. */
export function lookupPage(locale: Locale, csrfToken: string, value = '', error?: string): string {
  const t = textsFor(locale);
  const body = html`<p>${t.lookup.intro}</p>
    ${errorBox(error)}
    <form method="post" action="/console/lookup">
      <input type="hidden" name="_csrf" value="${csrfToken}" />
      <label for="processingNumber">${t.lookup.numberLabel}</label>
      <input
        type="text"
        id="processingNumber"
        name="processingNumber"
        inputmode="numeric"
        autocomplete="off"
        value="${value}"
        required
      />
      <button type="submit">${t.lookup.submit}</button>
    </form>
    <p><a href="/console">${t.result.backToIssue}</a></p>`;
  return layout({ locale, title: t.lookup.title, csrfToken, path: '/console/lookup' }, body);
}

/** The development outbox, newest message first. */
export function outboxPage(
  locale: Locale,
  timeZone: string,
  csrfToken: string,
  messages: readonly OutboxMessage[],
): string {
  const t = textsFor(locale);
  const items = messages.map(
    (message) =>
      html`<li class="outbox-message" data-channel="${message.channel}">
        <p>
          <strong>${message.channel === 'sms' ? 'SMS' : 'E-mail'}</strong> — ${t.outbox.to}:
          ${message.to} — ${t.outbox.sentAt}: ${formatDateTime(locale, timeZone, message.sentAt)}
        </p>
        ${message.subject ? html`<p>${message.subject}</p>` : ''}
        <pre>${linkedText(message.text)}</pre>
      </li>`,
  );
  const body = html`<p>${t.outbox.intro}</p>
    ${
      messages.length === 0
        ? html`<p>${t.outbox.empty}</p>`
        : html`<ol>
            ${items}
          </ol>`
    }
    <p><a href="/console">${t.result.backToIssue}</a></p>`;
  return layout({ locale, title: t.outbox.title, csrfToken, path: '/console/outbox' }, body);
}

/** A page for an error outside a form (expired form, rate limit, not found). */
export function errorPage(locale: Locale, message: string): string {
  const t = textsFor(locale);
  const body = html`<p class="error" role="alert">${message}</p>
    <p><a href="/console">${t.result.backToIssue}</a></p>`;
  return layout({ locale, title: t.appTitle, path: '/console' }, body);
}
