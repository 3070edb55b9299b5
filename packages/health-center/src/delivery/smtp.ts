/** E-mail through an SMTP server with nodemailer. */
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { DeliveryError } from './providers.ts';
import type { MailMessage, MailProvider } from './providers.ts';

/** A `MailProvider` that relays through the SMTP server an `smtp://` or `smtps://` URL names. */
export class SmtpMailer implements MailProvider {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  /** Sends one mail; throws `DeliveryError` carrying only the SMTP reply code. */
  async sendMail(message: MailMessage): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
      });
    } catch (error) {
      // nodemailer errors may quote the recipient in `response`; keep the code only.
      const code = (error as { responseCode?: number; code?: string }).responseCode;
      const kind = (error as { code?: string }).code;
      throw new DeliveryError(`smtp refused (${code ?? kind ?? 'unknown'})`);
    }
  }

  /** Closes pooled SMTP connections. */
  close(): void {
    this.transport.close();
  }
}
