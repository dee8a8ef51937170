import type { AuditContext, AuditLog } from '../access/audit.js';
import type { BlocklistEntry, BlocklistService, HistoryEvent } from '../blocklist/service.js';
import type { ComplaintService } from '../complaints/service.js';
import type { Clock } from '../core/clock.js';
import type { RetentionConfig } from '../core/config.js';
import type { KeyRing } from '../core/crypto/keyring.js';
import { WardenError } from '../core/errors.js';
import type { IdentifierType } from '../identity/model.js';
import type { Customer, CustomerService } from '../identity/service.js';
import type { MessageService, StoredMessage } from '../screening/messages.js';
import { type Executor, flushWal, type Store } from '../storage/database.js';
import type { WinbackCase } from '../winback/model.js';
import type { WinbackService } from '../winback/service.js';
import { privacyRepo, type Subject } from './repo.js';

const DAY = 86_400_000;

export const retentionKinds = ['messages', 'entries', 'complaints', 'auditReads'] as const;
export type RetentionKind = (typeof retentionKinds)[number];

export interface RetentionPlan {
  kind: RetentionKind;
  /** null: kept for ever (retention off for this kind). */
  days: number | null;
  /** Rows older than this go; null when off. */
  before: string | null;
  count: number;
}

export interface ErasureReport {
  customerId: string;
  erasedAt: string;
  identifiers: number;
  entries: number;
  messages: number;
  complaints: number;
  consents: number;
  notifications: number;
  winbackCases: number;
}

export interface SubjectExport {
  exportedAt: string;
  customer: Customer & { erasedAt: string | null };
  blocklist: (BlocklistEntry & { history: HistoryEvent[] })[];
  messages: StoredMessage[];
  complaints: unknown[];
  winback: WinbackCase[];
  consents: {
    identifierType: string;
    identifier: string;
    purpose: string;
    status: string;
    method: string;
    updatedAt: string;
  }[];
}

export interface PrivacyDeps {
  store: Store;
  keys: KeyRing;
  audit: AuditLog;
  clock: Clock;
  retention: RetentionConfig;
  customers: CustomerService;
  blocklist: BlocklistService;
  messages: MessageService;
  complaints: ComplaintService;
  winback: WinbackService;
  /** Called after commit for each blocklist entry that was erased or deleted (this server's index). */
  entryChanged: (entryId: string) => void;
  /** Called after commit when a customer was erased (this server's directory). */
  customerChanged: (customerId: string) => void;
}

/**
 * Data-subject rights and retention: erase a customer's personal data while
 * keeping the blind indexes that make blocks and opt-outs hold (tombstones),
 * export everything held about a person, and delete old data by kind.
 */
export class PrivacyService {
  constructor(private readonly d: PrivacyDeps) {}

  private cutoffs(now: number): Record<RetentionKind, number | null> {
    const r = this.d.retention;
    const at = (days: number | null) => (days === null ? null : now - days * DAY);
    return {
      messages: at(r.messagesDays),
      entries: at(r.entriesDays),
      complaints: at(r.complaintsDays),
      auditReads: at(r.auditReadsDays),
    };
  }

  private daysOf(kind: RetentionKind): number | null {
    const r = this.d.retention;
    return {
      messages: r.messagesDays,
      entries: r.entriesDays,
      complaints: r.complaintsDays,
      auditReads: r.auditReadsDays,
    }[kind];
  }

  /** What the next retention run would delete, per kind (a dry run). */
  async preview(now = this.d.clock.now()): Promise<RetentionPlan[]> {
    const cut = this.cutoffs(now);
    const db = this.d.store.db;
    const out: RetentionPlan[] = [];
    for (const kind of retentionKinds) {
      const before = cut[kind];
      let count = 0;
      if (before !== null) {
        if (kind === 'messages') count = await privacyRepo.countMessages(db, before);
        else if (kind === 'entries') count = await privacyRepo.countEntries(db, before);
        else if (kind === 'complaints') count = await privacyRepo.countComplaints(db, before);
        else count = await this.d.audit.countPrunable(before);
      }
      out.push({
        kind,
        days: this.daysOf(kind),
        before: before === null ? null : new Date(before).toISOString(),
        count,
      });
    }
    return out;
  }

  /** Deletes what retention says is due, in batches; audited with the counts. */
  async applyRetention(ctx: AuditContext, now = this.d.clock.now()): Promise<Record<RetentionKind, number>> {
    const cut = this.cutoffs(now);
    const done: Record<RetentionKind, number> = { messages: 0, entries: 0, complaints: 0, auditReads: 0 };
    const db = this.d.store.db;
    const batches = async (step: (trx: Executor) => Promise<{ n: number; entryIds?: string[] }>) => {
      let total = 0;
      for (;;) {
        const { n, entryIds = [] } = await db.transaction().execute(step);
        for (const id of entryIds) this.d.entryChanged(id);
        total += n;
        if (n < privacyRepo.BATCH) return total;
      }
    };
    const messagesBefore = cut.messages;
    if (messagesBefore !== null)
      done.messages = await batches(async (trx) => ({
        n: await privacyRepo.deleteMessages(trx, messagesBefore),
      }));
    const entriesBefore = cut.entries;
    if (entriesBefore !== null)
      done.entries = await batches(async (trx) => {
        const ids = await privacyRepo.deleteEntries(trx, entriesBefore);
        // Other servers drop them from their indexes through the change feed.
        await this.d.blocklist.recordBulkChange(trx, ids);
        return { n: ids.length, entryIds: ids };
      });
    const complaintsBefore = cut.complaints;
    if (complaintsBefore !== null)
      done.complaints = await batches(async (trx) => ({
        n: await privacyRepo.deleteComplaints(trx, complaintsBefore),
      }));
    if (cut.auditReads !== null) done.auditReads = await this.d.audit.pruneReads(ctx, cut.auditReads);
    if (done.messages + done.entries + done.complaints + done.auditReads > 0) {
      await this.d.audit.append(db, ctx, {
        action: 'retention.apply',
        targetType: 'retention',
        summary: done,
      });
      await flushWal(this.d.store);
    }
    return done;
  }

