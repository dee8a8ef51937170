import type { Selectable } from 'kysely';
import type { AuditContext, AuditLog } from '../access/audit.js';
import type { WinbackTemplate } from '../blocklist/release-settings.js';
import type { BlocklistEntry } from '../blocklist/service.js';
import type { Clock } from '../core/clock.js';
import type { KeyRing } from '../core/crypto/keyring.js';
import { WardenError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Logger } from '../core/logging.js';
import type { CustomerCard } from '../identity/service.js';
import type { AlertService } from '../notify/alerts.js';
import type { Executor, Store } from '../storage/database.js';
import type { WinbackCaseTable, WinbackMilestoneTable } from '../storage/schema.js';
import {
  DAY,
  defaultDueDays,
  type Milestone,
  type MilestoneKind,
  milestoneKinds,
  type Outcome,
  type PlanStep,
  type StatsGroup,
  type StatsInterval,
  type StatsRow,
  type WinbackCase,
  winbackStats,
} from './model.js';

export interface WinbackDeps {
  store: Store;
  keys: KeyRing;
  audit: AuditLog;
  clock: Clock;
  log: Logger;
  alerts: AlertService;
  /** The entry, through the blocklist's service (it owns its tables). */
  entry: (id: string) => Promise<BlocklistEntry>;
  /** The customer an entry is about: its own, or the one its identifier belongs to. */
  customerOf: (entry: BlocklistEntry) => Promise<string | null>;
  templates: () => readonly WinbackTemplate[];
  userNames: () => Promise<Map<string, string>>;
  customers: (ids: readonly (string | null)[]) => Promise<Map<string, CustomerCard>>;
}

export interface CreateCase {
  entryId: string;
  ownerId?: string | null | undefined;
  template?: string | null | undefined;
  /** Language of the template's steps and script. */
  locale?: 'zh-CN' | 'en' | undefined;
  plan?: string[] | undefined;
  script?: string | null | undefined;
  notes?: string | null | undefined;
  dueAt?: Partial<Record<MilestoneKind, number | null>> | undefined;
  satisfactionBefore?: number | null | undefined;
}

export interface CasePatch {
  ownerId?: string | null;
  plan?: PlanStep[];
  script?: string | null;
  notes?: string | null;
  milestones?: { kind: MilestoneKind; dueAt?: number | null; done?: boolean }[];
  outcome?: Outcome | null;
  satisfactionBefore?: number | null;
  satisfactionAfter?: number | null;
}

export interface CaseFilter {
  limit: number;
  cursor?: string | undefined;
  status?: 'open' | 'closed' | undefined;
  outcome?: Outcome | undefined;
  ownerId?: string | undefined;
  category?: string | undefined;
  entryId?: string | undefined;
  customerId?: string | undefined;
  /** Only cases with a milestone due and not done. */
  overdue?: boolean | undefined;
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/**
 * Win-back cases: opened by a supervisor for a customer whose blocklist entry
 * was released (or temporarily released), worked through a plan and
 * milestones, closed with an outcome. Script and notes are personal text,
 * encrypted at rest; every change is audited (no server holds cases in
 * memory, so no change-feed topic).
 */
export class WinbackService {
  constructor(private readonly d: WinbackDeps) {}

