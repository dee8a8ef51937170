/**
 * A complaint intake's writes, apart from the service that decides on it: the
 * new complaint (or the message joined to the open one), its message, events,
 * customer notices, link and audit rows, inside a transaction the caller holds.
 *
 * It has narrow dependencies (keys, audit, the outbox, settings by version),
 * so the same code runs in two places: on the main thread (direct intake, and
 * screened messages on PostgreSQL, in the recorder's transaction), and on the
 * SQLite recorder's writer thread (screening/recorder-intakes.ts), in the
 * same group commit as the screened messages, where it costs the event loop
 * nothing.
 */
import { sql } from 'kysely';
import type { AuditContext, AuditEntry, AuditLog } from '../access/audit.js';
import type { KeyRing } from '../core/crypto/keyring.js';
import type { Settled } from '../core/group-commit.js';
import { newId } from '../core/ids.js';
import type { CustomerFacts } from '../identity/directory.js';
import type { Identifier } from '../identity/model.js';
import type { Notifier, TemplateName } from '../notify/model.js';
import type { Executor } from '../storage/database.js';
import type { ComplaintEventTable } from '../storage/schema.js';
import type { TextAnalysis } from './analysis/analyze.js';
import { type ComplaintCategory, mostUrgent, type Priority } from './model.js';
import { complaintRepo as repo } from './repo.js';
import { routeComplaint, slaDueAt, slaMs } from './routing.js';
import { scoreSeverity } from './severity.js';
import type { AlarmSignal } from './signals.js';
import type { LiveComplaintSettings } from './team-settings.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const hasCjk = (s: string) => /[\u3400-\u9fff]/.test(s);
/** zh-CN unless the customer wrote English. */
const localeOf = (text: string): 'zh-CN' | 'en' => (!hasCjk(text) && /[a-z]/i.test(text) ? 'en' : 'zh-CN');
const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** `YYYYMMDD` of a moment in a time zone: the day a reference number is counted in. */
function referenceDay(at: number, timeZone: string): string {
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, f);
  }
  return f.format(at).replace(/-/g, '');
}
/** PostgreSQL's `deadlock_detected`: this statement was chosen to break a lock cycle. */
export const isDeadlock = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '40P01';

/** What an intake is about: who wrote what, where. Plain data (it crosses to the writer thread). */
export interface IntakeFacts {
  ctx: AuditContext;
  channel: string;
  identifiers: Identifier[];
  /** Blind indexes of the identifiers, when the caller has them; computed only for a complaint. */
  indexes?: readonly string[] | undefined;
  facts: CustomerFacts | null;
  text: string;
  messageId: string | null;
  category?: ComplaintCategory | null | undefined;
  orderId?: string | null | undefined;
  /** The sender was blocked, limited or restricted by the blocklist when this message came. */
  fromBlockedSender?: boolean | undefined;
  /** Alarm signals that made a blocked sender's message a complaint regardless. */
  alarms?: readonly AlarmSignal[] | undefined;
}

export interface Contact {
  phone?: string;
  email?: string;
}

/** An intake made ready outside any transaction: analysed, keyed, its contact looked up. Plain data. */
export interface PreparedIntake {
  x: IntakeFacts;
  /** The complaint settings it was analysed under (`LiveComplaintSettings.version`). */
  settingsVersion: number;
  a: TextAnalysis;
  now: number;
  subjectKey: string;
  category: ComplaintCategory;
  tier: string | null;
  topics: string[];
  contact: Contact | null;
}

/** What one intake wrote, and the audit rows it owes (appended by whoever commits it). */
export interface IntakeOutcome {
  id: string;
  category: ComplaintCategory;
  /** The complaint's priority before this message; null when the message created it. */
  before: Priority | null;
  after: Priority;
  severity: number;
  reference: string | null;
  audit: AuditEntry[];
}

export interface IntakeWriterDeps {
  keys: KeyRing;
  audit: AuditLog;
  /** The outbox, read at each use (it is wired in after construction). */
  notifier: () => Notifier | null | undefined;
  /**
   * Called with each intake's time before it is written: a writer whose audit
   * log and outbox keep their own clock (the SQLite writer thread) sets it to
   * the main thread's.
   */
  clockTo?: ((now: number) => void) | undefined;
  /** Links a screened message to its complaint, in the intake's transaction. */
  linkMessage?: ((trx: Executor, messageId: string, complaintId: string) => Promise<void>) | undefined;
}

