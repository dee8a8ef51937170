import { type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import type { LocalDays } from '../core/local-days.js';
import type { Executor } from '../storage/database.js';
import { localDaySql } from '../storage/local-day.js';
import type {
  ComplaintEventTable,
  ComplaintMessageTable,
  ComplaintTable,
  Database,
} from '../storage/schema.js';
import { type ComplaintStatus, openStatuses, type Priority } from './model.js';

export type ComplaintRow = Selectable<ComplaintTable>;

/** Where the queue resumes: the sort key of the last complaint on the previous page. */
export interface QueueCursor {
  priority: string;
  severity: number;
  createdAt: number;
  id: string;
}

export interface QueueFilter {
  limit: number;
  cursor?: QueueCursor | undefined;
  status?: ComplaintStatus | 'open' | undefined;
  team?: string | undefined;
  queue?: string | undefined;
  priority?: Priority | undefined;
  channel?: string | undefined;
  customerId?: string | undefined;
  /** A user id, or null for the unassigned. */
  assigneeId?: string | null | undefined;
  category?: string | undefined;
  /** Only complaints with (true) or without (false) a message from a blocked or limited sender. */
  fromBlockedSender?: boolean | undefined;
  /** Only complaints due at or before this time (epoch ms): the overdue and the nearly due. */
  dueBefore?: number | undefined;
  /** Only complaints due after this time (epoch ms). */
  dueAfter?: number | undefined;
  /** Any of these priorities (the workbench's unassigned P1/P2). */
  priorities?: readonly Priority[] | undefined;
}

/** SQL for the complaint tables; nothing else reads or writes them. */
export const complaintRepo = {
  async get(db: Executor, id: string): Promise<ComplaintRow | undefined> {
    return db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The open complaint of this customer and category that last heard from them after `since`. */
  async findOpen(
    db: Executor,
    subjectKey: string,
    category: string,
    since: number,
  ): Promise<ComplaintRow | undefined> {
    return db
      .selectFrom('complaints')
      .selectAll()
      .where('subject_key', '=', subjectKey)
      .where('category', '=', category)
      .where('status', 'in', [...openStatuses])
      .where('last_message_at', '>=', since)
      .orderBy('last_message_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  /** Submissions by one customer since `since`. */
  async countSubmissions(db: Executor, subjectKey: string, since: number): Promise<number> {
    const r = await db
      .selectFrom('complaint_messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('subject_key', '=', subjectKey)
      .where('at', '>=', since)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  },

  /** Channels one customer raised one category on since `since`. */
  async channelsOf(db: Executor, subjectKey: string, category: string, since: number): Promise<string[]> {
    const rows = await db
      .selectFrom('complaint_messages')
      .select('channel')
      .distinct()
      .where('subject_key', '=', subjectKey)
      .where('category', '=', category)
      .where('at', '>=', since)
      .execute();
    return rows.map((r) => r.channel);
  },

  async references(
    db: Executor,
    ids: readonly string[],
  ): Promise<{ id: string; reference: string | null }[]> {
    if (ids.length === 0) return [];
    return db.selectFrom('complaints').select(['id', 'reference']).where('id', 'in', ids).execute();
  },

  /** The next number of a day's reference sequence (1, 2, …), in the caller's transaction. */
  async nextReferenceNumber(db: Executor, day: string): Promise<number> {
    const row = await db
      .insertInto('complaint_reference_days')
      .values({ day, last: 1 })
      .onConflict((oc) => oc.column('day').doUpdateSet({ last: sql`complaint_reference_days.last + 1` }))
      .returning('last')
      .executeTakeFirstOrThrow();
    return Number(row.last);
  },

  async insert(db: Executor, row: ComplaintTable): Promise<void> {
    await db.insertInto('complaints').values(row).execute();
  },

  async update(db: Executor, id: string, patch: Partial<ComplaintTable>): Promise<void> {
    await db.updateTable('complaints').set(patch).where('id', '=', id).execute();
  },

  async addMessage(db: Executor, row: ComplaintMessageTable): Promise<void> {
    await db.insertInto('complaint_messages').values(row).execute();
  },

  async addEvent(db: Executor, row: ComplaintEventTable): Promise<void> {
    await db.insertInto('complaint_events').values(row).execute();
  },

  async events(db: Executor, complaintId: string): Promise<Selectable<ComplaintEventTable>[]> {
    return db
      .selectFrom('complaint_events')
      .selectAll()
      .where('complaint_id', '=', complaintId)
      .orderBy('at')
      .orderBy('id')
      .execute();
  },

  /** Ordered by priority, then severity (high first), then age (old first). */
  async queue(db: Executor, f: QueueFilter): Promise<ComplaintRow[]> {
    let q = whereQueue(db.selectFrom('complaints').selectAll(), f);
    const c = f.cursor;
    if (c) {
      q = q.where((eb) =>
        eb.or([
          eb('priority', '>', c.priority),
          eb.and([eb('priority', '=', c.priority), eb('severity', '<', c.severity)]),
          eb.and([
            eb('priority', '=', c.priority),
            eb('severity', '=', c.severity),
            eb('created_at', '>', c.createdAt),
          ]),
          eb.and([
            eb('priority', '=', c.priority),
            eb('severity', '=', c.severity),
            eb('created_at', '=', c.createdAt),
            eb('id', '>', c.id),
          ]),
        ]),
      );
    }
    return q
      .orderBy('priority', 'asc')
      .orderBy('severity', 'desc')
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .limit(f.limit + 1)
      .execute();
  },

  /** How many complaints a queue filter matches (the workbench's counts). */
  async countQueue(db: Executor, f: Omit<QueueFilter, 'limit' | 'cursor'>): Promise<number> {
    const r = await whereQueue(
      db.selectFrom('complaints').select((eb) => eb.fn.countAll<number>().as('n')),
      f,
    ).executeTakeFirstOrThrow();
    return Number(r.n);
  },

  /** Complaints opened and resolved per UTC day since `since`: [day number, count]. */
  async perDay(db: Executor, column: 'created_at' | 'resolved_at', days: LocalDays) {
    const day = localDaySql(column, days);
    const rows = await db
      .selectFrom('complaints')
      .select([day.as('d'), (eb) => eb.fn.countAll<number>().as('n')])
      .where(column, '>=', days.since)
      .groupBy(sql`1`)
      .execute();
    return rows.map((r) => ({ day: Math.floor(Number(r.d)), count: Number(r.n) }));
  },

  /** Open complaints past their SLA that were never escalated. */
  async overdue(db: Executor, now: number, limit: number): Promise<ComplaintRow[]> {
    return db
      .selectFrom('complaints')
      .selectAll()
      .where('status', 'in', [...openStatuses])
      .where('sla_due_at', '<=', now)
      .where('escalated_at', 'is', null)
      .orderBy('sla_due_at')
      .limit(limit)
      .execute();
  },

  /** Marks one complaint escalated, unless another node already did; true when this call did. */
  async markEscalated(db: Executor, id: string, patch: Partial<ComplaintTable>): Promise<boolean> {
    const r = await db
      .updateTable('complaints')
      .set(patch)
      .where('id', '=', id)
      .where('escalated_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  async forCustomer(db: Executor, customerId: string, limit: number): Promise<ComplaintRow[]> {
    return db
      .selectFrom('complaints')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  },

  async channelCounts(db: Executor, customerId: string): Promise<Record<string, number>> {
    const rows = await db
      .selectFrom('complaint_messages')
      .select(['channel', (eb) => eb.fn.countAll<number>().as('n')])
      .where('subject_key', '=', customerId)
      .groupBy('channel')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.channel, Number(r.n)]));
  },

  async openCount(db: Executor, customerId: string): Promise<number> {
    const r = await db
      .selectFrom('complaints')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('customer_id', '=', customerId)
      .where('status', 'in', [...openStatuses])
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  },

  /** Submissions in a time range, for surge detection (no text). */
  async submissions(db: Executor, from: number, to: number) {
    return db
      .selectFrom('complaint_messages')
      .select(['at', 'subject_key', 'complaint_id', 'category', 'topics'])
      .where('at', '>=', from)
      .where('at', '<', to)
      .execute();
  },

  async texts(db: Executor, ids: readonly string[]): Promise<{ id: string; text_enc: string }[]> {
    if (ids.length === 0) return [];
    return db
      .selectFrom('complaints')
      .select(['id', 'text_enc'])
      .where('id', 'in', [...ids])
      .execute();
  },

  /** Complaints created since `since`, the columns the figures need. */
  async createdSince(db: Executor, since: number) {
    return db
      .selectFrom('complaints')
      .select([
        'id',
        'customer_id',
        'channel',
        'category',
        'priority',
        'risk_words',
        'sla_due_at',
        'resolved_at',
        'created_at',
      ])
      .where('created_at', '>=', since)
      .orderBy('created_at')
      .execute();
  },
};

/** The queue's filters, shared by the page and the count. */
function whereQueue<O>(
  query: SelectQueryBuilder<Database, 'complaints', O>,
  f: Omit<QueueFilter, 'limit' | 'cursor'>,
): SelectQueryBuilder<Database, 'complaints', O> {
  let q = query;
  if (f.status === 'open') q = q.where('status', 'in', [...openStatuses]);
  else if (f.status) q = q.where('status', '=', f.status);
  if (f.team) q = q.where('team', '=', f.team);
  if (f.queue) q = q.where('queue', '=', f.queue);
  if (f.priority) q = q.where('priority', '=', f.priority);
  if (f.customerId) q = q.where('customer_id', '=', f.customerId);
  if (f.assigneeId === null) q = q.where('assignee_id', 'is', null);
  else if (f.assigneeId) q = q.where('assignee_id', '=', f.assigneeId);
  if (f.category) q = q.where('category', '=', f.category);
  if (f.fromBlockedSender !== undefined) q = q.where('from_blocked_sender', '=', f.fromBlockedSender ? 1 : 0);
  if (f.channel) {
    // A complaint belongs to every channel it came in on.
    const channel = f.channel;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('complaint_messages')
          .select('complaint_messages.id')
          .whereRef('complaint_messages.complaint_id', '=', 'complaints.id')
          .where('complaint_messages.channel', '=', channel),
      ),
    );
  }
  if (f.dueBefore !== undefined) q = q.where('sla_due_at', '<=', f.dueBefore);
  if (f.dueAfter !== undefined) q = q.where('sla_due_at', '>', f.dueAfter);
  if (f.priorities) q = q.where('priority', 'in', [...f.priorities]);
  return q;
}
