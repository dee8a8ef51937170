import type { Selectable } from 'kysely';
import type { AuditContext, AuditLog } from '../access/audit.js';
import type { Clock } from '../core/clock.js';
import { type CodedText, ruleDetailCode } from '../core/coded-text.js';
import type { KeyRing } from '../core/crypto/keyring.js';
import { WardenError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Store } from '../storage/database.js';
import type { AlertTable } from '../storage/schema.js';

export type AlertKind =
  | 'auto_blocklist'
  | 'protected_customer'
  | 'review_due'
  | 'complaint_p1'
  | 'blocked_sender_complaint'
  | 'escalation'
  | 'surge'
  | 'rule_false_positives'
  | 'rule_notify'
  | 'redis_down'
  | 'winback_due';

export type AlertSeverity = 'info' | 'warning' | 'critical';

export interface Alert {
  id: string;
  kind: string;
  severity: string;
  title: string;
  /** The title as a code and values (`alert.<kind>`), for the console to word; see `alertMessage`. */
  message: CodedText;
  detail: Record<string, unknown>;
  target: { type: string | null; id: string | null };
  status: 'open' | 'acked';
  createdAt: string;
  ackedAt: string | null;
  ackedBy: string | null;
}

export interface RaiseAlert {
  kind: AlertKind;
  severity: AlertSeverity;
  title: string;
  /** Facts for the reader: ids, counts, rule names, sample texts; stored encrypted. */
  detail?: Record<string, unknown>;
  targetType?: string;
  targetId?: string;
  /** Raise at most once per key (e.g. `surge:logistics:2026-11-23T08`). */
  dedupeKey?: string;
}

const pick = (detail: Record<string, unknown>, names: readonly string[]) =>
  Object.fromEntries(names.filter((n) => detail[n] !== undefined).map((n) => [n, detail[n]]));

/** The values each kind's title is made of, all in its stored detail. */
const ALERT_PARAMS: Record<AlertKind, readonly string[]> = {
  auto_blocklist: ['rule', 'ruleId', 'entryId', 'level', 'status'],
  protected_customer: ['rule', 'ruleId', 'customerId'],
  review_due: ['entryId', 'count'],
  complaint_p1: ['complaintId', 'reference', 'category', 'severity'],
  blocked_sender_complaint: ['complaintId', 'reference', 'decision', 'signals', 'priority'],
  escalation: ['complaintId', 'reference', 'from', 'to'],
  surge: ['kind', 'value', 'count', 'hour', 'mean', 'distinctCustomers'],
  rule_false_positives: ['rule', 'ruleId', 'precision', 'marks'],
  rule_notify: ['rule', 'ruleId'],
  redis_down: ['policy'],
  winback_due: ['caseId', 'milestone', 'dueAt', 'overdueDays'],
};

/**
 * An alert's title as `alert.<kind>` and the values it is made of (times as
 * ISO, so the reader's time zone can show them). A rule's own notify message
 * is a person's words: `text`. Findings come coded as `details`.
 */
export function alertMessage(kind: string, title: string, detail: Record<string, unknown>): CodedText {
  const names = ALERT_PARAMS[kind as AlertKind];
  if (!names) return { code: 'text', params: { text: title } };
  if (kind === 'rule_notify' && title !== `Rule "${String(detail.rule)}" matched`)
    return { code: 'text', params: { text: title } };
  const params = pick(detail, names);
  if (Array.isArray(detail.details))
    params.details = detail.details.filter((d) => typeof d === 'string').map(ruleDetailCode);
  return { code: `alert.${kind}`, params };
}

/** Reads a row; the detail is ciphertext since 0011, plain JSON in older rows not yet swept. */
const toAlert = (keys: KeyRing, r: Selectable<AlertTable>): Alert => {
  const detail = JSON.parse(r.detail_enc === null ? r.detail : keys.decrypt(r.detail_enc)) as Record<
    string,
    unknown
  >;
  return {
    id: r.id,
    kind: r.kind,
    severity: r.severity,
    title: r.title,
    message: alertMessage(r.kind, r.title, detail),
    detail,
    target: { type: r.target_type, id: r.target_id },
    status: r.status === 'acked' ? 'acked' : 'open',
    createdAt: new Date(r.created_at).toISOString(),
    ackedAt: r.acked_at === null ? null : new Date(r.acked_at).toISOString(),
    ackedBy: r.acked_by,
  };
};

/** Alerts for supervisors: stored, listed in the console inbox, acknowledged. */
export class AlertService {
  private readonly listeners: ((alert: Alert) => void)[] = [];

  constructor(
    private readonly store: Store,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly keys: KeyRing,
  ) {}

