/** Console sign-in, sign-out and the guard that every other console route sits behind. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HealthCenterContext } from '../context.ts';
import { HealthCenterError } from '../errors.ts';
import { subjectOf } from '../http/rate-limits.ts';
import { textsFor } from '../i18n/index.ts';
import { checkStaffCredentials } from '../staff/accounts.ts';
import { randomToken } from '../staff/sessions.ts';
import type { StaffSession } from '../staff/sessions.ts';
import { signInPage } from './pages.ts';
import {
  SESSION_COOKIE,
  SIGN_IN_COOKIE,
  checkCsrf,
  cookieOptions,
  formField,
  requestLocale,
} from './request.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member, set by the console guard. */
    staff: StaffSession | null;
  }
}

/** Registers sign-in and the landing redirect. */
export function registerSignInRoutes(app: FastifyInstance, ctx: HealthCenterContext): void {
  app.decorateRequest('staff', null);

  app.get('/console/sign-in', (request, reply) => {
    const locale = requestLocale(request, reply, ctx.config);
    const expired = (request.query as Record<string, unknown>).expired === '1';
    return sendSignIn(reply, ctx, locale, 200, { expired });
  });

  app.post('/console/sign-in', async (request, reply) => {
    const locale = requestLocale(request, reply, ctx.config);
    checkCsrf(request, request.cookies[SIGN_IN_COOKIE]);

    const username = formField(request, 'username');
    await ctx.limiters('sign-in-global', request);
    await ctx.limiters('sign-in-user', request, subjectOf(username));

    const staffId = await checkStaffCredentials(
      ctx.database.db,
      username,
      formField(request, 'password'),
    );
    if (!staffId) {
      ctx.metrics.signInFailures.inc();
      request.log.info('sign-in refused');
      return sendSignIn(reply, ctx, locale, 401, { error: textsFor(locale).signIn.failed });
    }

    // A fresh token on every sign-in, so a token planted before sign-in is worthless.
    const { token } = await ctx.sessions.create(staffId, ctx.clock());
    reply.setCookie(SESSION_COOKIE, token, cookieOptions(ctx.config, ctx.config.sessionMaxSeconds));
    reply.clearCookie(SIGN_IN_COOKIE, { path: '/console' });
    request.log.info('staff signed in');
    return reply.redirect('/console', 303);
  });
}

/** Registers sign-out; must be inside the guarded scope. */
export function registerSignOutRoute(app: FastifyInstance, ctx: HealthCenterContext): void {
  app.post('/console/sign-out', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await ctx.sessions.delete(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/console' });
    return reply.redirect('/console/sign-in', 303);
  });
}

/**
 * Guard for the signed-in part of the console: loads the session (ending it when idle) and
 * checks the CSRF token of every POST against the one bound to the session.
 */
export function consoleGuard(ctx: HealthCenterContext) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await ctx.sessions.touch(token, ctx.clock()) : null;
    if (!session) {
      if (token) reply.clearCookie(SESSION_COOKIE, { path: '/console' });
      if (request.method === 'GET') {
        return reply.redirect(`/console/sign-in${token ? '?expired=1' : ''}`, 303);
      }
      throw new HealthCenterError('SIGN_IN_REQUIRED', 'sign in first');
    }

    request.staff = session;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      checkCsrf(request, session.csrfToken);
    }
    return undefined;
  };
}

function sendSignIn(
  reply: FastifyReply,
  ctx: HealthCenterContext,
  locale: 'ja' | 'en',
  status: number,
  notice: { error?: string; expired?: boolean },
): FastifyReply {
  const csrfToken = randomToken();
  reply.setCookie(SIGN_IN_COOKIE, csrfToken, cookieOptions(ctx.config, 3600));
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(signInPage(locale, csrfToken, notice));
}
