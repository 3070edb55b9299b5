/**
 * Looking a number up by its digits: a person may read their number to staff over the phone
 * to have it revoked or re-sent. The typed number is normalised exactly as the verification
 * API does, and a malformed one gets the same `PROCESSING_NUMBER_INVALID`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  PROCESSING_NUMBER_INVALID,
  ProtocolError,
  normalizeProcessingNumber,
} from '@cocoa/protocol';
import type { HealthCenterContext } from '../context.ts';
import { textsFor } from '../i18n/index.ts';
import { lookupPage, numberPage } from './pages.ts';
import { formField, requestLocale } from './request.ts';

/** Registers `GET/POST /console/lookup`; call inside the guarded scope. */
export function registerLookupRoutes(app: FastifyInstance, ctx: HealthCenterContext): void {
  const csrf = (request: FastifyRequest) => request.staff?.csrfToken ?? '';

  app.get('/console/lookup', (request, reply) => {
    const locale = requestLocale(request, reply, ctx.config);
    return reply.type('text/html; charset=utf-8').send(lookupPage(locale, csrf(request)));
  });

  app.post('/console/lookup', async (request, reply) => {
    const locale = requestLocale(request, reply, ctx.config);
    const typed = formField(request, 'processingNumber');

    let processingNumber: string;
    try {
      processingNumber = normalizeProcessingNumber(typed);
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      const message = textsFor(locale).errors[PROCESSING_NUMBER_INVALID];
      const page = lookupPage(locale, csrf(request), typed, message);
      return reply.code(400).type('text/html; charset=utf-8').send(page);
    }

    const row = await ctx.numbers.findByNumber(processingNumber);
    if (row && row.expires_at > ctx.clock()) {
      return reply.redirect(`/console/numbers/${row.id}`, 303);
    }
    const page = numberPage(locale, ctx.config.timeZone, csrf(request), null);
    return reply.code(404).type('text/html; charset=utf-8').send(page);
  });
}
