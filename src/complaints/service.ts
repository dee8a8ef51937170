import type { AuditContext, AuditLog } from '../access/audit.js';
import { systemContext } from '../access/audit.js';
import type { Clock } from '../core/clock.js';
import type { KeyRing } from '../core/crypto/keyring.js';
import { WardenError } from '../core/errors.js';
import type { Settled } from '../core/group-commit.js';
import type { LocalDays } from '../core/local-days.js';
import type { Logger } from '../core/logging.js';
import type { CustomerFacts } from '../identity/directory.js';
import type { Identifier } from '../identity/model.js';
import type { CustomerCard } from '../identity/service.js';
import type { AlertService } from '../notify/alerts.js';
import type { Notifier } from '../notify/model.js';
import type { ScreenInput, ScreenResult } from '../screening/model.js';
import type { Executor, Store } from '../storage/database.js';
import {
  addComplaintEvent,
  ComplaintIntakeWriter,
  type Contact,
  type IntakeFacts,
  type IntakeOutcome,
  notifyComplaint,
  type PreparedIntake,
} from './intake-writer.js';
import {
  type ComplaintCategory,
  type ComplaintDetail,
  type ComplaintStatus,
  type ComplaintSummary,
  canTransition,
  type Priority,
  raisePriority,
  type SeverityFactor,
  type TimelineEvent,
} from './model.js';
import { type ComplaintRow, type QueueCursor, type QueueFilter, complaintRepo as repo } from './repo.js';
import type { AlarmSignal } from './signals.js';
import { detectSurges, hourKey, type Surge, startOfHour } from './surge.js';
import type { LiveComplaintSettings } from './team-settings.js';
import { topicWords } from './topics.js';

const HOUR = 3_600_000;

/** Decisions that mean the message is not a customer's voice: no complaint from them. */
const ignoredDecisions = new Set(['block', 'drop', 'spam']);

export interface ComplaintDeps {
  store: Store;
  keys: KeyRing;
  audit: AuditLog;
  clock: Clock;
  log: Logger;
  alerts: AlertService;
  /** The settings in force, read at each use (a team changes them at run time). */
  settings: () => LiveComplaintSettings;
  /** Normalises a `from` object (throws INVALID_IDENTIFIER) and resolves its customer. */
  identify: (from: Record<string, string>) => {
    identifiers: Identifier[];
    indexes: string[];
    facts: CustomerFacts | null;
  };
  /** A customer's identifiers, to reach them when the complaint came without a phone or e-mail. */
  customerIdentifiers: (customerId: string) => Promise<Identifier[]>;
  userExists: (userId: string) => Promise<boolean>;
  /** People instead of ids on lists: customer cards and user names. */
  people?: {
    customers: (ids: readonly (string | null)[]) => Promise<Map<string, CustomerCard>>;
    userNames: () => Promise<Map<string, string>>;
  };
  /** The outbox; absent until notifications are wired, then complaints notify customers. */
  notifier?: Notifier | null | undefined;
  /** Links a screened message to its complaint, in the intake's transaction (screening owns `messages`). */
  linkMessage?: ((trx: Executor, messageId: string, complaintId: string) => Promise<void>) | undefined;
  /** Screened intakes per transaction at most (default 128). */
  intakeBatch?: number | undefined;
}

export interface ComplaintInput {
  channel: string;
  from: Record<string, string>;
  text: string;
  category?: ComplaintCategory | null | undefined;
  orderId?: string | null | undefined;
}

export interface ComplaintPatch {
  assigneeId?: string | null | undefined;
  status?: ComplaintStatus | undefined;
  note?: string | undefined;
}

/** A screened message's intake, prepared before its record, and what is owed after it. */
export interface ScreenedIntake {
  prepared: PreparedIntake;
  /** The settings it was prepared under (the recorder hands them to its writer thread). */
  live: LiveComplaintSettings;
  alarms: readonly AlarmSignal[];
}

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));
/**
 * Complaints: detection from screened messages, direct intake, severity and
 * routing, the queue and lifecycle, SLA escalation, surges and figures.
 */
