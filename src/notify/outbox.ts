import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Clock } from '../core/clock.js';
import { deliveryErrorCode } from '../core/coded-text.js';
import type { Config } from '../core/config.js';
import type { KeyRing } from '../core/crypto/keyring.js';
import { newId } from '../core/ids.js';
import type { Logger } from '../core/logging.js';
import type { Executor, Store } from '../storage/database.js';
import type { NotificationTable } from '../storage/schema.js';
import type { Alert } from './alerts.js';
import {
  DeliveryError,
  describeFailure,
  type NotificationTransport,
  type OutgoingNotification,
} from './channels/transport.js';
import type {
  Delivery,
  DeliveryAttempt,
  NotificationChannel,
  NotificationRequest,
  Notifier,
  TemplateName,
} from './model.js';
import { render, TemplateError, type TemplateOverrides } from './templates.js';

export const NOT_CONFIGURED = 'channel not configured';

export type Transports = Partial<Record<NotificationChannel, NotificationTransport>>;

export interface OutboxOptions {
  /** Attempts before a notification is given up as `failed` (default 10). */
  maxAttempts?: number;
  /** Wait after the n-th failed attempt; the last entry repeats (default 5 s, 30 s, 2 min, 10 min, 1 h). */
  backoffMs?: readonly number[];
  /** How long a worker holds a claimed row before another may take it over (default 2 min). */
  leaseMs?: number;
  /** Rows claimed per round trip (default 20); they are sent concurrently. */
  batchSize?: number;
  /** A team's own template wording, read at each render (settings change at run time). */
  templates?: () => TemplateOverrides | undefined;
}

/** What one `deliverDue` did. */
export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

export const DEFAULT_BACKOFF_MS: readonly number[] = [5_000, 30_000, 120_000, 600_000, 3_600_000];

/** Wait before the next attempt after `attempts` failed ones (1-based). */
export function backoffDelay(attempts: number, schedule: readonly number[] = DEFAULT_BACKOFF_MS): number {
  const i = Math.min(Math.max(attempts, 1), schedule.length) - 1;
  return schedule[i] ?? 3_600_000;
}

type Row = Selectable<NotificationTable>;

/**
 * The durable outbox behind `Notifier`. `enqueue` commits a row; `deliverDue`
 * (the `notify.deliver` job, every second) claims due rows, sends them and
 * records each attempt. Claiming is safe across nodes: a claim is one
 * conditional UPDATE (with `FOR UPDATE SKIP LOCKED` on PostgreSQL) that moves
 * rows to `sending` with a lease; a node that dies mid-send leaves the row to
 * be claimed again when the lease ends, so delivery is at least once and
 * receivers dedupe by the notification id. Results are written only by the
 * claim that is still current (`claim_id`), so a late worker cannot overwrite
 * a newer outcome.
 */