  async create(ctx: AuditContext, input: CreateCase): Promise<WinbackCase> {
    const entry = await this.d.entry(input.entryId);
    const temporarilyReleased = entry.exemptions.some((e) => e.active && e.sessionId === null);
    if (entry.status !== 'released' && !temporarilyReleased)
      throw new WardenError(
        'WINBACK_ENTRY_NOT_RELEASED',
        `entry ${entry.id} is ${entry.status}: release it (or release it temporarily) first`,
        { extras: { entryId: entry.id, entryStatus: entry.status } },
      );
    let template: WinbackTemplate | undefined;
    if (input.template) {
      template = this.d.templates().find((t) => t.key === input.template);
      if (!template)
        throw new WardenError('VALIDATION_FAILED', `no win-back template ${input.template}`, {
          errors: [
            {
              field: '/template',
              message: `one of ${
                this.d
                  .templates()
                  .map((t) => t.key)
                  .join(', ') || '(none)'
              }`,
            },
          ],
        });
    }
    if (input.ownerId) await this.assertUser(input.ownerId, '/ownerId');
    const customerId = await this.d.customerOf(entry);
    const locale = input.locale ?? 'zh-CN';
    const now = this.d.clock.now();
    const plan: PlanStep[] = (input.plan ?? template?.steps[locale] ?? []).map((text) => ({
      text,
      done: false,
    }));
    const script = input.script !== undefined ? input.script : (template?.script[locale] ?? null);
    const row: WinbackCaseTable = {
      id: newId('winbackCase', now),
      entry_id: entry.id,
      customer_id: customerId,
      category: entry.category,
      // By default the person who opens it; an API key or the CLI is nobody to own a case.
      owner_id: input.ownerId !== undefined ? input.ownerId : ctx.actor.type === 'user' ? ctx.actor.id : null,
      template: template?.key ?? null,
      plan: JSON.stringify(plan),
      script_enc: this.d.keys.encryptNullable(script || null),
      notes_enc: this.d.keys.encryptNullable(input.notes || null),
      status: 'open',
      outcome: null,
      satisfaction_before: input.satisfactionBefore ?? null,
      satisfaction_after: null,
      created_by: ctx.actor.id,
      created_at: now,
      updated_at: now,
      closed_at: null,
    };
    const milestones: WinbackMilestoneTable[] = milestoneKinds.map((kind) => ({
      id: newId('winbackMilestone', now),
      case_id: row.id,
      kind,
      due_at:
        input.dueAt?.[kind] !== undefined ? (input.dueAt[kind] ?? null) : now + defaultDueDays[kind] * DAY,
      done_at: null,
      reminded_due_at: null,
    }));
    await this.d.store.db.transaction().execute(async (trx) => {
      const open = await trx
        .selectFrom('winback_cases')
        .select('id')
        .where('entry_id', '=', entry.id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (open)
        throw new WardenError('WINBACK_CASE_EXISTS', `entry ${entry.id} has the open case ${open.id}`, {
          extras: { caseId: open.id },
        });
      await trx.insertInto('winback_cases').values(row).execute();
      await trx.insertInto('winback_milestones').values(milestones).execute();
      await this.d.audit.append(trx, ctx, {
        action: 'winback.create',
        targetType: 'winback_case',
        targetId: row.id,
        summary: {
          entryId: entry.id,
          customerId,
          category: entry.category,
          ownerId: row.owner_id,
          template: row.template,
        },
      });
    });
    return this.mustGet(row.id);
  }

  async update(ctx: AuditContext, id: string, patch: CasePatch): Promise<WinbackCase> {
    if (patch.ownerId) await this.assertUser(patch.ownerId, '/ownerId');
    const now = this.d.clock.now();
    await this.d.store.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('winback_cases').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new WardenError('WINBACK_CASE_NOT_FOUND', `no win-back case ${id}`);
      const changes: Partial<WinbackCaseTable> = { updated_at: now };
      const fields: string[] = [];
      if (patch.ownerId !== undefined) {
        changes.owner_id = patch.ownerId;
        fields.push('ownerId');
      }
      if (patch.plan !== undefined) {
        changes.plan = JSON.stringify(patch.plan);
        fields.push('plan');
      }
      if (patch.script !== undefined) {
        changes.script_enc = this.d.keys.encryptNullable(patch.script || null);
        fields.push('script');
      }
      if (patch.notes !== undefined) {
        changes.notes_enc = this.d.keys.encryptNullable(patch.notes || null);
        fields.push('notes');
      }
      if (patch.satisfactionBefore !== undefined) {
        changes.satisfaction_before = patch.satisfactionBefore;
        fields.push('satisfactionBefore');
      }
      if (patch.satisfactionAfter !== undefined) {
        changes.satisfaction_after = patch.satisfactionAfter;
        fields.push('satisfactionAfter');
      }
      if (patch.outcome !== undefined) {
        changes.outcome = patch.outcome;
        changes.status = patch.outcome ? 'closed' : 'open';
        changes.closed_at = patch.outcome ? (row.outcome === patch.outcome ? row.closed_at : now) : null;
        fields.push('outcome');
      }
      const milestones: { kind: string; done?: boolean; dueAt?: string | null }[] = [];
      for (const m of patch.milestones ?? []) {
        const set: Partial<WinbackMilestoneTable> = {};
        if (m.dueAt !== undefined) set.due_at = m.dueAt;
        if (m.done !== undefined) {
          const current = await trx
            .selectFrom('winback_milestones')
            .select('done_at')
            .where('case_id', '=', id)
            .where('kind', '=', m.kind)
            .executeTakeFirst();
          // Ticking again keeps when it was first done.
          set.done_at = m.done ? (current?.done_at ?? now) : null;
        }
        if (Object.keys(set).length === 0) continue;
        await trx
          .updateTable('winback_milestones')
          .set(set)
          .where('case_id', '=', id)
          .where('kind', '=', m.kind)
          .execute();
        milestones.push({
          kind: m.kind,
          ...(m.done !== undefined ? { done: m.done } : {}),
          ...(m.dueAt !== undefined ? { dueAt: iso(m.dueAt) } : {}),
        });
      }
      if (milestones.length) fields.push('milestones');
      await trx.updateTable('winback_cases').set(changes).where('id', '=', id).execute();
      await this.d.audit.append(trx, ctx, {
        action: 'winback.update',
        targetType: 'winback_case',
        targetId: id,
        summary: {
          fields,
          ...(milestones.length ? { milestones } : {}),
          ...(patch.outcome !== undefined ? { outcome: patch.outcome } : {}),
          ...(patch.ownerId !== undefined ? { ownerId: patch.ownerId } : {}),
        },
      });
    });
    return this.mustGet(id);
  }

