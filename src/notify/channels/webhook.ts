import { createHmac, timingSafeEqual } from 'node:crypto';
import { postJson } from './http.js';
import { type NotificationTransport, type OutgoingNotification, urlSecrets } from './transport.js';

/** `sha256=<hex HMAC-SHA-256 of "<timestamp>.<body>">`, the `x-warden-signature` header. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * For receivers: true when `header` (`x-warden-signature`) signs `timestamp`
 * (`x-warden-timestamp`, Unix seconds) and the raw request `body` with
 * `secret`, and the timestamp is within `toleranceSeconds` (default 300) of
 * `now`, so a captured request cannot be replayed later. Pass
 * `toleranceSeconds: Infinity` to check the signature alone.
 *
 * @example
 * verifyWebhookSignature(process.env.WARDEN_WEBHOOK_SECRET, req.headers['x-warden-timestamp'],
 *   rawBody, req.headers['x-warden-signature'])
 */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string,
  body: string,
  header: string,
  options: { toleranceSeconds?: number; now?: number } = {},
): boolean {
  if (!/^\d+$/.test(timestamp) || !header.startsWith('sha256=')) return false;
  const tolerance = options.toleranceSeconds ?? 300;
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(nowSeconds - Number(timestamp)) > tolerance) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The JSON a webhook receiver gets. */
export interface WebhookPayload {
  id: string;
  event: string;
  createdAt: string;
  locale: string;
  subject: { type: string; id: string } | null;
  data: Record<string, unknown>;
  message: { subject: string; text: string };
}

/** HMAC-signed JSON POSTs to one configured endpoint. */
export class WebhookTransport implements NotificationTransport {
  readonly channel = 'webhook' as const;
  readonly secrets: readonly string[];

  constructor(private readonly options: { url: string; secret: string; timeoutMs?: number }) {
    this.secrets = [options.secret, ...urlSecrets(options.url)];
  }

  async send(n: OutgoingNotification): Promise<void> {
    const payload: WebhookPayload = {
      id: n.id,
      event: n.template,
      createdAt: new Date(n.createdAt).toISOString(),
      locale: n.locale,
      subject: n.subject,
      data: n.data,
      message: { subject: n.rendered.subject, text: n.rendered.text },
    };
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor(n.now / 1000));
    await postJson(
      this.options.url,
      body,
      {
        'user-agent': 'Warden-Webhook/1',
        'x-warden-id': n.id,
        'x-warden-timestamp': timestamp,
        'x-warden-signature': signWebhook(this.options.secret, timestamp, body),
      },
      this.options.timeoutMs,
    );
  }

  async close(): Promise<void> {}
}
