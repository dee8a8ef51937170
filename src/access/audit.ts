import { createHash } from 'node:crypto';
import { type Selectable, sql } from 'kysely';
import { newId } from '../core/ids.js';
import {
  type ChangeFeed,
  type FeedAppend,
  feedItemForAudit,
  PG_CHANGE_ORDER_LOCK,
} from '../storage/change-feed.js';
import type { DialectName, Executor, Store } from '../storage/database.js';
import type { AuditTable } from '../storage/schema.js';

export type ActorType = 'user' | 'api_key' | 'system' | 'cli';

/** Who did something, as the audit log records it. */
export interface Actor {
  type: ActorType;
  id: string | null;
  role: string | null;
  /** Display label (user e-mail or key name); not stored in the chain, for logs only. */
  label?: string;
}

export interface AuditContext {
  actor: Actor;
  requestId: string | null;
}

export interface AuditEvent {
  action: string; // e.g. `user.create`, `customer.read`, `blocklist.release`
  targetType?: string;
  targetId?: string;
  /** Redacted facts: ids, counts, field names, masked or indexed references; never plaintext identifiers. */
  summary?: Record<string, unknown>;
}

/** One event to append and who caused it. */
export interface AuditEntry {
  ctx: AuditContext;
  event: AuditEvent;
}

export interface AuditRecord {
  seq: number;
  id: string;
  at: string;
  actor: { type: string; id: string | null; role: string | null };
  action: string;
  target: { type: string | null; id: string | null };
  requestId: string | null;
  summary: Record<string, unknown>;
  hash: string;
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  head: { seq: number; hash: string } | null;
  firstBroken: { seq: number; reason: string } | null;
}

const GENESIS = '0'.repeat(64);
const ROWS_PER_INSERT = 500;
// The audit chain and the change feed share one lock (see lockChangeOrder).
const PG_AUDIT_LOCK = PG_CHANGE_ORDER_LOCK;

type Row = Omit<AuditTable, 'seq'> & { seq: number };

function rowHash(r: Row): string {
  // A fixed field order: the hash must not depend on how a driver orders keys.
  const material = JSON.stringify([
    r.seq,
    r.id,
    r.at,
    r.actor_type,
    r.actor_id,
    r.actor_role,
    r.action,
    r.target_type,
    r.target_id,
    r.request_id,
    r.summary,
    r.prev_hash,
  ]);
  return createHash('sha256').update(material).digest('hex');
}

export const systemActor: Actor = { type: 'system', id: null, role: null };
export const systemContext: AuditContext = { actor: systemActor, requestId: null };

/**
 * The tamper-evident audit log: every row carries the hash of the row before
 * it, and its sequence number is part of its own hash, so an edited, deleted
 * or re-ordered row breaks verification from that row on.
 */
export class AuditLog {
  private feed: ChangeFeed | null = null;

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Every audited change also appends its change-feed item in the same
   * transaction (see feedItemForAudit), so no change can reach the database
   * without reaching every server.
   */
  attachFeed(feed: ChangeFeed): void {
    this.feed = feed;
  }

  private get dialect(): DialectName {
    return this.store.dialect;
  }

  /**
   * Appends inside the caller's transaction, so the change and its audit row
   * commit together. Pass the store's db to get a transaction of its own.
   */
  async append(executor: Executor, ctx: AuditContext, event: AuditEvent): Promise<void> {
    await this.appendAll(executor, [{ ctx, event }]);
  }

