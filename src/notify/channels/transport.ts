import type { NotificationChannel, TemplateName } from '../model.js';
import type { RenderedNotification } from '../templates.js';

/** One delivery attempt, as the outbox hands it to a channel. */
export interface OutgoingNotification {
  /** The notification id; receivers dedupe on it (delivery is at least once). */
  id: string;
  channel: NotificationChannel;
  /** Decrypted recipient: phone for sms, address for email, null for webhook. */
  to: string | null;
  template: TemplateName;
  locale: 'zh-CN' | 'en';
  data: Record<string, unknown>;
  rendered: RenderedNotification;
  subject: { type: string; id: string } | null;
  createdAt: number;
  /** When this attempt is made (the outbox's clock), epoch ms. */
  now: number;
}

/**
 * A way to reach someone. `send` resolves when the far side accepted the
 * message and throws a DeliveryError (or any error) when it did not; the
 * outbox retries with backoff.
 */
export interface NotificationTransport {
  readonly channel: NotificationChannel;
  send(notification: OutgoingNotification): Promise<void>;
  /** Values that must never appear in a stored error (passwords, tokens). */
  readonly secrets: readonly string[];
  close(): Promise<void>;
}

/** A failed attempt; `permanent` ones are not retried (e.g. a template that cannot render). */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
  }
}

/**
 * An error as it may be stored: the message and its causes (`fetch failed:
 * connect ECONNREFUSED …`), with secrets and the recipient replaced, at most
 * 500 characters.
 */
export function describeFailure(err: unknown, hide: readonly (string | null | undefined)[]): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const message = e instanceof Error ? e.message : String(e);
    if (message && !parts.includes(message)) parts.push(message);
    e = e instanceof Error ? e.cause : undefined;
  }
  let text = parts.join(': ') || 'unknown error';
  for (const secret of hide) {
    if (secret && secret.length >= 3) text = text.split(secret).join('***');
  }
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}

/** The parts of a URL that can be credentials: user, password, query values. */
export function urlSecrets(url: string): string[] {
  try {
    const u = new URL(url);
    const out = [decodeURIComponent(u.username), decodeURIComponent(u.password)];
    for (const [, v] of u.searchParams) out.push(v);
    return out.filter((s) => s.length >= 3);
  } catch {
    return [];
  }
}