export class ComplaintService {
  /** The intake's writes; screened intakes go through the message recorder's transaction. */
  readonly intakes: ComplaintIntakeWriter;

  constructor(private readonly d: ComplaintDeps) {
    this.intakes = new ComplaintIntakeWriter({
      keys: d.keys,
      audit: d.audit,
      notifier: () => this.d.notifier,
      linkMessage: d.linkMessage,
    });
  }

  /** Wires the outbox in after construction (it is built beside this service). */
  useNotifier(notifier: Notifier | null | undefined): void {
    this.d.notifier = notifier ?? null;
  }

  /**
   * The screening hook, before the record: analyses a message about to be
   * recorded and, when it reads as a complaint, prepares its intake. The
   * recorder writes the intake in the same transaction as the message (on
   * SQLite, on its writer thread), so a complaint is on record exactly when
   * its message is. Never fails the screen: a failure is logged, and null.
   */
  async prepareScreened(
    result: ScreenResult,
    input: ScreenInput,
    facts: CustomerFacts | null,
    indexes?: readonly string[],
  ): Promise<ScreenedIntake | null> {
    // A blocked, limited or restricted sender is still heard when they raise an alarm
    // (regulator, media, legal, threat, safety): the complaint is recorded and flagged.
    const fromBlockedSender = result.reasons.some((r) => r.kind === 'blocklist' || r.kind === 'limit');
    if (ignoredDecisions.has(result.decision) && !fromBlockedSender) return null;
    try {
      const live = this.d.settings();
      const alarms = fromBlockedSender ? live.alarms(input.text) : [];
      if (ignoredDecisions.has(result.decision) && alarms.length === 0) return null;
      const prepared = await this.prepare(
        live,
        {
          ctx: systemContext,
          channel: input.channel,
          identifiers: result.identifiers,
          indexes,
          facts,
          text: input.text,
          messageId: result.messageId,
          fromBlockedSender,
          alarms,
        },
        alarms.length > 0,
      );
      return prepared ? { prepared, live, alarms } : null;
    } catch (err) {
      this.d.log.error({ err, messageId: result.messageId }, 'complaint detection failed');
      return null;
    }
  }

  /**
   * After the record: the alerts a committed intake owes (P1, a blocked
   * sender's alarm) and the answer's `complaint`; an intake that failed is
   * logged and answers null.
   */
  async settleScreened(
    outcome: Settled<IntakeOutcome> | null,
    result: ScreenResult,
    intake: ScreenedIntake,
  ): Promise<ScreenResult['complaint']> {
    if (!outcome) return null;
    if (!outcome.ok) {
      this.d.log.error({ err: outcome.error, messageId: result.messageId }, 'complaint detection failed');
      return null;
    }
    const out = outcome.value;
    try {
      await this.afterCommit(out);
      if (intake.alarms.length > 0) await this.raiseBlockedSender(out, result, intake.alarms);
    } catch (err) {
      // The complaint is on record; only an alert is missing.
      this.d.log.error({ err, complaintId: out.id }, 'complaint alert failed');
    }
    return { id: out.id, severity: out.severity, priority: out.after };
  }

  /** `POST /complaints`: always makes (or joins) a complaint, whatever the text reads as. */
  async create(ctx: AuditContext, input: ComplaintInput): Promise<ComplaintDetail> {
    const { identifiers, indexes, facts } = this.d.identify(input.from);
    const live = this.d.settings();
    const prepared = await this.prepare(
      live,
      {
        ctx,
        channel: input.channel,
        identifiers,
        indexes,
        facts,
        text: input.text,
        messageId: null,
        category: input.category,
        orderId: input.orderId,
      },
      true,
    );
    if (!prepared) throw new Error('direct complaint intake produced nothing');
    // A transaction of its own: direct intake is rare and its caller waits for the detail anyway.
    this.intakes.knowSettings(live);
    const out = await this.d.store.db.transaction().execute(async (trx) => {
      const written = await this.intakes.write(trx, prepared);
      await this.d.audit.appendAll(trx, written.audit);
      return written;
    });
    await this.afterCommit(out);
    return this.detail(out.id);
  }

