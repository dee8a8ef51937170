import nodemailer, { type Transporter } from 'nodemailer';
import {
  DeliveryError,
  type NotificationTransport,
  type OutgoingNotification,
  urlSecrets,
} from './transport.js';

/**
 * E-mail over SMTP with nodemailer. `smtp://` upgrades with STARTTLS when the
 * server offers it, `smtps://` is TLS from the start. Bodies are sent base64
 * (not quoted-printable), so Chinese text survives any relay intact.
 */
export class SmtpEmailTransport implements NotificationTransport {
  readonly channel = 'email' as const;
  readonly secrets: readonly string[];
  private readonly transporter: Transporter;

  constructor(private readonly options: { url: string; from: string }) {
    this.secrets = urlSecrets(options.url);
    this.transporter = nodemailer.createTransport({
      url: options.url,
      // nodemailer waits minutes by default; an attempt must end well inside the outbox lease.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(n: OutgoingNotification): Promise<void> {
    if (!n.to) throw new DeliveryError('no recipient e-mail address', true);
    await this.transporter.sendMail({
      from: this.options.from,
      to: n.to,
      subject: n.rendered.subject,
      text: n.rendered.text,
      html: n.rendered.html,
      textEncoding: 'base64',
      messageId: `<${n.id}@warden>`,
      headers: { 'x-warden-id': n.id },
    });
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