/**
 * Settings versions kept for intakes prepared under an older one (a change
 * mid-batch); twice what the SQLite recorder remembers sending its thread.
 */
const SETTINGS_KEPT = 8;

export class ComplaintIntakeWriter {
  private readonly settings = new Map<number, LiveComplaintSettings>();
  /** The settings of the intake being written (the outbox renders its notices with their wording). */
  current: LiveComplaintSettings | null = null;

  constructor(private readonly d: IntakeWriterDeps) {}

  /** Makes `live` known to `write` by its version; the oldest beyond a few are forgotten. */
  knowSettings(live: LiveComplaintSettings): void {
    if (this.settings.get(live.version) === live) return;
    this.settings.delete(live.version);
    this.settings.set(live.version, live);
    for (const v of this.settings.keys()) {
      if (this.settings.size <= SETTINGS_KEPT) break;
      this.settings.delete(v);
    }
  }

  hasSettings(version: number): boolean {
    return this.settings.has(version);
  }

  private settingsFor(version: number): LiveComplaintSettings {
    const live = this.settings.get(version);
    if (!live) throw new Error(`complaint settings v${version} are not known to this intake writer`);
    return live;
  }

  /**
   * Writes each intake in a savepoint of its own, in order, inside the caller's
   * transaction (an intake sees what the ones before it wrote; one that fails
   * is rolled back alone), then the audit rows of all of them, last: on
   * PostgreSQL the audit chain's lock is then taken after every complaint row
   * the batch locks, in the same order as every other writer (row, then chain).
   * An intake PostgreSQL picks as a deadlock victim goes once more.
   * `null` items are skipped (a record without an intake).
   */
  async writeAll(
    trx: Executor,
    items: readonly (PreparedIntake | null)[],
  ): Promise<(Settled<IntakeOutcome> | null)[]> {
    const outcomes: (Settled<IntakeOutcome> | null)[] = [];
    const audit: AuditEntry[] = [];
    for (const p of items) {
      if (!p) {
        outcomes.push(null);
        continue;
      }
      let outcome: Settled<IntakeOutcome> | undefined;
      for (let attempt = 1; !outcome; attempt++) {
        await sql`savepoint complaint_intake`.execute(trx);
        try {
          const value = await this.write(trx, p);
          await sql`release savepoint complaint_intake`.execute(trx);
          outcome = { ok: true, value };
          audit.push(...value.audit);
        } catch (error) {
          // ROLLBACK TO keeps the savepoint; RELEASE then drops it, so the next intake starts clean.
          await sql`rollback to savepoint complaint_intake`.execute(trx);
          await sql`release savepoint complaint_intake`.execute(trx);
          if (!(isDeadlock(error) && attempt === 1)) outcome = { ok: false, error };
        }
      }
      outcomes.push(outcome);
    }
    await this.d.audit.appendAll(trx, audit);
    return outcomes;
  }

