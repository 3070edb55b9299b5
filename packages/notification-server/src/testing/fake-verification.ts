/**
 * Test helper: a small health-center verification endpoint on a loopback port, following the
 * contract in `@cocoa/protocol`. Numbers are single-use and consumed atomically (the event
 * loop runs one handler step at a time), like the real service promises.
 */
import Fastify from 'fastify';
import {
  parseVerificationRequest,
  VERIFICATION_PATH,
  VERIFICATION_SECRET_HEADER,
  type VerifiedReportType,
} from '@cocoa/protocol';

/** A running fake verification service. */
export interface FakeVerification {
  url: string;
  secret: string;
  /** Makes `processingNumber` valid once, with the given report type. */
  issue(processingNumber: string, reportType?: VerifiedReportType): void;
  /** Every number the service was asked about, in order (to prove where numbers go). */
  asked: string[];
  /** Extra delay before answering, in ms. */
  delayMs: number;
  /** When true, answers 500 as if the service were broken. */
  failing: boolean;
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1, port 0. */
export async function startFakeVerification(): Promise<FakeVerification> {
  const live = new Map<string, VerifiedReportType>();
  const app = Fastify();
  const fake: FakeVerification = {
    url: '',
    secret: 'test-verification-secret',
    asked: [],
    delayMs: 0,
    failing: false,
    issue: (n, reportType = 1) => void live.set(n, reportType),
    close: () => app.close(),
  };

  app.post(VERIFICATION_PATH, async (request, reply) => {
    if (request.headers[VERIFICATION_SECRET_HEADER] !== fake.secret) {
      return reply.code(401).send({ code: 'VERIFICATION_UNAUTHORIZED', message: 'bad secret' });
    }
    const { processingNumber } = parseVerificationRequest(request.body);
    fake.asked.push(processingNumber);
    if (fake.delayMs > 0) await new Promise((r) => setTimeout(r, fake.delayMs));
    if (fake.failing) return reply.code(500).send({ code: 'INTERNAL', message: 'broken' });

    const reportType = live.get(processingNumber);
    live.delete(processingNumber);
    if (reportType === undefined) return { result: 'invalid' };
    return { result: 'valid', reportType, testDate: '2020-06-01' };
  });

  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  fake.url = `http://127.0.0.1:${address.port}`;
  return fake;
}