  /**
   * Appends several events, in order, inside the caller's transaction: one
   * lock and one read of the chain's head for all of them (a group commit's
   * audit rows). On PostgreSQL the lock is held until the transaction ends.
   */
  async appendAll(executor: Executor, entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    if (!executor.isTransaction) {
      await executor.transaction().execute((trx) => this.appendAll(trx, entries));
      return;
    }
    if (this.dialect === 'postgres')
      await sql`select pg_advisory_xact_lock(${PG_AUDIT_LOCK})`.execute(executor);
    const last = await executor
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    let seq = last?.seq ?? 0;
    let prevHash = last?.hash ?? GENESIS;
    const rows: Row[] = [];
    for (const { ctx, event } of entries) {
      const row: Row = {
        seq: ++seq,
        id: newId('audit'),
        at: this.now(),
        actor_type: ctx.actor.type,
        actor_id: ctx.actor.id,
        actor_role: ctx.actor.role,
        action: event.action,
        target_type: event.targetType ?? null,
        target_id: event.targetId ?? null,
        request_id: ctx.requestId,
        summary: JSON.stringify(event.summary ?? {}),
        prev_hash: prevHash,
        hash: '',
      };
      row.hash = rowHash(row);
      prevHash = row.hash;
      rows.push(row);
    }
    // 13 parameters a row: well inside SQLite's and PostgreSQL's limits per statement.
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
      await executor
        .insertInto('audit_log')
        .values(rows.slice(i, i + ROWS_PER_INSERT))
        .execute();
    if (this.feed) {
      const items: FeedAppend[] = [];
      for (const { event } of entries) {
        const item = feedItemForAudit(event);
        if (item) items.push(item);
      }
      await this.feed.append(executor, items, true);
    }
  }

  async list(filter: {
    limit: number;
    cursor?: number | undefined;
    action?: string | undefined;
    actorId?: string | undefined;
    targetType?: string | undefined;
    targetId?: string | undefined;
    from?: number | undefined;
    to?: number | undefined;
  }): Promise<{ items: AuditRecord[]; nextCursor: string | null }> {
    let q = this.store.db.selectFrom('audit_log').selectAll();
    if (filter.cursor !== undefined) q = q.where('seq', '<', filter.cursor);
    if (filter.action) {
      // `blocklist.` lists every blocklist action; a full name matches exactly.
      q = filter.action.endsWith('.')
        ? q.where('action', 'like', `${filter.action.replace(/[%_]/g, '')}%`)
        : q.where('action', '=', filter.action);
    }
    if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
    if (filter.targetType) q = q.where('target_type', '=', filter.targetType);
    if (filter.targetId) q = q.where('target_id', '=', filter.targetId);
    if (filter.from !== undefined) q = q.where('at', '>=', filter.from);
    if (filter.to !== undefined) q = q.where('at', '<', filter.to);
    const rows = await q
      .orderBy('seq', 'desc')
      .limit(filter.limit + 1)
      .execute();
    const page = rows.slice(0, filter.limit);
    return {
      items: page.map(toRecord),
      nextCursor: rows.length > filter.limit && page.length > 0 ? String(page[page.length - 1]?.seq) : null,
    };
  }

  /** Walks the whole chain in pages and reports the first broken link. */
  async verify(): Promise<ChainReport> {
    let expectedSeq = 1;
    let prevHash = GENESIS;
    let checked = 0;
    const pageSize = 2000;
    for (;;) {
      const rows = await this.store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>=', expectedSeq)
        .orderBy('seq', 'asc')
        .limit(pageSize)
        .execute();
      for (const r of rows) {
        const row = r as Row;
        let reason: string | null = null;
        if (row.seq !== expectedSeq) reason = `row ${expectedSeq} is missing (next row is ${row.seq})`;
        else if (row.prev_hash !== prevHash) reason = 'does not link to the row before it';
        else if (rowHash(row) !== row.hash) reason = 'its content does not match its hash (edited)';
        if (reason) return { ok: false, checked, head: null, firstBroken: { seq: expectedSeq, reason } };
        checked++;
        expectedSeq++;
        prevHash = row.hash;
      }
      if (rows.length < pageSize) break;
    }
    return {
      ok: true,
      checked,
      head: checked ? { seq: expectedSeq - 1, hash: prevHash } : null,
      firstBroken: null,
    };
  }
}

function toRecord(r: Selectable<AuditTable>): AuditRecord {
  return {
    seq: r.seq,
    id: r.id,
    at: new Date(r.at).toISOString(),
    actor: { type: r.actor_type, id: r.actor_id, role: r.actor_role },
    action: r.action,
    target: { type: r.target_type, id: r.target_id },
    requestId: r.request_id,
    summary: JSON.parse(r.summary) as Record<string, unknown>,
    hash: r.hash,
  };
}