  /** Analyses and keys an intake outside any transaction; null when it is no complaint (and not forced). */
  private async prepare(
    live: LiveComplaintSettings,
    x: IntakeFacts,
    force = false,
  ): Promise<PreparedIntake | null> {
    const d = this.d;
    const analysed = live.analyze(x.text);
    if (!analysed.complaint && !force) return null;
    // An alarm the analyser does not count still counts as a risk word of a blocked sender's complaint.
    const alarmWords = (x.alarms ?? []).map((s) => s.word).filter((w) => !analysed.riskWords.includes(w));
    const a = alarmWords.length
      ? { ...analysed, riskWords: [...analysed.riskWords, ...alarmWords] }
      : analysed;
    const first = x.identifiers[0];
    const firstIndex = x.indexes?.[0] ?? (first ? d.keys.blindIndex(first.type, first.value) : 'unknown');
    return {
      x,
      settingsVersion: live.version,
      a,
      now: d.clock.now(),
      subjectKey: x.facts ? x.facts.id : `i:${firstIndex}`,
      category: x.category ?? a.category ?? 'other',
      tier: x.facts?.tier ?? null,
      topics: topicWords(x.text, a.riskWords),
      contact: await this.contactOf(x.identifiers, x.facts),
    };
  }

  /** P1 alerts, once the complaint is committed. */
  private async afterCommit(o: IntakeOutcome): Promise<void> {
    if (o.after === 'P1' && o.before !== 'P1') await this.raiseP1(o.id, o.severity, o.category);
  }

  async get(ctx: AuditContext, id: string): Promise<ComplaintDetail> {
    const detail = await this.detail(id);
    await this.d.audit.append(this.d.store.db, ctx, {
      action: 'complaint.read',
      targetType: 'complaint',
      targetId: id,
    });
    return detail;
  }

  /** The queue: priority, then severity (high first), then age (oldest first). */
  async list(
    ctx: AuditContext,
    filter: Omit<QueueFilter, 'cursor'> & { cursor?: string | undefined },
  ): Promise<{ items: ComplaintSummary[]; nextCursor: string | null }> {
    const cursor = filter.cursor === undefined ? undefined : decodeCursor(filter.cursor);
    const rows = await repo.queue(this.d.store.db, { ...filter, cursor });
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    await this.d.audit.append(this.d.store.db, ctx, {
      action: 'complaint.list',
      targetType: 'complaint',
      summary: { count: page.length },
    });
    return {
      items: await this.withPeople(page.map((r) => this.toSummary(r))),
      nextCursor:
        rows.length > filter.limit && last
          ? encodeCursor({
              priority: last.priority,
              severity: last.severity,
              createdAt: last.created_at,
              id: last.id,
            })
          : null,
    };
  }