  async get(ctx: AuditContext, id: string): Promise<WinbackCase> {
    const c = await this.mustGet(id);
    await this.d.audit.append(this.d.store.db, ctx, {
      action: 'winback.read',
      targetType: 'winback_case',
      targetId: id,
    });
    return c;
  }

  async list(
    ctx: AuditContext,
    f: CaseFilter,
  ): Promise<{ items: (WinbackCase & { customer: CustomerCard | null })[]; nextCursor: string | null }> {
    const now = this.d.clock.now();
    let q = this.d.store.db.selectFrom('winback_cases').selectAll();
    if (f.cursor) q = q.where('id', '<', f.cursor);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.outcome) q = q.where('outcome', '=', f.outcome);
    if (f.ownerId) q = q.where('owner_id', '=', f.ownerId);
    if (f.category) q = q.where('category', '=', f.category);
    if (f.entryId) q = q.where('entry_id', '=', f.entryId);
    if (f.customerId) q = q.where('customer_id', '=', f.customerId);
    if (f.overdue)
      q = q
        .where('status', '=', 'open')
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('winback_milestones')
              .select('winback_milestones.id')
              .whereRef('winback_milestones.case_id', '=', 'winback_cases.id')
              .where('winback_milestones.done_at', 'is', null)
              .where('winback_milestones.due_at', '<=', now),
          ),
        );
    const rows = await q
      .orderBy('id', 'desc')
      .limit(f.limit + 1)
      .execute();
    const page = rows.slice(0, f.limit);
    const cases = await this.toCases(page);
    const cards = await this.d.customers(page.map((r) => r.customer_id));
    await this.d.audit.append(this.d.store.db, ctx, {
      action: 'winback.list',
      targetType: 'winback_case',
      summary: {
        count: page.length,
        filters: Object.keys(f).filter((k) => k !== 'limit' && f[k as keyof CaseFilter] !== undefined),
      },
    });
    return {
      items: cases.map((c) => ({ ...c, customer: c.customerId ? (cards.get(c.customerId) ?? null) : null })),
      nextCursor: rows.length > f.limit ? (page[page.length - 1]?.id ?? null) : null,
    };
  }

  /**
   * Win-back rate per category or owner and week or month, over the cases
   * opened in [from, to): won back / cases with an outcome.
   */
  async stats(q: { from: number; to: number; groupBy: StatsGroup; interval: StatsInterval }): Promise<{
    from: string;
    to: string;
    groupBy: StatsGroup;
    interval: StatsInterval;
    rows: (StatsRow & { label: string })[];
    totals: (Omit<StatsRow, 'period'> & { label: string })[];
  }> {
    if (q.to <= q.from)
      throw new WardenError('VALIDATION_FAILED', '"to" must be after "from"', {
        errors: [{ field: '/to', message: 'must be after from' }],
      });
    const rows = await this.d.store.db
      .selectFrom('winback_cases')
      .select(['category', 'owner_id', 'created_at', 'outcome'])
      .where('created_at', '>=', q.from)
      .where('created_at', '<', q.to)
      .execute();
    const facts = rows.map((r) => ({
      key: q.groupBy === 'category' ? r.category : (r.owner_id ?? ''),
      createdAt: Number(r.created_at),
      outcome: r.outcome,
    }));
    const s = winbackStats(facts, q.interval);
    const names = q.groupBy === 'owner' ? await this.d.userNames() : new Map<string, string>();
    const label = (key: string) => (q.groupBy === 'owner' ? (names.get(key) ?? key) : key);
    return {
      from: new Date(q.from).toISOString(),
      to: new Date(q.to).toISOString(),
      groupBy: q.groupBy,
      interval: q.interval,
      rows: s.rows.map((r) => ({ ...r, label: label(r.key) })),
      totals: s.totals.map((r) => ({ ...r, label: label(r.key) })),
    };
  }

  /**
   * The reminder job: one alert per milestone and due date once it is due
   * and not done, for the case's owner. Idempotent: the due date whose
   * reminder went out is kept, and the alert's dedupe key holds across nodes.
   */
  async raiseReminders(now = this.d.clock.now()): Promise<number> {
    const due = await this.d.store.db
      .selectFrom('winback_milestones')
      .innerJoin('winback_cases', 'winback_cases.id', 'winback_milestones.case_id')
      .select([
        'winback_milestones.id',
        'winback_milestones.kind',
        'winback_milestones.due_at',
        'winback_milestones.reminded_due_at',
        'winback_cases.id as case_id',
        'winback_cases.owner_id',
        'winback_cases.entry_id',
      ])
      .where('winback_cases.status', '=', 'open')
      .where('winback_milestones.done_at', 'is', null)
      .where('winback_milestones.due_at', '<=', now)
      .limit(5_000)
      .execute();
    let raised = 0;
    for (const m of due) {
      if (m.due_at === null || m.reminded_due_at === m.due_at) continue;
      const overdueDays = Math.floor((now - m.due_at) / DAY);
      const alert = await this.d.alerts.raise({
        kind: 'winback_due',
        severity: 'warning',
        title: `Win-back milestone "${m.kind}" is due (case ${m.case_id})`,
        detail: {
          caseId: m.case_id,
          entryId: m.entry_id,
          milestone: m.kind,
          dueAt: iso(m.due_at),
          overdueDays,
          ownerId: m.owner_id,
        },
        targetType: 'winback_case',
        targetId: m.case_id,
        dedupeKey: `winback:${m.id}:${m.due_at}`,
      });
      await this.d.store.db
        .updateTable('winback_milestones')
        .set({ reminded_due_at: m.due_at })
        .where('id', '=', m.id)
        .execute();
      if (alert) raised++;
    }
    return raised;
  }

  /**
   * Erasure: removes the script and notes of the customer's cases (theirs, or
   * opened from one of their entries); the rest (dates, outcome) stays for
   * the figures. In the erasure's transaction; returns how many cases.
   */
  async eraseCustomer(trx: Executor, customerId: string, entryIds: readonly string[]): Promise<number> {
    const r = await trx
      .updateTable('winback_cases')
      .set({ script_enc: null, notes_enc: null, updated_at: this.d.clock.now() })
      .where((eb) =>
        entryIds.length
          ? eb.or([eb('customer_id', '=', customerId), eb('entry_id', 'in', [...entryIds])])
          : eb('customer_id', '=', customerId),
      )
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** A customer's cases, decrypted, for their subject access export (the export audits the read). */
  async casesOf(customerId: string, entryIds: readonly string[]): Promise<WinbackCase[]> {
    const rows = await this.d.store.db
      .selectFrom('winback_cases')
      .selectAll()
      .where((eb) =>
        entryIds.length
          ? eb.or([eb('customer_id', '=', customerId), eb('entry_id', 'in', [...entryIds])])
          : eb('customer_id', '=', customerId),
      )
      .orderBy('id')
      .execute();
    return this.toCases(rows);
  }

  private async assertUser(id: string, field: string): Promise<void> {
    if (!(await this.d.userNames()).has(id))
      throw new WardenError('USER_NOT_FOUND', `no user ${id}`, {
        errors: [{ field, message: 'unknown user' }],
      });
  }

  private async mustGet(id: string): Promise<WinbackCase> {
    const row = await this.d.store.db
      .selectFrom('winback_cases')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new WardenError('WINBACK_CASE_NOT_FOUND', `no win-back case ${id}`);
    const [c] = await this.toCases([row]);
    if (!c) throw new WardenError('WINBACK_CASE_NOT_FOUND', `no win-back case ${id}`);
    return c;
  }

  private async toCases(rows: Selectable<WinbackCaseTable>[]): Promise<WinbackCase[]> {
    if (rows.length === 0) return [];
    const now = this.d.clock.now();
    const ms = await this.d.store.db
      .selectFrom('winback_milestones')
      .selectAll()
      .where(
        'case_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    const names = await this.d.userNames();
    return rows.map((r) => {
      const mine = ms.filter((m) => m.case_id === r.id);
      const milestones: Milestone[] = milestoneKinds.map((kind) => {
        const m = mine.find((x) => x.kind === kind);
        const dueAt = m?.due_at == null ? null : Number(m.due_at);
        const doneAt = m?.done_at == null ? null : Number(m.done_at);
        return {
          kind,
          dueAt: iso(dueAt),
          doneAt: iso(doneAt),
          overdue: r.status === 'open' && doneAt === null && dueAt !== null && dueAt <= now,
        };
      });
      return {
        id: r.id,
        entryId: r.entry_id,
        customerId: r.customer_id,
        category: r.category,
        ownerId: r.owner_id,
        ownerName: r.owner_id ? (names.get(r.owner_id) ?? null) : null,
        template: r.template,
        plan: JSON.parse(r.plan) as PlanStep[],
        script: this.d.keys.decryptNullable(r.script_enc),
        notes: this.d.keys.decryptNullable(r.notes_enc),
        status: r.status === 'closed' ? 'closed' : 'open',
        outcome: (r.outcome as Outcome | null) ?? null,
        satisfactionBefore: r.satisfaction_before,
        satisfactionAfter: r.satisfaction_after,
        createdBy: r.created_by,
        createdAt: new Date(Number(r.created_at)).toISOString(),
        updatedAt: new Date(Number(r.updated_at)).toISOString(),
        closedAt: iso(r.closed_at === null ? null : Number(r.closed_at)),
        milestones,
      };
    });
  }
}
