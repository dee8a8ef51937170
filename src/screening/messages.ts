import { type Selectable, sql } from 'kysely';
import type { AuditContext, AuditLog } from '../access/audit.js';
import type { Clock } from '../core/clock.js';
import type { KeyRing } from '../core/crypto/keyring.js';
import { WardenError } from '../core/errors.js';
import type { LocalDays } from '../core/local-days.js';
import type { Identifier } from '../identity/model.js';
import type { SpamModelService } from '../rules/spam/service.js';
import type { Executor, Store } from '../storage/database.js';
import { localDaySql } from '../storage/local-day.js';
import type { MessageTable } from '../storage/schema.js';
import type { ScreenActions, ScreenReason } from './model.js';

export type Mark = 'spam' | 'not_spam' | 'invalid';

export interface StoredMessage {
  id: string;
  receivedAt: string;
  channel: string;
  source: string | null;
  customerId: string | null;
  from: Identifier[];
  text: string;
  decision: string;
  reasons: ScreenReason[];
  actions: ScreenActions;
  externalId: string | null;
  sessionId: string | null;
  complaintId: string | null;
  mark: Mark | null;
  markedBy: string | null;
  markedAt: string | null;
}

export interface MessageFilter {
  limit: number;
  cursor?: string | undefined;
  decision?: string | undefined;
  channel?: string | undefined;
  customerId?: string | undefined;
  senderIndex?: string | undefined;
  ruleId?: string | undefined;
  mark?: Mark | 'unmarked' | undefined;
  from?: number | undefined;
  to?: number | undefined;
}

/** Screened messages as stored: listing, reading (audited) and agents' marks. */
export class MessageService {
  constructor(
    private readonly store: Store,
    private readonly keys: KeyRing,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly spam: SpamModelService,
  ) {}

  /** Screened messages per day (in `days`' time zone) and decision. */
  async decisionsPerDay(days: LocalDays) {
    const rows = await this.store.db
      .selectFrom('messages')
      .select([
        localDaySql('received_at', days).as('d'),
        'decision',
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .where('received_at', '>=', days.since)
      .groupBy([sql`1`, 'decision'])
      .execute();
    const out = Array.from({ length: days.count }, (_, i) => ({
      day: days.label(i),
      total: 0,
      byDecision: {} as Record<string, number>,
    }));
    for (const r of rows) {
      const day = out[Math.floor(Number(r.d)) - days.first];
      if (!day) continue;
      day.total += Number(r.n);
      day.byDecision[r.decision] = (day.byDecision[r.decision] ?? 0) + Number(r.n);
    }
    return out;
  }

  toMessage(r: Selectable<MessageTable>): StoredMessage {
    return {
      id: r.id,
      receivedAt: new Date(r.received_at).toISOString(),
      channel: r.channel,
      source: r.source,
      customerId: r.customer_id,
      from: JSON.parse(this.keys.decrypt(r.identifiers_enc)) as Identifier[],
      text: this.keys.decrypt(r.text_enc),
      decision: r.decision,
      reasons: JSON.parse(r.reasons) as ScreenReason[],
      actions: JSON.parse(r.actions) as ScreenActions,
      externalId: r.external_id,
      sessionId: r.session_id,
      complaintId: r.complaint_id,
      mark: r.mark as Mark | null,
      markedBy: r.marked_by,
      markedAt: r.marked_at === null ? null : new Date(r.marked_at).toISOString(),
    };
  }

  async list(
    ctx: AuditContext,
    f: MessageFilter,
  ): Promise<{ items: StoredMessage[]; nextCursor: string | null }> {
    let q = this.store.db.selectFrom('messages').selectAll('messages');
    if (f.cursor) q = q.where('messages.id', '<', f.cursor);
    if (f.decision) q = q.where('decision', '=', f.decision);
    if (f.channel) q = q.where('channel', '=', f.channel);
    if (f.customerId) q = q.where('customer_id', '=', f.customerId);
    if (f.senderIndex) q = q.where('sender_index', '=', f.senderIndex);
    if (f.mark === 'unmarked') q = q.where('mark', 'is', null);
    else if (f.mark) q = q.where('mark', '=', f.mark);
    if (f.from !== undefined) q = q.where('received_at', '>=', f.from);
    if (f.to !== undefined) q = q.where('received_at', '<', f.to);
    if (f.ruleId) {
      const ruleId = f.ruleId;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('message_rule_hits')
            .select('message_id')
            .whereRef('message_rule_hits.message_id', '=', 'messages.id')
            .where('rule_id', '=', ruleId),
        ),
      );
    }
    const rows = await q
      .orderBy('messages.id', 'desc')
      .limit(f.limit + 1)
      .execute();
    const page = rows.slice(0, f.limit);
    await this.audit.append(this.store.db, ctx, {
      action: 'message.list',
      targetType: 'message',
      summary: { count: page.length },
    });
    return {
      items: page.map((r) => this.toMessage(r)),
      nextCursor: rows.length > f.limit ? (page[page.length - 1]?.id ?? null) : null,
    };
  }

  async get(ctx: AuditContext, id: string): Promise<StoredMessage> {
    const row = await this.store.db
      .selectFrom('messages')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new WardenError('NOT_FOUND', `no message ${id}`);
    await this.audit.append(this.store.db, ctx, {
      action: 'message.read',
      targetType: 'message',
      targetId: id,
    });
    return this.toMessage(row);
  }

  /** Links a recorded message to the complaint it raised or joined (in the caller's transaction, if given). */
  async linkComplaint(messageId: string, complaintId: string, db: Executor = this.store.db): Promise<void> {
    await db.updateTable('messages').set({ complaint_id: complaintId }).where('id', '=', messageId).execute();
  }

  /**
   * An agent's mark. `spam` and `not_spam` teach the spam model; changing a
   * mark first takes the old lesson back, so a corrected mark counts once.
   */
  async mark(ctx: AuditContext, id: string, mark: Mark): Promise<StoredMessage> {
    const now = this.clock.now();
    const { before, after } = await this.store.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new WardenError('NOT_FOUND', `no message ${id}`);
      await trx
        .updateTable('messages')
        .set({ mark, marked_by: ctx.actor.id, marked_at: now })
        .where('id', '=', id)
        .execute();
      await this.audit.append(trx, ctx, {
        action: 'message.mark',
        targetType: 'message',
        targetId: id,
        summary: { mark, previous: row.mark },
      });
      return { before: row, after: { ...row, mark, marked_by: ctx.actor.id, marked_at: now } };
    });
    const text = this.keys.decrypt(before.text_enc);
    const label = (m: string | null) => (m === 'spam' ? 'spam' : m === 'not_spam' ? 'ham' : null);
    const old = label(before.mark);
    const next = label(mark);
    if (old !== next) {
      if (old) this.spam.unlearn(text, old);
      if (next) this.spam.learn(text, next);
    }
    return this.toMessage(after);
  }
}