  /** Assign, move status, add a note; every change is an event and an audit record. */
  async update(ctx: AuditContext, id: string, patch: ComplaintPatch): Promise<ComplaintDetail> {
    const d = this.d;
    const now = d.clock.now();
    if (patch.assigneeId && !(await d.userExists(patch.assigneeId)))
      throw new WardenError('USER_NOT_FOUND', `no user ${patch.assigneeId}`);
    await d.store.db.transaction().execute(async (trx) => {
      const row = await repo.get(trx, id);
      if (!row) throw new WardenError('COMPLAINT_NOT_FOUND', `no complaint ${id}`);
      const from = row.status as ComplaintStatus;
      const set: Parameters<typeof repo.update>[2] = {};
      const changed: string[] = [];
      let noteUsed = false;
      if (patch.assigneeId !== undefined && patch.assigneeId !== row.assignee_id) {
        set.assignee_id = patch.assigneeId;
        changed.push('assignee');
        await addComplaintEvent(trx, this.d.keys, ctx, id, now, 'assigned', {
          from: row.assignee_id,
          to: patch.assigneeId,
        });
      }
      if (patch.status !== undefined && patch.status !== from) {
        const to = patch.status;
        if (!canTransition(from, to))
          throw new WardenError('COMPLAINT_TRANSITION_INVALID', `a ${from} complaint cannot become ${to}`, {
            extras: { from, to },
          });
        set.status = to;
        if (to === 'resolved') set.resolved_at = now;
        if (to === 'reopened') set.resolved_at = null;
        changed.push('status');
        await addComplaintEvent(trx, this.d.keys, ctx, id, now, 'status', { from, to }, patch.note ?? null);
        noteUsed = true;
        if (to === 'processing' || to === 'resolved') {
          const contact = row.contact_enc ? (JSON.parse(d.keys.decrypt(row.contact_enc)) as Contact) : null;
          await notifyComplaint(
            this.d.notifier,
            trx,
            {
              id,
              reference: row.reference,
              category: row.category,
              status: to,
              team: row.team,
              locale: row.locale,
              contact,
              slaDueAt: row.sla_due_at,
            },
            to === 'processing' ? 'complaint.processing' : 'complaint.resolved',
          );
        }
      }
      if (patch.note !== undefined && !noteUsed) {
        changed.push('note');
        await addComplaintEvent(trx, this.d.keys, ctx, id, now, 'note', {}, patch.note);
      } else if (patch.note !== undefined) changed.push('note');
      if (changed.length === 0) return;
      await repo.update(trx, id, { ...set, updated_at: now });
      await d.audit.append(trx, ctx, {
        action: 'complaint.update',
        targetType: 'complaint',
        targetId: id,
        summary: {
          changed,
          ...(set.status ? { from, to: set.status } : {}),
          ...(set.assignee_id !== undefined ? { assigneeId: set.assignee_id } : {}),
        },
      });
    });
    return this.detail(id);
  }

  /**
   * Dispatch: several complaints to one person (null: back to the queue), in
   * one transaction. An unknown complaint or user changes nothing. Each
   * complaint that changes gets its `assigned` event and audit entry.
   */
  async assignMany(
    ctx: AuditContext,
    ids: readonly string[],
    assigneeId: string | null,
  ): Promise<ComplaintSummary[]> {
    const d = this.d;
    const now = d.clock.now();
    if (assigneeId && !(await d.userExists(assigneeId)))
      throw new WardenError('USER_NOT_FOUND', `no user ${assigneeId}`, {
        errors: [{ field: '/assigneeId', message: 'unknown user' }],
      });
    const rows = await d.store.db.transaction().execute(async (trx) => {
      const found: ComplaintRow[] = [];
      const missing: { field: string; message: string }[] = [];
      for (const [i, id] of ids.entries()) {
        const row = await repo.get(trx, id);
        if (row) found.push(row);
        else missing.push({ field: `/ids/${i}`, message: `no complaint ${id}` });
      }
      if (missing.length > 0)
        throw new WardenError('COMPLAINT_NOT_FOUND', `${missing.length} of the complaints do not exist`, {
          errors: missing,
        });
      for (const row of found) {
        if (row.assignee_id === assigneeId) continue;
        await addComplaintEvent(trx, this.d.keys, ctx, row.id, now, 'assigned', {
          from: row.assignee_id,
          to: assigneeId,
        });
        await repo.update(trx, row.id, { assignee_id: assigneeId, updated_at: now });
        await d.audit.append(trx, ctx, {
          action: 'complaint.update',
          targetType: 'complaint',
          targetId: row.id,
          summary: { changed: ['assignee'], assigneeId, bulk: true },
        });
        row.assignee_id = assigneeId;
        row.updated_at = now;
      }
      return found;
    });
    return this.withPeople(rows.map((r) => this.toSummary(r)));
  }