  /**
   * The intake's writes, inside the caller's transaction: a new complaint, or
   * the message joined to the open one of the same subject and category. Uses
   * only `trx` (see eachInSavepoint); its audit rows are returned, not written.
   */
  async write(trx: Executor, p: PreparedIntake): Promise<IntakeOutcome> {
    const d = this.d;
    const live = this.settingsFor(p.settingsVersion);
    this.current = live;
    d.clockTo?.(p.now);
    const s = live.scoring;
    const { x, a, now, subjectKey, category, tier, topics, contact } = p;
    const blocked = x.fromBlockedSender === true;
    const audit: AuditEntry[] = [];
    const open = await repo.findOpen(trx, subjectKey, category, now - s.detection.mergeWindowHours * HOUR);
    const recent =
      (await repo.countSubmissions(trx, subjectKey, now - s.severity.frequency.windowDays * DAY)) + 1;
    const channels = [
      ...(await repo.channelsOf(trx, subjectKey, category, now - s.severity.multiChannel.windowDays * DAY)),
      x.channel,
    ];
    const message = {
      id: newId('event', now),
      message_id: x.messageId,
      subject_key: subjectKey,
      channel: x.channel,
      category,
      topics: JSON.stringify(topics),
      text_enc: d.keys.encrypt(x.text),
      at: now,
    };

    if (open) {
      const riskWords = [...new Set([...(JSON.parse(open.risk_words) as string[]), ...a.riskWords])];
      const sentiment = Math.min(open.sentiment, a.sentiment);
      const current = open.priority as Priority;
      const scored = scoreSeverity(
        {
          sentiment,
          riskWords,
          signals: a.signals.map((x) => x.kind),
          tier,
          recentComplaints: recent,
          channels,
          waitedMs: now - open.created_at,
          slaMs: slaMs(current, s.routing),
        },
        s.severity,
      );
      // New messages only ever make a complaint more urgent, never less.
      const priority = mostUrgent(scored.priority, current);
      const allChannels = [...new Set([...(JSON.parse(open.channels) as string[]), x.channel])];
      // The complaint shows its most severe message, so the queue reads what matters most.
      const sharper =
        messageSeverity(a, tier, live) >
        messageSeverity(live.analyze(d.keys.decrypt(open.text_enc)), tier, live);
      await repo.update(trx, open.id, {
        ...(sharper ? { text_enc: d.keys.encrypt(x.text) } : {}),
        channels: JSON.stringify(allChannels),
        sentiment,
        risk_words: JSON.stringify(riskWords),
        severity: scored.severity,
        factors: JSON.stringify(scored.factors),
        priority,
        sla_due_at: priority === current ? open.sla_due_at : slaDueAt(priority, open.created_at, s.routing),
        message_count: open.message_count + 1,
        last_message_at: now,
        updated_at: now,
        ...(open.order_id === null && open.order_id_enc === null && x.orderId
          ? { order_id_enc: d.keys.encrypt(x.orderId) }
          : {}),
        ...(blocked && !open.from_blocked_sender ? { from_blocked_sender: 1 } : {}),
      });
      await repo.addMessage(trx, { ...message, complaint_id: open.id });
      await addComplaintEvent(trx, d.keys, x.ctx, open.id, now, 'message_added', {
        messageId: x.messageId,
        channel: x.channel,
        severity: scored.severity,
        priority,
        shown: sharper,
        ...(blocked ? { fromBlockedSender: true } : {}),
      });
      audit.push({
        ctx: x.ctx,
        event: {
          action: 'complaint.message_add',
          targetType: 'complaint',
          targetId: open.id,
          summary: {
            channel: x.channel,
            severity: scored.severity,
            priority,
            messageId: x.messageId,
            ...(sharper ? { shownMessage: true } : {}),
          },
        },
      });
      await this.linkMessage(trx, x, open.id);
      return {
        id: open.id,
        category,
        before: current,
        after: priority,
        severity: scored.severity,
        reference: open.reference,
        audit,
      };
    }

    const scored = scoreSeverity(
      {
        sentiment: a.sentiment,
        riskWords: a.riskWords,
        signals: a.signals.map((x) => x.kind),
        tier,
        recentComplaints: recent,
        channels,
        waitedMs: 0,
        slaMs: 0,
      },
      s.severity,
    );
    const route = routeComplaint(category, tier, s.routing);
    const id = newId('complaint', now);
    const locale = localeOf(x.text);
    const ref = live.reference;
    const day = referenceDay(now, ref.timeZone);
    const reference = `${ref.prefix}-${day}-${String(await repo.nextReferenceNumber(trx, day)).padStart(4, '0')}`;
    await repo.insert(trx, {
      id,
      customer_id: x.facts?.id ?? null,
      subject_key: subjectKey,
      channel: x.channel,
      channels: JSON.stringify([x.channel]),
      category,
      sentiment: a.sentiment,
      risk_words: JSON.stringify(a.riskWords),
      severity: scored.severity,
      factors: JSON.stringify(scored.factors),
      priority: scored.priority,
      team: route.team,
      queue: route.queue,
      tier,
      assignee_id: null,
      status: 'received',
      order_id: null,
      order_id_enc: x.orderId ? d.keys.encrypt(x.orderId) : null,
      text_enc: d.keys.encrypt(x.text),
      contact_enc: contact ? d.keys.encrypt(JSON.stringify(contact)) : null,
      locale,
      message_count: 1,
      sla_due_at: slaDueAt(scored.priority, now, s.routing),
      escalated_at: null,
      resolved_at: null,
      last_message_at: now,
      created_at: now,
      updated_at: now,
      from_blocked_sender: blocked ? 1 : 0,
      reference,
    });
    await repo.addMessage(trx, { ...message, complaint_id: id });
    await addComplaintEvent(trx, d.keys, x.ctx, id, now, 'created', {
      channel: x.channel,
      messageId: x.messageId,
      category,
      severity: scored.severity,
      priority: scored.priority,
      team: route.team,
      queue: route.queue,
      reference,
      ...(blocked ? { fromBlockedSender: true } : {}),
    });
    audit.push({
      ctx: x.ctx,
      event: {
        action: 'complaint.create',
        targetType: 'complaint',
        targetId: id,
        summary: {
          channel: x.channel,
          category,
          severity: scored.severity,
          priority: scored.priority,
          customerId: x.facts?.id ?? null,
          messageId: x.messageId,
          reference,
          ...(blocked ? { fromBlockedSender: true } : {}),
        },
      },
    });
    const notice = {
      id,
      reference,
      category,
      status: 'received',
      team: route.team,
      locale,
      contact,
      slaDueAt: slaDueAt(scored.priority, now, s.routing),
    };
    await notifyComplaint(d.notifier(), trx, notice, 'complaint.received');
    // Low risk: the customer gets the category's FAQ answer right away.
    if (scored.priority === 'P4' && a.riskWords.length === 0) {
      await notifyComplaint(d.notifier(), trx, notice, 'complaint.auto_reply');
      await addComplaintEvent(trx, d.keys, x.ctx, id, now, 'auto_reply', { category });
    }
    await this.linkMessage(trx, x, id);
    return {
      id,
      category,
      before: null,
      after: scored.priority,
      severity: scored.severity,
      reference,
      audit,
    };
  }

