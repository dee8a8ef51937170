import type { CodedText } from '../core/coded-text.js';
import type { Executor } from '../storage/database.js';

/**
 * Notifications go through a durable outbox: `enqueue` commits a row (in the
 * caller's transaction when given one), a worker delivers it with retries and
 * backoff, and every attempt is kept so the console can show delivery state.
 */
export type NotificationChannel = 'sms' | 'email' | 'webhook';

export type TemplateName =
  | 'complaint.received'
  | 'complaint.processing'
  | 'complaint.resolved'
  | 'complaint.auto_reply'
  | 'alert.raised'
  | 'blocklist.started'
  | 'blocklist.released';

export interface NotificationRequest {
  channel: NotificationChannel;
  /** Phone (E.164) for sms, e-mail address for email, null for webhook (the configured endpoint). */
  to: string | null;
  template: TemplateName;
  locale: 'zh-CN' | 'en';
  /** Values for the template; no secrets. Stored encrypted (it may hold personal data). */
  data: Record<string, unknown>;
  /** What the notification is about, so it can be listed there (e.g. complaint id). */
  subjectType?: string;
  subjectId?: string;
}

export interface Delivery {
  id: string;
  channel: NotificationChannel;
  template: TemplateName;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  /** `lastError` as a code and values (src/core/coded-text.ts), for the console to word. */
  lastErrorCode: CodedText | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  createdAt: string;
  /** Every attempt, oldest first: when, whether it was accepted, and why not. */
  history: DeliveryAttempt[];
}

export interface DeliveryAttempt {
  at: string;
  ok: boolean;
  error: string | null;
  errorCode: CodedText | null;
}

export interface Notifier {
  /**
   * Records the notification and returns its id. Given a transaction, the row
   * commits (or rolls back) with the caller's own writes:
   *
   * @example
   * await store.db.transaction().execute(async (trx) => {
   *   await trx.insertInto('complaints').values(row).execute();
   *   await notifier.enqueue({ channel: 'sms', to: phone, template: 'complaint.received',
   *     locale: 'zh-CN', data: { ref, sla }, subjectType: 'complaint', subjectId: row.id }, trx);
   * });
   *
   * A channel that is not configured (or a request that cannot be rendered)
   * does not throw: the row is stored as `failed` with the reason, so it shows
   * on the subject.
   */
  enqueue(request: NotificationRequest, executor?: Executor): Promise<string>;
  /** Deliveries about one subject, oldest first. */
  deliveries(subjectType: string, subjectId: string): Promise<Delivery[]>;
  /** True when the channel has a transport (unconfigured channels record failures instead). */
  configured(channel: NotificationChannel): boolean;
}