  /** Adds the customer's card and the assignee's name to summaries (no-op without `people`). */
  private async withPeople<T extends ComplaintSummary>(items: T[]): Promise<T[]> {
    const people = this.d.people;
    if (!people || items.length === 0) return items;
    const cards = await people.customers(items.map((c) => c.customerId));
    const names = items.some((c) => c.assigneeId) ? await people.userNames() : new Map<string, string>();
    return items.map((c) => ({
      ...c,
      customer: c.customerId ? (cards.get(c.customerId) ?? null) : null,
      assigneeName: c.assigneeId ? (names.get(c.assigneeId) ?? null) : null,
    }));
  }

  /**
   * The SLA job: each open complaint past its due time is escalated once —
   * one priority step up, an `sla_overdue` factor, an event and an alert.
   */
  async escalateOverdue(): Promise<number> {
    const d = this.d;
    const now = d.clock.now();
    let escalated = 0;
    for (const row of await repo.overdue(d.store.db, now, 500)) {
      const from = row.priority as Priority;
      const to = raisePriority(from);
      const factors = (JSON.parse(row.factors) as SeverityFactor[]).filter(
        (f) => f.name !== 'sla_overdue' && f.name !== 'waiting',
      );
      factors.push({
        name: 'sla_overdue',
        points: d.settings().scoring.severity.waiting.overduePoints,
        detail: `not handled by ${iso(row.sla_due_at)}`,
      });
      const severity = Math.min(
        100,
        factors.reduce((sum, f) => sum + f.points, 0),
      );
      const done = await d.store.db.transaction().execute(async (trx) => {
        const won = await repo.markEscalated(trx, row.id, {
          escalated_at: now,
          priority: to,
          severity,
          factors: JSON.stringify(factors),
          updated_at: now,
        });
        if (!won) return false;
        await addComplaintEvent(trx, this.d.keys, systemContext, row.id, now, 'escalated', {
          from,
          to,
          slaDueAt: iso(row.sla_due_at),
        });
        await d.audit.append(trx, systemContext, {
          action: 'complaint.escalate',
          targetType: 'complaint',
          targetId: row.id,
          summary: { from, to, severity },
        });
        return true;
      });
      if (!done) continue;
      escalated++;
      await d.alerts.raise({
        kind: 'escalation',
        severity: to === 'P1' ? 'critical' : 'warning',
        title: `Complaint ${row.id} is past its SLA; escalated ${from} → ${to}`,
        detail: {
          complaintId: row.id,
          from,
          to,
          team: row.team,
          queue: row.queue,
          slaDueAt: iso(row.sla_due_at),
        },
        targetType: 'complaint',
        targetId: row.id,
        dedupeKey: `escalation:${row.id}`,
      });
      if (to === 'P1' && from !== 'P1') await this.raiseP1(row.id, severity, row.category);
    }
    return escalated;
  }

