/**
 * Issuing a number end to end: store its hash, send it, record the delivery outcome, count
 * it. The recipient passes through here once and is not kept.
 */
import type { HealthCenterContext } from './context.ts';
import type { Contact } from './delivery/contact.ts';
import { deliverNumber } from './delivery/send.ts';
import type { Locale } from './i18n/index.ts';
import type { CaseDetails, IssuedNumber } from './numbers/store.ts';

/** A number just issued and what became of its delivery. */
export interface IssueResult extends IssuedNumber {
  deliveryStatus: 'sent' | 'failed';
}

/** Issues a number for the case and sends it; a failed delivery leaves it live and revocable. */
export async function issueAndDeliver(
  ctx: HealthCenterContext,
  details: CaseDetails,
  contact: Contact,
  messageLocale: Locale,
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void },
): Promise<IssueResult> {
  const issued = await ctx.numbers.issue(details, ctx.clock());
  ctx.metrics.numbersIssued.inc({ channel: contact.channel });

  const outcome = await deliverNumber(
    ctx.providers,
    contact,
    {
      processingNumber: issued.processingNumber,
      expiresAt: issued.expiresAt,
      locale: messageLocale,
    },
    { appUrl: ctx.config.appUrl, timeZone: ctx.config.timeZone },
  );
  await ctx.numbers.setDeliveryStatus(issued.id, outcome.status);
  ctx.metrics.deliveries.inc({ channel: contact.channel, outcome: outcome.status });

  if (outcome.status === 'failed') {
    log.warn({ channel: contact.channel, reason: outcome.reason }, 'delivery failed');
  } else {
    log.info({ channel: contact.channel }, 'processing number issued and sent');
  }
  return { ...issued, deliveryStatus: outcome.status };
}
