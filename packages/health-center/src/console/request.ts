/**
 * Per-request helpers of the console: the reader's language, the session cookie, and the
 * CSRF check every state-changing form post passes through.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HealthCenterConfig } from '../config.ts';
import { HealthCenterError } from '../errors.ts';
import { toLocale } from '../i18n/index.ts';
import type { Locale } from '../i18n/index.ts';

/** Cookie carrying the session token. */
export const SESSION_COOKIE = 'hc_session';
/** Cookie carrying the sign-in form's CSRF token (double-submit, before any session). */
export const SIGN_IN_COOKIE = 'hc_sign_in';
/** Cookie remembering the console language. */
export const LOCALE_COOKIE = 'hc_lang';

/** Cookie attributes shared by the console's cookies. */
export function cookieOptions(config: HealthCenterConfig, maxAgeSeconds?: number) {
  return {
    path: '/console',
    httpOnly: true,
    // Strict keeps the cookie off every cross-site request, a first barrier against CSRF.
    sameSite: 'strict' as const,
    secure: config.cookieSecure,
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}

/** The language of this request: `?lang=` (remembered in a cookie), then the cookie, then ja. */
export function requestLocale(
  request: FastifyRequest,
  reply: FastifyReply,
  config: HealthCenterConfig,
): Locale {
  const query = request.query as Record<string, unknown> | undefined;
  if (query?.lang === 'ja' || query?.lang === 'en') {
    reply.setCookie(LOCALE_COOKIE, query.lang, cookieOptions(config, 365 * 86_400));
    return query.lang;
  }
  return toLocale(request.cookies[LOCALE_COOKIE]);
}

/** Reads one string field of a url-encoded form body; missing or repeated fields give ''. */
export function formField(request: FastifyRequest, name: string): string {
  const body = request.body as Record<string, unknown> | undefined;
  const value = body?.[name];
  return typeof value === 'string' ? value : '';
}

/** Throws `CSRF_INVALID` unless the form's `_csrf` field equals the expected token. */
export function checkCsrf(request: FastifyRequest, expected: string | undefined): void {
  const given = Buffer.from(formField(request, '_csrf'));
  const wanted = Buffer.from(expected ?? '');
  if (wanted.length === 0 || given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    throw new HealthCenterError('CSRF_INVALID', 'form token missing or wrong');
  }
}