  private async subject(db: Executor, customerId: string): Promise<Subject> {
    const row = await db
      .selectFrom('customers')
      .select(['id', 'erased_at'])
      .where('id', '=', customerId)
      .executeTakeFirst();
    if (!row) throw new WardenError('CUSTOMER_NOT_FOUND', `no customer ${customerId}`);
    return { customerId, indexes: await privacyRepo.identifierIndexes(db, customerId) };
  }

  /**
   * Removes the customer's name, attributes and identifier values, the text of
   * their messages and complaints (and notes, contacts and pending notices
   * about them), keeping every row's blind index: an active block on an erased
   * phone still blocks it, an opt-out still holds. On SQLite the write-ahead log
   * is then folded in and truncated, and with secure_delete on the old bytes
   * are gone from the files.
   */
  async erase(ctx: AuditContext, customerId: string, reason: string): Promise<ErasureReport> {
    const now = this.d.clock.now();
    const report = await this.d.store.db.transaction().execute(async (trx) => {
      const subject = await this.subject(trx, customerId);
      const counts = await privacyRepo.erase(trx, subject, now, {
        empty: this.d.keys.encrypt(''),
        emptyList: this.d.keys.encrypt('[]'),
        emptyObject: this.d.keys.encrypt('{}'),
      });
      const report: ErasureReport = {
        customerId,
        erasedAt: new Date(now).toISOString(),
        identifiers: subject.indexes.length,
        entries: counts.entryIds.length,
        messages: counts.messages,
        complaints: counts.complaints,
        consents: counts.consents,
        notifications: counts.notifications,
        winbackCases: await this.d.winback.eraseCustomer(trx, customerId, counts.entryIds),
      };
      // Other servers re-read the erased entries (now held by blind index) through the change feed;
      // the customer reaches them through the audit row's feed item.
      await this.d.blocklist.recordBulkChange(trx, counts.entryIds);
      const { customerId: _, erasedAt: __, ...summary } = report;
      await this.d.audit.append(trx, ctx, {
        action: 'customer.erase',
        targetType: 'customer',
        targetId: customerId,
        summary: { reason, ...summary },
      });
      return { report, entryIds: counts.entryIds };
    });
    for (const id of report.entryIds) this.d.entryChanged(id);
    this.d.customerChanged(customerId);
    await flushWal(this.d.store);
    return report.report;
  }

  /** The blocklist entries on a customer or on any of their identifiers, also erased ones (by blind index). */
  async entriesOf(customerId: string): Promise<BlocklistEntry[]> {
    const db = this.d.store.db;
    const out: BlocklistEntry[] = [];
    for (const id of await privacyRepo.entryIds(db, await this.subject(db, customerId)))
      out.push(await this.d.blocklist.summaryOf(id));
    return out;
  }

  /** Everything held about a customer (subject access request), decrypted; the read is audited once. */
  async export(ctx: AuditContext, customerId: string): Promise<SubjectExport> {
    const db = this.d.store.db;
    const subject = await this.subject(db, customerId);
    const customer = await this.d.customers.load(db, customerId);
    if (!customer) throw new WardenError('CUSTOMER_NOT_FOUND', `no customer ${customerId}`);
    const blocklist = [];
    for (const id of await privacyRepo.entryIds(db, subject))
      blocklist.push(await this.d.blocklist.get(ctx, id));
    const messages = (await privacyRepo.messages(db, subject)).map((m) => this.d.messages.toMessage(m));
    const complaints = [];
    for (const id of await privacyRepo.complaintIds(db, subject))
      complaints.push(await this.d.complaints.get(ctx, id));
    const winback = await this.d.winback.casesOf(customerId, await privacyRepo.entryIds(db, subject));
    const consents = (await privacyRepo.consents(db, subject)).map((c) => ({
      identifierType: c.identifier_type as IdentifierType,
      identifier: this.d.keys.decrypt(c.identifier_enc),
      purpose: c.purpose,
      status: c.status,
      method: c.method,
      updatedAt: new Date(c.updated_at).toISOString(),
    }));
    await this.d.audit.append(db, ctx, {
      action: 'customer.export',
      targetType: 'customer',
      targetId: customerId,
      summary: {
        entries: blocklist.length,
        messages: messages.length,
        complaints: complaints.length,
        winbackCases: winback.length,
        consents: consents.length,
      },
    });
    return {
      exportedAt: new Date(this.d.clock.now()).toISOString(),
      customer,
      blocklist,
      messages,
      complaints,
      winback,
      consents,
    };
  }
}