  /** Points the screened message at its complaint, in the same transaction. */
  private async linkMessage(trx: Executor, x: IntakeFacts, complaintId: string): Promise<void> {
    if (x.messageId && this.d.linkMessage) await this.d.linkMessage(trx, x.messageId, complaintId);
  }
}

/** How severe one message is on its own (no frequency, channels or waiting), to pick the one a complaint shows. */
function messageSeverity(a: TextAnalysis, tier: string | null, live: LiveComplaintSettings): number {
  return scoreSeverity(
    {
      sentiment: a.sentiment,
      riskWords: a.riskWords,
      signals: a.signals.map((x) => x.kind),
      tier,
      recentComplaints: 1,
      channels: [],
      waitedMs: 0,
      slaMs: 0,
    },
    live.scoring.severity,
  ).severity;
}

export async function addComplaintEvent(
  db: Executor,
  keys: KeyRing,
  ctx: AuditContext,
  complaintId: string,
  at: number,
  kind: string,
  detail: Record<string, unknown>,
  note: string | null = null,
): Promise<void> {
  const row: ComplaintEventTable = {
    id: newId('event', at),
    complaint_id: complaintId,
    at,
    kind,
    actor_type: ctx.actor.type,
    actor_id: ctx.actor.id,
    detail: JSON.stringify(detail),
    note_enc: keys.encryptNullable(note),
  };
  await repo.addEvent(db, row);
}

/** Queues a customer notification in the caller's transaction: SMS to a phone, else e-mail. */
export async function notifyComplaint(
  notifier: Notifier | null | undefined,
  trx: Executor,
  c: {
    id: string;
    /** The short reference the customer sees; complaints from before references have none. */
    reference: string | null;
    category: string;
    status: string;
    team: string;
    locale: string;
    contact: Contact | null;
    slaDueAt: number;
  },
  template: TemplateName,
): Promise<void> {
  if (!notifier) return;
  // Customers see the short reference, never the internal id; the team's systems get both.
  const data = {
    ref: c.reference ?? c.id,
    complaintId: c.id,
    sla: iso(c.slaDueAt),
    category: c.category,
    status: c.status,
    team: c.team,
  };
  const send = (channel: 'webhook' | 'sms' | 'email', to: string | null) =>
    notifier.enqueue(
      {
        channel,
        to,
        template,
        locale: c.locale === 'en' ? 'en' : 'zh-CN',
        data,
        subjectType: 'complaint',
        subjectId: c.id,
      },
      trx,
    );
  // The team's own systems (ticketing, CRM) hear of every step by webhook, when one is set.
  if (notifier.configured('webhook')) await send('webhook', null);
  if (!c.contact) return;
  const to = c.contact.phone ?? c.contact.email ?? null;
  if (!to) return;
  await send(c.contact.phone ? 'sms' : 'email', to);
}