  /**
   * The surge job for one hour: raises one `surge` alert per category or topic
   * word that surged in the hour starting at `hourStart` (deduplicated per
   * key and hour, so running it again is harmless). Returns the surges found.
   */
  async detectSurges(hourStart: number): Promise<Surge[]> {
    const d = this.d;
    const s = d.settings().scoring.surge;
    const from = hourStart - s.baselineHours * HOUR;
    const rows = await repo.submissions(d.store.db, from, hourStart + HOUR);
    const surges = detectSurges(
      rows.map((r) => ({
        at: r.at,
        subjectKey: r.subject_key,
        complaintId: r.complaint_id,
        category: r.category,
        topics: JSON.parse(r.topics) as string[],
      })),
      hourStart,
      s,
    );
    for (const surge of surges) {
      const sampleIds = surge.complaintIds.slice(0, s.samples);
      const texts = new Map(
        (await repo.texts(d.store.db, sampleIds)).map((r) => [r.id, d.keys.decrypt(r.text_enc)]),
      );
      await d.alerts.raise({
        kind: 'surge',
        severity: 'critical',
        title: `Complaint surge: ${surge.kind} ${surge.value}, ${surge.count} in the hour from ${hourKey(hourStart)}:00Z (baseline ${surge.mean}/h)`,
        detail: {
          key: surge.key,
          kind: surge.kind,
          value: surge.value,
          hour: iso(hourStart),
          count: surge.count,
          distinctCustomers: surge.distinctCustomers,
          mean: surge.mean,
          std: surge.std,
          z: surge.z,
          words: surge.words,
          samples: sampleIds.map((id) => ({ id, text: (texts.get(id) ?? '').slice(0, 50) })),
        },
        targetType: surge.kind === 'category' ? 'complaint_category' : 'complaint_topic',
        targetId: surge.value,
        dedupeKey: `surge:${surge.key}:${hourKey(hourStart)}`,
      });
    }
    return surges;
  }

  /** What the surge job runs: the hour so far, and the last one in case its end was missed. */
  async detectRecentSurges(): Promise<number> {
    const hour = startOfHour(this.d.clock.now());
    return (await this.detectSurges(hour - HOUR)).length + (await this.detectSurges(hour)).length;
  }

  /** The human references (`TS-20261205-0042`) of complaints by id; those without one are left out. */
  async referencesOf(ids: readonly string[]): Promise<Map<string, string>> {
    const rows = await repo.references(this.d.store.db, ids);
    return new Map(rows.flatMap((r) => (r.reference ? [[r.id, r.reference] as const] : [])));
  }

  /** A customer's complaints for the 360 view. */
  async forCustomer(customerId: string, limit = 20) {
    const db = this.d.store.db;
    const rows = await repo.forCustomer(db, customerId, limit);
    return {
      items: rows.map((r) => this.toSummary(r)),
      countsByChannel: await repo.channelCounts(db, customerId),
      open: await repo.openCount(db, customerId),
    };
  }

  /**
   * What needs someone now, for the workbench: open complaints past their SLA,
   * due within `soonMs`, and unassigned P1/P2 — each a count and the first few.
   */
  async workbench(limit: number, soonMs: number) {
    const db = this.d.store.db;
    const now = this.d.clock.now();
    const open = { status: 'open' as const };
    const section = async (f: Omit<QueueFilter, 'limit' | 'cursor'>) => {
      const rows = await repo.queue(db, { ...f, limit });
      const items = await this.withPeople(rows.slice(0, limit).map((r) => this.toSummary(r)));
      return {
        count: rows.length <= limit ? rows.length : await repo.countQueue(db, f),
        items: items.map((c) => ({
          id: c.id,
          reference: c.reference,
          priority: c.priority,
          category: c.category,
          status: c.status,
          severity: c.severity,
          slaDueAt: c.slaDueAt,
          assigneeId: c.assigneeId,
          assigneeName: c.assigneeName ?? null,
          customer: c.customer ?? null,
        })),
      };
    };
    return {
      overdue: await section({ ...open, dueBefore: now }),
      dueSoon: await section({ ...open, dueAfter: now, dueBefore: now + soonMs }),
      unassignedUrgent: await section({ ...open, assigneeId: null, priorities: ['P1', 'P2'] }),
    };
  }

  /** Complaints opened and resolved per day (in `days`' time zone). */
  async openedResolvedPerDay(days: LocalDays): Promise<{ day: string; opened: number; resolved: number }[]> {
    const db = this.d.store.db;
    const opened = new Map((await repo.perDay(db, 'created_at', days)).map((r) => [r.day, r.count]));
    const resolved = new Map((await repo.perDay(db, 'resolved_at', days)).map((r) => [r.day, r.count]));
    return Array.from({ length: days.count }, (_, i) => {
      const d = days.first + i;
      return { day: days.label(i), opened: opened.get(d) ?? 0, resolved: resolved.get(d) ?? 0 };
    });
  }