  /** Alerts' titles and coded messages by id, batched, for the audit page. */
  async messagesOf(ids: readonly string[]): Promise<Map<string, { title: string; message: CodedText }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.store.db.selectFrom('alerts').selectAll().where('id', 'in', ids).execute();
    return new Map(
      rows.map((r) => {
        const a = toAlert(this.keys, r);
        return [a.id, { title: a.title, message: a.message }];
      }),
    );
  }

  /** Outbound notification channels hook in here. */
  onRaise(listener: (alert: Alert) => void): void {
    this.listeners.push(listener);
  }

  /** Returns the alert, or null when one with the same dedupe key exists. */
  async raise(input: RaiseAlert): Promise<Alert | null> {
    const now = this.clock.now();
    const row: AlertTable = {
      id: newId('alert', now),
      kind: input.kind,
      severity: input.severity,
      title: input.title,
      // Details quote complaint texts (a surge's samples) and rule findings: encrypted.
      detail: '{}',
      detail_enc: this.keys.encrypt(JSON.stringify(input.detail ?? {})),
      target_type: input.targetType ?? null,
      target_id: input.targetId ?? null,
      dedupe_key: input.dedupeKey ?? null,
      status: 'open',
      created_at: now,
      acked_at: null,
      acked_by: null,
    };
    const r = await this.store.db
      .insertInto('alerts')
      .values(row)
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 1) === 0) return null;
    const alert = toAlert(this.keys, row);
    for (const l of this.listeners) l(alert);
    return alert;
  }

  async list(filter: {
    limit: number;
    cursor?: string | undefined;
    status?: 'open' | 'acked' | undefined;
    kind?: string | undefined;
  }) {
    let q = this.store.db.selectFrom('alerts').selectAll();
    if (filter.cursor) q = q.where('id', '<', filter.cursor);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    const rows = await q
      .orderBy('id', 'desc')
      .limit(filter.limit + 1)
      .execute();
    const page = rows.slice(0, filter.limit);
    const open = await this.store.db
      .selectFrom('alerts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    return {
      items: page.map((r) => toAlert(this.keys, r)),
      nextCursor: rows.length > filter.limit ? (page[page.length - 1]?.id ?? null) : null,
      // All open alerts, for badges: a page alone cannot say.
      openCount: Number(open.n),
    };
  }

  /** Open alerts, and open surge alerts, each a count and the newest few (without the detail). */
  async workbench(limit: number) {
    const section = async (kind?: AlertKind) => {
      let q = this.store.db.selectFrom('alerts').where('status', '=', 'open');
      if (kind) q = q.where('kind', '=', kind);
      const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await q.selectAll().orderBy('id', 'desc').limit(limit).execute();
      return {
        count: Number(n),
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          severity: r.severity,
          title: r.title,
          target: { type: r.target_type, id: r.target_id },
          createdAt: new Date(r.created_at).toISOString(),
        })),
      };
    };
    return { openAlerts: await section(), openSurges: await section('surge') };
  }

  /**
   * Acknowledge several alerts at once, all or none: an unknown id changes
   * nothing. Each alert that was open gets its own audit entry.
   */
  async ackMany(ctx: AuditContext, ids: readonly string[]): Promise<Alert[]> {
    const now = this.clock.now();
    return this.store.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('alerts')
        .selectAll()
        .where('id', 'in', [...ids])
        .execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      const missing = ids.flatMap((id, i) =>
        byId.has(id) ? [] : [{ field: `/ids/${i}`, message: `no alert ${id}` }],
      );
      if (missing.length > 0)
        throw new WardenError('NOT_FOUND', `${missing.length} of the alerts do not exist`, {
          errors: missing,
        });
      const out: Alert[] = [];
      for (const id of ids) {
        const row = byId.get(id);
        if (!row) continue;
        if (row.status === 'acked') {
          out.push(toAlert(this.keys, row));
          continue;
        }
        await trx
          .updateTable('alerts')
          .set({ status: 'acked', acked_at: now, acked_by: ctx.actor.id })
          .where('id', '=', id)
          .execute();
        await this.audit.append(trx, ctx, { action: 'alert.ack', targetType: 'alert', targetId: id });
        out.push(toAlert(this.keys, { ...row, status: 'acked', acked_at: now, acked_by: ctx.actor.id }));
      }
      return out;
    });
  }

  async ack(ctx: AuditContext, id: string): Promise<Alert> {
    const now = this.clock.now();
    return this.store.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new WardenError('NOT_FOUND', `no alert ${id}`);
      if (row.status === 'acked') return toAlert(this.keys, row);
      await trx
        .updateTable('alerts')
        .set({ status: 'acked', acked_at: now, acked_by: ctx.actor.id })
        .where('id', '=', id)
        .execute();
      await this.audit.append(trx, ctx, { action: 'alert.ack', targetType: 'alert', targetId: id });
      return toAlert(this.keys, { ...row, status: 'acked', acked_at: now, acked_by: ctx.actor.id });
    });
  }
}