export class NotificationOutbox implements Notifier {
  private readonly maxAttempts: number;
  private readonly backoffMs: readonly number[];
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly templates: () => TemplateOverrides | undefined;
  private running: Promise<DeliveryReport> | null = null;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly keys: KeyRing,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly transports: Transports,
    options: OutboxOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 10;
    this.backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
    this.leaseMs = options.leaseMs ?? 120_000;
    this.batchSize = options.batchSize ?? 20;
    this.templates = options.templates ?? (() => undefined);
  }

  /** True when the channel has a transport; unconfigured channels record failures instead of sending. */
  configured(channel: NotificationChannel): boolean {
    return this.transports[channel] !== undefined;
  }

  async enqueue(request: NotificationRequest, executor: Executor = this.store.db): Promise<string> {
    const now = this.clock.now();
    const id = newId('notification', now);
    // Values go through JSON exactly as they will come back out of the row.
    const data = JSON.parse(JSON.stringify(request.data ?? {})) as Record<string, unknown>;
    const problem = this.cannotSend(request.channel, request.to, request.template, request.locale, data);
    await executor
      .insertInto('notifications')
      .values({
        id,
        channel: request.channel,
        to_enc: this.keys.encryptNullable(request.to),
        data_enc: this.keys.encrypt(JSON.stringify(data)),
        template: request.template,
        locale: request.locale,
        subject_type: request.subjectType ?? null,
        subject_id: request.subjectId ?? null,
        status: problem ? 'failed' : 'pending',
        attempts: 0,
        next_attempt_at: problem ? null : now,
        claim_id: null,
        last_error: problem,
        sent_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    if (problem)
      this.log.warn({ notification: id, channel: request.channel, error: problem }, 'notification not sent');
    return id;
  }

  /** Why this request can never be delivered as it is, or null. */
  private cannotSend(
    channel: NotificationChannel,
    to: string | null,
    template: TemplateName,
    locale: 'zh-CN' | 'en',
    data: Record<string, unknown>,
  ): string | null {
    if (!this.transports[channel]) return NOT_CONFIGURED;
    if (channel !== 'webhook' && !to) return `no recipient for ${channel}`;
    try {
      render(template, locale, data, this.templates());
    } catch (err) {
      if (err instanceof TemplateError) return err.message;
      throw err;
    }
    return null;
  }

  /**
   * Claims and delivers everything due at `now`, batch after batch. Runs one
   * at a time per process (a call while one runs waits for it and then runs).
   */
  async deliverDue(now = this.clock.now()): Promise<DeliveryReport> {
    while (this.running) await this.running.catch(() => undefined);
    if (this.closed) return { sent: 0, retrying: 0, failed: 0 };
    this.running = this.deliverAll(now);
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  /** Delivers everything due by the clock now; for tests and `warden` commands. */
  flushNow(): Promise<DeliveryReport> {
    return this.deliverDue(this.clock.now());
  }

  private async deliverAll(now: number): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
    report.failed += await this.giveUpAbandoned(now);
    for (;;) {
      const claimed = await this.claim(now);
      const outcomes = await Promise.all(claimed.map((row) => this.deliverOne(row, now)));
      for (const o of outcomes) report[o]++;
      if (claimed.length < this.batchSize || this.closed) return report;
    }
  }

  /**
   * Rows whose sender died mid-attempt come back when the lease ends; one that
   * has already used its last attempt is failed here rather than sent again.
   */
  private async giveUpAbandoned(now: number): Promise<number> {
    const r = await this.store.db
      .updateTable('notifications')
      .set({
        status: 'failed',
        next_attempt_at: null,
        claim_id: null,
        last_error: `interrupted while sending (lease expired) after ${this.maxAttempts} attempts`,
        updated_at: now,
      })
      .where('status', '=', 'sending')
      .where('next_attempt_at', '<=', now)
      .where('attempts', '>=', this.maxAttempts)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  private async claim(now: number): Promise<Row[]> {
    const claimId = randomUUID();
    const pg = this.store.dialect === 'postgres';
    return (
      this.store.db
        .updateTable('notifications')
        .set((eb) => ({
          status: 'sending',
          claim_id: claimId,
          attempts: eb('attempts', '+', 1),
          next_attempt_at: now + this.leaseMs,
          updated_at: now,
        }))
        .where('id', 'in', (eb) => {
          const due = eb
            .selectFrom('notifications')
            .select('id')
            .where('status', 'in', ['pending', 'sending'])
            .where('next_attempt_at', '<=', now)
            .where('attempts', '<', this.maxAttempts)
            .orderBy('next_attempt_at')
            .limit(this.batchSize);
          // SQLite runs one writer at a time, so the UPDATE itself is the lock there.
          return pg ? due.forUpdate().skipLocked() : due;
        })
        // Re-checked on the row being updated: on PostgreSQL another node may have
        // claimed it between our sub-select and the update.
        .where('status', 'in', ['pending', 'sending'])
        .where('next_attempt_at', '<=', now)
        .returningAll()
        .execute()
    );
  }

  private async deliverOne(row: Row, now: number): Promise<'sent' | 'retrying' | 'failed'> {
    const channel = row.channel as NotificationChannel;
    const transport = this.transports[channel];
    let to: string | null = null;
    const started = Date.now();
    let error: string | null = null;
    let permanent = false;
    try {
      if (!transport) throw new DeliveryError(NOT_CONFIGURED, true);
      to = this.keys.decryptNullable(row.to_enc);
      const data = JSON.parse(this.keys.decrypt(row.data_enc)) as Record<string, unknown>;
      const locale = row.locale === 'en' ? 'en' : 'zh-CN';
      const template = row.template as TemplateName;
      let rendered: OutgoingNotification['rendered'];
      try {
        rendered = render(template, locale, data, this.templates());
      } catch (err) {
        if (err instanceof TemplateError) throw new DeliveryError(err.message, true);
        throw err;
      }
      await transport.send({
        id: row.id,
        channel,
        to,
        template,
        locale,
        data,
        rendered,
        subject: row.subject_type && row.subject_id ? { type: row.subject_type, id: row.subject_id } : null,
        createdAt: row.created_at,
        now,
      });
    } catch (err) {
      permanent = err instanceof DeliveryError && err.permanent;
      error = describeFailure(err, [...(transport?.secrets ?? []), to]);
    }
    const durationMs = Date.now() - started;
    const outcome =
      error === null ? 'sent' : permanent || row.attempts >= this.maxAttempts ? 'failed' : 'retrying';
    await this.store.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('notification_attempts')
        .values({
          notification_id: row.id,
          at: now,
          ok: error === null ? 1 : 0,
          error,
          duration_ms: durationMs,
        })
        .execute();
      const r = await trx
        .updateTable('notifications')
        .set({
          status: outcome === 'retrying' ? 'pending' : outcome,
          next_attempt_at: outcome === 'retrying' ? now + backoffDelay(row.attempts, this.backoffMs) : null,
          claim_id: null,
          last_error: error,
          sent_at: outcome === 'sent' ? now : null,
          updated_at: now,
        })
        .where('id', '=', row.id)
        .where('claim_id', '=', row.claim_id)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) {
        // Our lease ran out and another worker took the row; its outcome stands.
        this.log.warn({ notification: row.id }, 'notification lease lost before its result was recorded');
      }
    });
    if (error !== null) {
      this.log.warn(
        { notification: row.id, channel, attempt: row.attempts, outcome, error },
        'notification attempt failed',
      );
    }
    return outcome;
  }

  /** Deliveries about one subject (e.g. a complaint), oldest first, with their attempts. */
  async deliveries(subjectType: string, subjectId: string): Promise<Delivery[]> {
    const rows = await this.store.db
      .selectFrom('notifications')
      .selectAll()
      .where('subject_type', '=', subjectType)
      .where('subject_id', '=', subjectId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return this.withHistory(rows);
  }

  /** One delivery by id, or null. */
  async get(id: string): Promise<Delivery | null> {
    const rows = await this.store.db.selectFrom('notifications').selectAll().where('id', '=', id).execute();
    return (await this.withHistory(rows))[0] ?? null;
  }

  private async withHistory(rows: Row[]): Promise<Delivery[]> {
    if (rows.length === 0) return [];
    const attempts = await this.store.db
      .selectFrom('notification_attempts')
      .select(['notification_id', 'at', 'ok', 'error'])
      .where(
        'notification_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('id')
      .execute();
    const history = new Map<string, DeliveryAttempt[]>();
    for (const a of attempts) {
      const list = history.get(a.notification_id) ?? [];
      list.push({
        at: new Date(a.at).toISOString(),
        ok: a.ok === 1,
        error: a.error,
        errorCode: deliveryErrorCode(a.error),
      });
      history.set(a.notification_id, list);
    }
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return rows.map((r) => ({
      id: r.id,
      channel: r.channel as NotificationChannel,
      template: r.template as TemplateName,
      // `sending` is still pending to a reader: it has not been accepted yet.
      status: r.status === 'sent' || r.status === 'failed' ? r.status : 'pending',
      attempts: r.attempts,
      lastError: r.last_error,
      lastErrorCode: deliveryErrorCode(r.last_error),
      nextAttemptAt: iso(r.next_attempt_at),
      sentAt: iso(r.sent_at),
      createdAt: new Date(r.created_at).toISOString(),
      history: history.get(r.id) ?? [],
    }));
  }

  /** Waits for a delivery round in progress, then closes the channels. */
  async close(): Promise<void> {
    this.closed = true;
    await this.running?.catch(() => undefined);
    await Promise.all(Object.values(this.transports).map((t) => t.close()));
  }
}

/**
 * Staff hear of every alert: a signed `alert.raised` webhook when one is
 * configured, and an e-mail to each of WARDEN_ALERT_EMAILS. The alert row is
 * already committed when listeners run, so this enqueues in its own write; a
 * failure is logged and the alert still shows in the console inbox.
 */
export function notifyStaffOfAlerts(
  alerts: { onRaise(listener: (alert: Alert) => void): void },
  notifier: NotificationOutbox,
  config: Pick<Config, 'notify' | 'publicUrl'>,
  log: Logger,
): void {
  const { alertEmails, alertLocale } = config.notify;
  alerts.onRaise((alert) => {
    const data = {
      title: alert.title,
      kind: alert.kind,
      severity: alert.severity,
      link: `${config.publicUrl}/alerts?id=${encodeURIComponent(alert.id)}`,
      alertId: alert.id,
      detail: alert.detail,
    };
    const base = {
      template: 'alert.raised',
      locale: alertLocale,
      data,
      subjectType: 'alert',
      subjectId: alert.id,
    } as const;
    const requests: NotificationRequest[] = [];
    if (notifier.configured('webhook')) requests.push({ ...base, channel: 'webhook', to: null });
    for (const to of alertEmails) requests.push({ ...base, channel: 'email', to });
    void Promise.all(requests.map((r) => notifier.enqueue(r))).catch((err: unknown) =>
      log.error({ err, alert: alert.id }, 'could not enqueue alert notifications'),
    );
  });
}