  /** Figures for the dashboard over `days` (days in its time zone). */
  async analytics(days: LocalDays) {
    const rows = await repo.createdSince(this.d.store.db, days.since);
    const perDay = Array.from({ length: days.count }, (_, i) => ({
      day: days.label(i),
      total: 0,
      byCategory: {} as Record<string, number>,
      byChannel: {} as Record<string, number>,
      byPriority: {} as Record<string, number>,
    }));
    const bump = (m: Record<string, number>, k: string) => {
      m[k] = (m[k] ?? 0) + 1;
    };
    const words = new Map<string, number>();
    const perCustomer = new Map<string, number>();
    let resolved = 0;
    let met = 0;
    for (const r of rows) {
      const day = perDay[days.indexOf(r.created_at)];
      if (day) {
        day.total++;
        bump(day.byCategory, r.category);
        bump(day.byChannel, r.channel);
        bump(day.byPriority, r.priority);
      }
      for (const w of JSON.parse(r.risk_words) as string[]) words.set(w, (words.get(w) ?? 0) + 1);
      if (r.customer_id) perCustomer.set(r.customer_id, (perCustomer.get(r.customer_id) ?? 0) + 1);
      if (r.resolved_at !== null) {
        resolved++;
        if (r.resolved_at <= r.sla_due_at) met++;
      }
    }
    const repeat = [...perCustomer].filter(([, n]) => n >= 2).map(([id]) => id);
    return {
      days: days.count,
      total: rows.length,
      perDay,
      sla: { resolved, met, metPercent: resolved ? Math.round((met / resolved) * 1000) / 10 : null },
      topRiskWords: [...words]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, 10)
        .map(([word, count]) => ({ word, count })),
      repeatComplainants: { count: repeat.length, customerIds: repeat.sort() },
    };
  }

  private async detail(id: string): Promise<ComplaintDetail> {
    const db = this.d.store.db;
    const row = await repo.get(db, id);
    if (!row) throw new WardenError('COMPLAINT_NOT_FOUND', `no complaint ${id}`);
    const timeline: TimelineEvent[] = (await repo.events(db, id)).map((e) => ({
      at: iso(e.at),
      kind: e.kind,
      actor: { type: e.actor_type, id: e.actor_id },
      detail: JSON.parse(e.detail) as Record<string, unknown>,
      note: this.d.keys.decryptNullable(e.note_enc),
    }));
    if (this.d.notifier) {
      for (const n of await this.d.notifier.deliveries('complaint', id)) {
        timeline.push({
          at: n.createdAt,
          kind: 'notification',
          actor: { type: 'system', id: null },
          detail: {
            id: n.id,
            channel: n.channel,
            template: n.template,
            status: n.status,
            attempts: n.attempts,
            sentAt: n.sentAt,
            lastError: n.lastError,
            lastErrorCode: n.lastErrorCode,
            history: n.history,
          },
          note: null,
        });
      }
      timeline.sort((a, b) => a.at.localeCompare(b.at));
    }
    const [summary] = await this.withPeople([this.toSummary(row)]);
    return { ...(summary ?? this.toSummary(row)), timeline };
  }

  private toSummary(r: ComplaintRow): ComplaintSummary {
    return {
      id: r.id,
      customerId: r.customer_id,
      channel: r.channel,
      channels: JSON.parse(r.channels) as string[],
      category: r.category as ComplaintCategory,
      sentiment: Math.round(r.sentiment * 1000) / 1000,
      riskWords: JSON.parse(r.risk_words) as string[],
      severity: r.severity,
      factors: JSON.parse(r.factors) as SeverityFactor[],
      priority: r.priority as Priority,
      team: r.team,
      queue: r.queue,
      assigneeId: r.assignee_id,
      status: r.status as ComplaintStatus,
      orderId: r.order_id_enc !== null ? this.d.keys.decrypt(r.order_id_enc) : r.order_id,
      text: this.d.keys.decrypt(r.text_enc),
      messageCount: r.message_count,
      locale: r.locale === 'en' ? 'en' : 'zh-CN',
      slaDueAt: iso(r.sla_due_at),
      escalatedAt: isoOrNull(r.escalated_at),
      resolvedAt: isoOrNull(r.resolved_at),
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
      reference: r.reference,
      fromBlockedSender: r.from_blocked_sender === 1,
    };
  }

  /** Where to reach the customer: the sender's phone or e-mail, else the customer's own. */
  private async contactOf(identifiers: Identifier[], facts: CustomerFacts | null): Promise<Contact | null> {
    const pick = (ids: readonly Identifier[]): Contact | null => {
      const phone = ids.find((i) => i.type === 'phone')?.value;
      const email = ids.find((i) => i.type === 'email')?.value;
      if (!phone && !email) return null;
      return { ...(phone ? { phone } : {}), ...(email ? { email } : {}) };
    };
    return pick(identifiers) ?? (facts ? pick(await this.d.customerIdentifiers(facts.id)) : null);
  }

  /** A blocked sender raised an alarm: the team must hear of it, block or not. */
  private async raiseBlockedSender(
    o: IntakeOutcome,
    result: ScreenResult,
    alarms: readonly AlarmSignal[],
  ): Promise<void> {
    const kinds = [...new Set(alarms.map((a) => a.kind))];
    const entryId = result.reasons.find((r) => r.kind === 'blocklist' || r.kind === 'limit')?.id ?? null;
    await this.d.alerts.raise({
      kind: 'blocked_sender_complaint',
      severity: 'critical',
      title: `A ${result.decision === 'block' ? 'blocked' : result.decision === 'limit' ? 'rate-limited' : 'restricted'} sender raised ${kinds.join(', ')} in complaint ${o.reference ?? o.id}`,
      detail: {
        complaintId: o.id,
        reference: o.reference,
        decision: result.decision,
        entryId,
        messageId: result.messageId,
        signals: kinds,
        words: [...new Set(alarms.map((a) => a.word))],
        priority: o.after,
      },
      targetType: 'complaint',
      targetId: o.id,
      dedupeKey: `blocked_sender_complaint:${o.id}:${kinds.sort().join(',')}`,
    });
  }

  private async raiseP1(id: string, severity: number, category: string): Promise<void> {
    await this.d.alerts.raise({
      kind: 'complaint_p1',
      severity: 'critical',
      title: `P1 complaint ${id} (${category}, severity ${severity})`,
      detail: { complaintId: id, category, severity },
      targetType: 'complaint',
      targetId: id,
      dedupeKey: `complaint_p1:${id}`,
    });
  }
}

/**
 * `P2.72.1796523059808.cmp_…`: priority, severity, creation time and id of the
 * page's last complaint. Plain fields, so the route's pattern (COMPLAINT_CURSOR)
 * says exactly which cursors decode.
 */
export const COMPLAINT_CURSOR = '^P[1-4]\\.(100|[1-9]?[0-9])\\.[0-9]{1,15}\\.cmp_[0-9a-z]{1,60}$';

function encodeCursor(c: QueueCursor): string {
  return [c.priority, c.severity, c.createdAt, c.id].join('.');
}

function decodeCursor(s: string): QueueCursor {
  if (new RegExp(COMPLAINT_CURSOR).test(s)) {
    const [priority = '', severity = '', createdAt = '', id = ''] = s.split('.');
    return { priority, severity: Number(severity), createdAt: Number(createdAt), id };
  }
  throw new WardenError('VALIDATION_FAILED', 'bad cursor', {
    errors: [{ field: '/cursor', message: 'not a cursor this API gave out' }],
  });
}
