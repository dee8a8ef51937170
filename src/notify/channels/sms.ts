import { postJson } from './http.js';
import {
  DeliveryError,
  type NotificationTransport,
  type OutgoingNotification,
  urlSecrets,
} from './transport.js';

/**
 * SMS through a small HTTP adapter: POST `{to, text, id}` as JSON to
 * WARDEN_SMS_URL, with `Authorization: Bearer WARDEN_SMS_TOKEN` when set; any
 * 2xx is accepted. Providers with their own signing (Aliyun SMS, Twilio) sit
 * behind a few-line adapter service, or get their own class here implementing
 * NotificationTransport (sign the request, map `to`/`text` to the provider's
 * fields and template codes) chosen in `createTransports` by a URL scheme.
 */
export class HttpSmsTransport implements NotificationTransport {
  readonly channel = 'sms' as const;
  readonly secrets: readonly string[];

  constructor(private readonly options: { url: string; token: string | null; timeoutMs?: number }) {
    this.secrets = [options.token ?? '', ...urlSecrets(options.url)].filter(Boolean);
  }

  async send(n: OutgoingNotification): Promise<void> {
    if (!n.to) throw new DeliveryError('no recipient phone number', true);
    const headers: Record<string, string> = { 'user-agent': 'Warden-SMS/1', 'x-warden-id': n.id };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    await postJson(
      this.options.url,
      JSON.stringify({ to: n.to, text: n.rendered.text, id: n.id }),
      headers,
      this.options.timeoutMs,
    );
  }

  async close(): Promise<void> {}
}
