/**
 * Test helper: a real SMTP server on 127.0.0.1 (smtp-server) whose received mail is parsed
 * with mailparser, so delivery tests read back exactly what a mail client would see.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A running test SMTP server. */
export interface TestSmtpServer {
  /** `smtp://127.0.0.1:<port>` for SMTP_URL. */
  url: string;
  received: ParsedMail[];
  /** Resolves once `count` mails have arrived in total. */
  waitForMail(count: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

/** Starts the server; recipients in `refuse` get a permanent 550 at RCPT TO. */
export async function startTestSmtpServer(refuse: string[] = []): Promise<TestSmtpServer> {
  const received: ParsedMail[] = [];
  const waiters: { count: number; resolve: (mails: ParsedMail[]) => void }[] = [];

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse.includes(address.address)) {
        callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          for (const waiter of waiters.filter((w) => received.length >= w.count)) {
            waiter.resolve([...received]);
          }
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    waitForMail: (count) =>
      received.length >= count
        ? Promise.resolve([...received])
        : new Promise((resolve) => waiters.push({ count, resolve })),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
