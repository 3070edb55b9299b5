/**
 * Minimal HTML building for the server-rendered console: every interpolated value goes
 * through `escapeHtml`, and pages share one accessible layout.
 */
import { createHash } from 'node:crypto';
import type { Locale, Texts } from '../i18n/index.ts';
import { LOCALES, textsFor } from '../i18n/index.ts';

/** Escapes text for use in HTML content and double-quoted attributes. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Marks a string as already-safe HTML so `html` does not escape it again. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = string | number | SafeHtml | null | undefined | false | readonly Part[];

/** Tagged template that escapes every interpolation unless it is `SafeHtml`. */
export function html(strings: TemplateStringsArray, ...parts: Part[]): SafeHtml {
  let out = strings[0] ?? '';
  parts.forEach((part, index) => {
    out += render(part) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

/**
 * Plain text with its web addresses made into links, everything else escaped: a message's
 * registration link should open with a click, as it would on the phone that received it.
 */
export function linkedText(text: string): SafeHtml {
  let out = '';
  let from = 0;
  for (const match of text.matchAll(/https?:\/\/[^\s<>"']+/g)) {
    // A sentence's full stop or closing bracket after an address is not part of it.
    const address = match[0].replace(/[.,;:!?)\]]+$/, '');
    out += escapeHtml(text.slice(from, match.index));
    out += `<a href="${escapeHtml(address)}">${escapeHtml(address)}</a>`;
    from = match.index + address.length;
  }
  return new SafeHtml(out + escapeHtml(text.slice(from)));
}

/** What every page needs besides its body. */
export interface PageFrame {
  locale: Locale;
  title: string;
  /** Present when a staff member is signed in: shows the sign-out button. */
  csrfToken?: string;
  /** Path of this page, for the language links. */
  path: string;
}

const STYLE = `
body{font-family:system-ui,"Hiragino Sans","Noto Sans JP",sans-serif;font-size:1.125rem;
line-height:1.6;margin:0;color:#1a1a1a;background:#fafafa}
header,main{max-width:44rem;margin:0 auto;padding:1rem}
header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between}
label,legend{display:block;font-weight:600;margin-top:1rem}
input,select,button{font-size:1.125rem;padding:.5rem;margin-top:.25rem}
input[type=text],input[type=email],input[type=password],input[type=date],select{width:100%;
box-sizing:border-box}
button{cursor:pointer;background:#0b57d0;color:#fff;border:0;border-radius:.25rem;
padding:.6rem 1.2rem;margin-top:1rem}
button.secondary{background:#5f6368}
.error{border-left:.3rem solid #b3261e;background:#fce8e6;padding:.5rem 1rem}
.notice{border-left:.3rem solid #0b57d0;background:#e8f0fe;padding:.5rem 1rem}
.number{font-size:2.5rem;letter-spacing:.2em;font-family:ui-monospace,monospace}
.hint{color:#444;font-size:1rem}
a:focus,button:focus,input:focus,select:focus{outline:3px solid #f9ab00}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem}
`;

/** CSP source allowing exactly the console's one inline style sheet and nothing else. */
export const STYLE_SOURCE = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/** Wraps a page body in the shared layout with language links and (when signed in) sign-out. */
export function layout(frame: PageFrame, body: SafeHtml): string {
  const t: Texts = textsFor(frame.locale);
  const languages = LOCALES.filter((locale) => locale !== frame.locale).map(
    (locale) =>
      html`<a href="${frame.path}?lang=${locale}" lang="${locale}"
        >${textsFor(locale).languageName}</a
      >`,
  );
  const signOut = frame.csrfToken
    ? html`<form method="post" action="/console/sign-out">
        <input type="hidden" name="_csrf" value="${frame.csrfToken}" />
        <button type="submit" class="secondary">${t.signOut}</button>
      </form>`
    : '';

  return html`<!doctype html>
    <html lang="${t.htmlLang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${frame.title} — ${t.appTitle}</title>
        <style>
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body>
        <a class="skip" href="#main">${t.skipToContent}</a>
        <header>
          <strong>${t.appTitle}</strong>
          <nav>${languages}</nav>
          ${signOut}
        </header>
        <main id="main">
          <h1>${frame.title}</h1>
          ${body}
        </main>
      </body>
    </html>`.value;
}
