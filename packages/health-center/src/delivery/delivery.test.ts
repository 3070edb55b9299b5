import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtpServer } from '../testing/smtp.ts';
import type { TestSmtpServer } from '../testing/smtp.ts';
import { parseContact, parseEmailAddress, parsePhoneNumber } from './contact.ts';
import { DevOutbox } from './outbox.ts';
import { DeliveryError } from './providers.ts';
import { deliverNumber, registrationLink } from './send.ts';
import { HttpSmsGateway } from './sms-gateway.ts';
import { SmtpMailer } from './smtp.ts';

const SETTINGS = { appUrl: 'https://app.example.jp', timeZone: 'Asia/Tokyo' };
const EXPIRES = Date.UTC(2026, 11, 2, 3, 0, 0);

describe('parsePhoneNumber', () => {
  it.each([
    ['090-1234-5678', '+819012345678'],
    ['０９０ー１２３４ー５６７８', '+819012345678'],
    ['(03) 1234-5678', '+81312345678'],
    ['+81 90 1234 5678', '+819012345678'],
    ['+1 415 555 0100', '+14155550100'],
  ])('%s → %s', (input, expected) => {
    expect(parsePhoneNumber(input)).toBe(expected);
  });

  it.each([['090-1234'], ['0000000000'], ['+0 123 4567 890'], ['090 1234 5678 ext 9'], ['']])(
    'refuses %j',
    (input) => {
      expect(() => parsePhoneNumber(input)).toThrow(
        expect.objectContaining({ code: 'PHONE_NUMBER_INVALID' }),
      );
    },
  );
});

describe('parseEmailAddress', () => {
  it('trims a valid address', () => {
    expect(parseEmailAddress('  taro@example.jp ')).toBe('taro@example.jp');
  });

  it.each([['taro@'], ['@example.jp'], ['a b@example.jp'], ['taro@example.jp\nBcc: x@y.jp']])(
    'refuses %j',
    (input) => {
      expect(() => parseEmailAddress(input)).toThrow(
        expect.objectContaining({ code: 'EMAIL_ADDRESS_INVALID' }),
      );
    },
  );

  it('refuses an unknown channel', () => {
    expect(() => parseContact('pager', '123')).toThrow(
      expect.objectContaining({ code: 'CHANNEL_INVALID' }),
    );
  });
});

describe('registrationLink', () => {
  it('opens the app registration screen with the number filled in', () => {
    expect(registrationLink('https://app.example.jp', '01234567')).toBe(
      'https://app.example.jp/#/register?number=01234567',
    );
  });
});

describe('SMTP delivery', () => {
  let smtp: TestSmtpServer;
  let mailer: SmtpMailer;

  beforeAll(async () => {
    smtp = await startTestSmtpServer(['refused@example.jp']);
    mailer = new SmtpMailer(smtp.url, 'hokenjo@example.jp');
  });

  afterAll(async () => {
    mailer.close();
    await smtp.close();
  });

  it('sends a Japanese mail that a real SMTP server receives intact', async () => {
    const outcome = await deliverNumber(
      { sms: new DevOutbox(), mail: mailer },
      { channel: 'email', email: 'taro@example.jp' },
      { processingNumber: '01234567', expiresAt: EXPIRES, locale: 'ja' },
      SETTINGS,
    );
    expect(outcome).toEqual({ status: 'sent' });

    const [mail] = await smtp.waitForMail(1);
    expect(mail?.subject).toBe('接触確認アプリ 陽性登録用の処理番号');
    expect(mail?.from?.text).toBe('hokenjo@example.jp');
    expect(mail?.text).toContain('処理番号: 01234567');
    expect(mail?.text).toContain('https://app.example.jp/#/register?number=01234567');
    expect(mail?.text).toContain('2026/12/02 12:00');
  });

  it('reports a refused recipient as a failure that does not name the recipient', async () => {
    const error = await mailer
      .sendMail({ to: 'refused@example.jp', subject: 's', text: 't' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as Error).message).not.toContain('refused@example.jp');
    expect((error as Error).message).toContain('550');
  });
});

describe('HTTP SMS gateway', () => {
  let server: Server;
  let url = '';
  const requests: { auth?: string; body: unknown }[] = [];
  let answer = 202;

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        requests.push({ auth: request.headers.authorization, body: JSON.parse(body) });
        response.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('posts the message with the bearer credential', async () => {
    const gateway = new HttpSmsGateway({ url, token: 'gateway-token' });
    const outcome = await deliverNumber(
      { sms: gateway, mail: new DevOutbox() },
      { channel: 'sms', phoneNumber: '+819012345678' },
      { processingNumber: '76543210', expiresAt: EXPIRES, locale: 'en' },
      SETTINGS,
    );
    expect(outcome).toEqual({ status: 'sent' });
    expect(requests.at(-1)).toEqual({
      auth: 'Bearer gateway-token',
      body: {
        to: '+819012345678',
        text: expect.stringContaining('76543210'),
      },
    });
    const body = requests.at(-1)?.body as { text: string };
    expect(body.text).toContain('https://app.example.jp/#/register?number=76543210');
  });

  it('turns a gateway error into a failed delivery', async () => {
    answer = 503;
    const gateway = new HttpSmsGateway({ url });
    const outcome = await deliverNumber(
      { sms: gateway, mail: new DevOutbox() },
      { channel: 'sms', phoneNumber: '+819012345678' },
      { processingNumber: '76543210', expiresAt: EXPIRES, locale: 'ja' },
      SETTINGS,
    );
    expect(outcome).toEqual({ status: 'failed', reason: 'sms gateway answered 503' });
    answer = 202;
  });

  it('turns an unreachable gateway into a failed delivery', async () => {
    const gateway = new HttpSmsGateway({ url: 'http://127.0.0.1:1/send', timeoutMs: 2000 });
    await expect(gateway.sendSms({ to: '+819012345678', text: 'x' })).rejects.toThrow(
      /sms gateway unreachable/,
    );
  });
});
