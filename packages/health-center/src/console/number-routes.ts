/**
 * Signed-in console routes: the issue form, issuing, the status of one number, revoking,
 * re-sending, and the development outbox. There is deliberately no list of numbers or cases.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HealthCenterContext } from '../context.ts';
import { parseContact } from '../delivery/contact.ts';
import { HealthCenterError } from '../errors.ts';
import { textsFor, toLocale } from '../i18n/index.ts';
import type { Locale } from '../i18n/index.ts';
import { issueAndDeliver } from '../issuance.ts';
import type { IssueResult } from '../issuance.ts';
import { parseIssueForm, todayIn } from './issue-form.ts';
import { issuePage, numberPage, outboxPage } from './pages.ts';
import { formField, requestLocale } from './request.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Registers the signed-in console pages; call inside the guarded scope. */
export function registerNumberRoutes(app: FastifyInstance, ctx: HealthCenterContext): void {
  const { config } = ctx;

  app.get('/console', (request, reply) => {
    const locale = requestLocale(request, reply, config);
    return sendHtml(reply, 200, issuePage(locale, csrf(request), {}, undefined, !!ctx.outbox));
  });

  app.post('/console/numbers', async (request, reply) => {
    const locale = requestLocale(request, reply, config);
    const input = {
      channel: formField(request, 'channel'),
      contact: formField(request, 'contact'),
      testDate: formField(request, 'testDate'),
      reportType: formField(request, 'reportType'),
      onsetDate: formField(request, 'onsetDate'),
      messageLocale: formField(request, 'messageLocale'),
    };
    await limitIssuance(ctx, request);

    let parsed;
    try {
      parsed = parseIssueForm(input, todayIn(config.timeZone, ctx.clock()));
    } catch (error) {
      if (!(error instanceof HealthCenterError) || error.statusCode !== 400) throw error;
      const message = textsFor(locale).errors[error.code];
      return sendHtml(reply, 400, issuePage(locale, csrf(request), input, message, !!ctx.outbox));
    }

    const result = await issueAndDeliver(
      ctx,
      parsed.details,
      parsed.contact,
      parsed.messageLocale,
      request.log,
    );
    return sendResult(reply, ctx, locale, csrf(request), result);
  });

  app.get<{ Params: { id: string } }>('/console/numbers/:id', async (request, reply) => {
    const locale = requestLocale(request, reply, config);
    const row = UUID.test(request.params.id) ? await ctx.numbers.find(request.params.id) : null;
    // An expired row waits for the purge job, but to staff it is already gone.
    const live = row && row.expires_at > ctx.clock() ? row : null;
    const view = live
      ? { id: live.id, expiresAt: live.expires_at, deliveryStatus: live.delivery_status }
      : null;
    return sendHtml(reply, 200, numberPage(locale, config.timeZone, csrf(request), view));
  });

  app.post<{ Params: { id: string } }>('/console/numbers/:id/revoke', async (request, reply) => {
    const locale = requestLocale(request, reply, config);
    const revoked = UUID.test(request.params.id) && (await ctx.numbers.revoke(request.params.id));
    if (revoked) {
      ctx.metrics.numbersRevoked.inc();
      request.log.info('processing number revoked');
    }
    const t = textsFor(locale);
    const notice = revoked ? t.result.revoked : t.result.gone;
    return sendHtml(reply, 200, numberPage(locale, config.timeZone, csrf(request), null, notice));
  });

  app.post<{ Params: { id: string } }>('/console/numbers/:id/resend', async (request, reply) => {
    const locale = requestLocale(request, reply, config);
    const row = UUID.test(request.params.id) ? await ctx.numbers.find(request.params.id) : null;
    if (!row) return sendHtml(reply, 404, numberPage(locale, config.timeZone, csrf(request), null));
    await limitIssuance(ctx, request);

    // The old number is revoked only once the new recipient has been checked.
    const contact = parseContact(formField(request, 'channel'), formField(request, 'contact'));
    const details = {
      reportType: row.report_type === 2 ? (2 as const) : (1 as const),
      testDate: row.test_date,
      channel: contact.channel,
      ...(row.onset_date ? { onsetDate: row.onset_date } : {}),
    };
    const messageLocale = toLocale(formField(request, 'messageLocale'));
    const result = await issueAndDeliver(ctx, details, contact, messageLocale, request.log);
    if (await ctx.numbers.revoke(row.id)) ctx.metrics.numbersRevoked.inc();
    return sendResult(reply, ctx, locale, csrf(request), result);
  });

  app.get('/console/outbox', (request, reply) => {
    const locale = requestLocale(request, reply, config);
    if (!ctx.outbox) throw new HealthCenterError('NOT_FOUND', 'no development outbox');
    const page = outboxPage(locale, config.timeZone, csrf(request), ctx.outbox.messages());
    return sendHtml(reply, 200, page);
  });
}

async function limitIssuance(ctx: HealthCenterContext, request: FastifyRequest): Promise<void> {
  await ctx.limiters('issue-global', request);
  await ctx.limiters('issue-staff', request, request.staff?.staffId);
}

function csrf(request: FastifyRequest): string {
  return request.staff?.csrfToken ?? '';
}

function sendResult(
  reply: FastifyReply,
  ctx: HealthCenterContext,
  locale: Locale,
  csrfToken: string,
  result: IssueResult,
): FastifyReply {
  const view = {
    id: result.id,
    expiresAt: result.expiresAt,
    deliveryStatus: result.deliveryStatus,
    processingNumber: result.processingNumber,
  };
  return sendHtml(reply, 201, numberPage(locale, ctx.config.timeZone, csrfToken, view));
}

function sendHtml(reply: FastifyReply, status: number, page: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(page);
}
