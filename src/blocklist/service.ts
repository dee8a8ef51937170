import { type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import type { AuditContext, AuditLog } from '../access/audit.js';
import type { Clock } from '../core/clock.js';
import { blocklistReasonCode, type CodedText } from '../core/coded-text.js';
import type { KeyRing } from '../core/crypto/keyring.js';
import { WardenError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { LocalDays } from '../core/local-days.js';
import { maskIdentifier } from '../identity/identifiers.js';
import type { Identifier, IdentifierType } from '../identity/model.js';
import {
  type Customer,
  type CustomerCard,
  type CustomerService,
  identifierRef,
} from '../identity/service.js';
import type { ChangeFeed } from '../storage/change-feed.js';
import type { Executor, Store } from '../storage/database.js';
import { localDaySql } from '../storage/local-day.js';
import { migrations } from '../storage/migrate.js';
import type { BlocklistEntryTable, BlocklistExemptionTable, Database } from '../storage/schema.js';
import type { BlocklistCategory, CategoryService } from './categories.js';
import { readSnapshot, removeSnapshot, type SnapshotHeader, writeSnapshot } from './index-snapshot.js';
import {
  type BlocklistLevel,
  type BlocklistStatus,
  type PolicyEntry,
  type PolicyExemption,
  type RateLimit,
  type StoredEntryState,
  targetKeyOf,
} from './model.js';
import { deriveStatus, evaluatePolicy, type PolicyResult } from './policy.js';
import { BlocklistIndex } from './policy-index.js';
import type { BlocklistNoticeKind, ResolvedReleaseReason } from './release-settings.js';

/**
 * Queues a customer notice about an entry in the change's own transaction
 * (see blocklist/notices.ts); it decides itself whether the category sends one.
 */
export type BlocklistNoticeSender = (
  trx: Executor,
  entry: Pick<BlocklistEntryTable, 'id' | 'category' | 'identifier_type' | 'identifier_enc' | 'customer_id'>,
  kind: BlocklistNoticeKind,
  at: number,
) => Promise<void>;

/** The columns the policy index is built from (a rebuild reads nothing else). */
const policyColumns = [
  'id',
  'level',
  'customer_id',
  'identifier_type',
  'identifier_enc',
  'identifier_index',
  'category',
  'state',
  'starts_at',
  'expires_at',
  'limit_max',
  'limit_window',
  'allowed_channels',
] as const;
type PolicyColumn = (typeof policyColumns)[number];

const idsOf = (payload: Record<string, unknown>): string[] =>
  Array.isArray(payload.ids) ? payload.ids.filter((x): x is string => typeof x === 'string') : [];

const DAY = 86_400_000;

/** Identifier types matched by exact value, so by blind index (ip may be a range: its value is needed). */
const BY_BLIND_INDEX: ReadonlySet<string> = new Set(['phone', 'email', 'user_id', 'device_id', 'open_id']);

export type EntrySource = 'manual' | 'import' | `rule:${string}`;

export interface Exemption {
  id: string;
  from: string | null;
  until: string | null;
  sessionId: string | null;
  channel: string | null;
  reason: string | null;
  createdBy: string | null;
  createdAt: string;
  revokedAt: string | null;
  active: boolean;
}

export interface BlocklistEntry {
  id: string;
  customerId: string | null;
  identifier: Identifier | null;
  level: BlocklistLevel;
  limit: RateLimit | null;
  allowedChannels: string[] | null;
  category: string;
  reason: string;
  /** The reason as a code and values (a rule's auto-block), or `text` for a person's own words. */
  reasonCode: CodedText;
  source: string;
  ownerId: string | null;
  createdBy: string | null;
  status: BlocklistStatus;
  reviewDue: boolean;
  startsAt: string | null;
  expiresAt: string | null;
  reviewAt: string | null;
  releasedAt: string | null;
  createdAt: string;
  updatedAt: string;
  exemptions: Exemption[];
  /** On lists: the customer as a person (name, masked contact, tier). */
  customer?: CustomerCard | null;
}

export interface HistoryEvent {
  id: string;
  at: string;
  kind: string;
  actor: { type: string; id: string | null };
  detail: Record<string, unknown>;
  note: string | null;
}

export interface EntryInput {
  identifier?: { type: IdentifierType; value: string } | undefined;
  customerId?: string | undefined;
  level?: BlocklistLevel | undefined;
  limit?: RateLimit | null | undefined;
  allowedChannels?: string[] | null | undefined;
  category: string;
  reason: string;
  startsAt?: number | null | undefined;
  expiresAt?: number | null | undefined;
  reviewAt?: number | null | undefined;
  ownerId?: string | null | undefined;
  /** `pending` proposes the entry for a supervisor's approval (rules do this). */
  status?: 'active' | 'pending' | undefined;
  confirm?: boolean | undefined;
}

export interface EntryPatch {
  level?: BlocklistLevel;
  limit?: RateLimit | null;
  allowedChannels?: string[] | null;
  category?: string;
  reason?: string;
  startsAt?: number | null;
  expiresAt?: number | null;
  reviewAt?: number | null;
  ownerId?: string | null;
}

export interface ListFilter {
  limit: number;
  cursor?: string | undefined;
  level?: number | undefined;
  category?: string | undefined;
  status?: BlocklistStatus | 'review_due' | undefined;
  source?: string | undefined;
  ownerId?: string | undefined;
  identifier?: Identifier | undefined;
  customerId?: string | undefined;
  q?: string | undefined;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Why an add needs confirmation: the customer is a key customer. Null when it does not. */
export function keyCustomerRisk(
  customer: Pick<Customer, 'protected' | 'tier' | 'lifetimeValue'> | null,
  policy: { protectedTiers: readonly string[]; protectedLifetimeValue: number },
): string[] | null {
  if (!customer) return null;
  const risks: string[] = [];
  if (customer.protected) risks.push('the customer is marked protected');
  if (policy.protectedTiers.includes(customer.tier)) risks.push(`the customer's tier is ${customer.tier}`);
  if (customer.lifetimeValue >= policy.protectedLifetimeValue) {
    risks.push(
      `the customer's lifetime value ${customer.lifetimeValue} is at or above ${policy.protectedLifetimeValue}`,
    );
  }
  return risks.length ? risks : null;
}

/**
 * The blocklist: entries, exemptions, releases, reviews and their history,
 * plus the in-memory policy index screening reads on every message.
 */
export class BlocklistService {
  /** The live index; reloads build a new one beside it and swap (see loadIndex). */
  private live: BlocklistIndex;
  private feed: ChangeFeed | null = null;
  /** Where the index is kept on disk between runs (see keepSnapshots); null: not kept. */
  private snapshotPath: string | null = null;
  /** The snapshot is read at the first load only; later loads are full rebuilds (the safety net). */
  private firstLoad = true;
  /** How the last load went, for the start-up log line and the tests. */
  lastLoad: IndexLoadReport | null = null;
  /** Why the snapshot on disk was not used by the load in progress, if it was not. */
  private refusedSnapshot: string | null = null;
  /** Snapshot writes, one after another; a failure is kept in lastSnapshotError. */
  private snapshotWrites: Promise<void> = Promise.resolve();
  lastSnapshotError: string | null = null;
  private notices: BlocklistNoticeSender | null = null;
  private readonly listeners: ((entryId: string) => void)[] = [];

  constructor(
    private readonly store: Store,
    private readonly keys: KeyRing,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    readonly categories: CategoryService,
    private readonly customers: CustomerService,
    private readonly protection: { protectedTiers: readonly string[]; protectedLifetimeValue: number },
  ) {
    this.live = this.newIndex();
  }

  /** Exact identifiers are keyed by blind index: loads decrypt none of them. */
  private newIndex(): BlocklistIndex {
    return new BlocklistIndex({ indexOf: this.indexOf });
  }

  private readonly indexOf = (type: IdentifierType, value: string): string =>
    this.keys.blindIndex(type, value);

  /** The policy index screening reads: always a complete one. */
  get index(): BlocklistIndex {
    return this.live;
  }

  /** Called after an entry changes (the change feed hints other nodes from here). */
  onChange(listener: (entryId: string) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Takes the change feed: reloads then swap between two of its polls, and
   * bulk changes (imports) append their entry ids to it.
   */
  attachFeed(feed: ChangeFeed): void {
    this.feed = feed;
    feed.on('blocklist.entry', async (items) => {
      // This process applied its own changes before answering (see changed()).
      const ids = items.filter((i) => i.origin !== feed.origin).map((i) => i.target ?? '');
      await this.refreshMany(ids);
    });
    feed.on('blocklist.entries', async (items) => {
      // This process's own import put its entries in the index as it wrote them.
      const ids = items.filter((i) => i.origin !== feed.origin).flatMap((i) => idsOf(i.payload));
      await this.refreshMany(ids);
    });
    feed.on('blocklist.import', async (items) => {
      for (const i of items)
        if (i.origin !== feed.origin && i.target) await this.refreshMany(await this.idsOfImport(i.target));
    });
  }

  /** Takes the sender of customer notices (an entry starts applying, an entry is released). */
  attachNotices(sender: BlocklistNoticeSender): void {
    this.notices = sender;
  }

  /** Appends a bulk change (an import batch) to the change feed, in the batch's transaction. */
  async recordBulkChange(trx: Executor, entryIds: readonly string[]): Promise<void> {
    if (!this.feed || entryIds.length === 0) return;
    await this.feed.append(trx, [{ topic: 'blocklist.entries', payload: { ids: entryIds } }]);
  }

  // ---------------------------------------------------------------- index

  /**
   * Keeps the index in a file at `path` (in the data directory): written
   * after each full load and at close, read at the next start, where the
   * change feed since it was written is replayed on top. A snapshot of
   * another key, database or schema, one the feed can no longer bring up to
   * date, or a damaged file is refused: the index is then read from the rows.
   */
  keepSnapshots(path: string): void {
    this.snapshotPath = path;
  }

  /**
   * Builds a new index of every entry that can still apply, beside the live
   * one, then swaps it in: screening never sees a partial index. Changes that
   * commit while it builds are replayed into the new index from the change
   * feed before the swap, with the feed paused, so none is lost. The first
   * load starts from the snapshot on disk when there is a usable one, and
   * replays the feed from where it was taken.
   */
  async loadIndex(): Promise<number> {
    const started = performance.now();
    const feed = this.feed;
    const from = feed ? await feed.headVersion() : 0;
    const restored = this.firstLoad && feed ? await this.restoreSnapshot(feed) : null;
    this.firstLoad = false;
    const built = restored ? null : await this.buildIndex();
    const next = restored?.index ?? (built as { index: BlocklistIndex }).index;
    const since = restored?.header.feedVersion ?? from;
    let version = since;
    if (!feed?.running) {
      // Start-up: nothing applies the feed yet, so the snapshot's catch-up is ours; the feed
      // starts later from a version read before this load, and replays the rest.
      if (restored && feed) version = await this.catchUp(feed, since, next);
      this.live = next;
    } else {
      await feed.runExclusive(async () => {
        version = await this.catchUp(feed, since, next);
        this.live = next;
      });
    }
    const entries = restored ? next.size : (built as { loaded: number }).loaded;
    this.lastLoad = {
      source: restored ? 'snapshot' : 'rows',
      entries,
      ms: Math.round(performance.now() - started),
      ...(restored ? { snapshotFeedVersion: since, replayedTo: version } : {}),
      ...(this.refusedSnapshot ? { refusedSnapshot: this.refusedSnapshot } : {}),
    };
    this.refusedSnapshot = null;
    // A full load is the moment to keep it (taken now, written in the background).
    if (!restored && feed) this.saveSnapshotInBackground(next, version);
    return entries;
  }

  /** Writes the live index to its snapshot now (at close, once the feed has stopped applying). */
  async saveSnapshot(): Promise<void> {
    const feed = this.feed;
    if (!this.snapshotPath || !feed) return;
    this.saveSnapshotInBackground(this.live, feed.status().version);
    await this.snapshotWrites;
  }

  /** Applies the blocklist items after `since` to `index`; returns the version it is current to. */
  private async catchUp(feed: ChangeFeed, since: number, index: BlocklistIndex): Promise<number> {
    const items = await feed.itemsAfter(since, ['blocklist.entry', 'blocklist.entries', 'blocklist.import']);
    const ids: string[] = [];
    for (const i of items) {
      if (i.topic === 'blocklist.entry') ids.push(i.target ?? '');
      else if (i.topic === 'blocklist.entries') ids.push(...idsOf(i.payload));
      else if (i.target) ids.push(...(await this.idsOfImport(i.target)));
    }
    await this.refreshMany(ids, index);
    return items.length ? (items[items.length - 1] as { version: number }).version : since;
  }

  /** The snapshot on disk, if it can stand in for a full load; else null (and why, in lastLoad). */
  private async restoreSnapshot(
    feed: ChangeFeed,
  ): Promise<{ index: BlocklistIndex; header: SnapshotHeader } | null> {
    const path = this.snapshotPath;
    if (!path) return null;
    try {
      const read = await readSnapshot(path, this.snapshotSeal());
      if (!read) return null;
      const refused = await this.snapshotRefusal(read.header, feed);
      if (refused) {
        this.refusedSnapshot = refused;
        return null;
      }
      // The few entries kept whole (ranges, customers, exemptions) are read as they are now.
      const others = await this.readPolicyEntries(read.snapshot.meta.otherIds);
      const index = BlocklistIndex.fromSnapshot(read.snapshot, others, { indexOf: this.indexOf });
      return { index, header: read.header };
    } catch (err) {
      this.refusedSnapshot = err instanceof Error ? err.message : String(err);
      return null;
    }
  }

  /** Why a snapshot cannot be used here, or null when it can. */
  private async snapshotRefusal(h: SnapshotHeader, feed: ChangeFeed): Promise<string | null> {
    const identity = await this.snapshotIdentity();
    if (h.keyCheck !== identity.keyCheck) return 'taken under another blind-index key';
    if (h.databaseId !== identity.databaseId) return 'taken from another database';
    if (h.schema !== identity.schema) return `taken under schema ${h.schema}, now ${identity.schema}`;
    const head = await feed.headVersion();
    if (head < h.feedVersion) return 'newer than the database (restored from a backup?)';
    const rowAt = await this.feedRowAt(h.feedVersion);
    if (rowAt !== null && rowAt !== h.feedRowAt)
      return 'the database has another history since (restored from a backup?)';
    if (head > h.feedVersion) {
      const oldest = await feed.oldestVersion();
      if (oldest === null || oldest > h.feedVersion + 1)
        return 'the change feed since it was taken was pruned';
    }
    return null;
  }

  private async feedRowAt(version: number): Promise<number | null> {
    const row = await this.store.db
      .selectFrom('change_feed')
      .select('created_at')
      .where('version', '=', version)
      .executeTakeFirst();
    return row ? Number(row.created_at) : null;
  }

  private async snapshotIdentity(): Promise<Pick<SnapshotHeader, 'keyCheck' | 'databaseId' | 'schema'>> {
    const first = await this.store.db
      .selectFrom('audit_log')
      .select('hash')
      .where('seq', '=', 1)
      .executeTakeFirst();
    return {
      keyCheck: this.keys.blindIndex('phone', SNAPSHOT_PROBE),
      databaseId: first?.hash ?? 'no audit yet',
      schema: migrations[migrations.length - 1]?.name ?? 'none',
    };
  }

  private snapshotSeal() {
    return {
      seal: (plain: string) => this.keys.encrypt(plain),
      open: (sealed: string) => this.keys.decrypt(sealed),
    };
  }

  /**
   * Takes the index's arrays now (a copy: the index goes on changing) and
   * writes them in the background. A failure only costs the next start a
   * full load; it is reported in lastSnapshotError.
   */
  private saveSnapshotInBackground(index: BlocklistIndex, version: number): void {
    if (!this.snapshotPath) return;
    const copy = copySnapshot(index);
    const header = Promise.all([this.snapshotIdentity(), this.feedRowAt(version)]).then(
      ([identity, rowAt]) => ({
        ...identity,
        feedRowAt: rowAt,
        feedVersion: version,
        takenAt: this.clock.now(),
        entries: index.size,
      }),
    );
    this.snapshotWrites = this.snapshotWrites
      .then(async () => {
        if (this.snapshotPath)
          await writeSnapshot(this.snapshotPath, await header, copy, this.snapshotSeal());
        this.lastSnapshotError = null;
      })
      .catch((err: unknown) => {
        this.lastSnapshotError = err instanceof Error ? err.message : String(err);
      });
  }

  /** Waits for snapshot writes in progress (close, tests). */
  async snapshotsWritten(): Promise<void> {
    await this.snapshotWrites;
  }

  /** Drops the snapshot on disk (key rotation, restore): the next start reads every row. */
  async discardSnapshot(): Promise<void> {
    await this.snapshotWrites;
    if (this.snapshotPath) await removeSnapshot(this.snapshotPath);
  }

  private async buildIndex(): Promise<{ index: BlocklistIndex; loaded: number }> {
    const index = this.newIndex();
    const now = this.clock.now();
    // Presize the index's hash tables: growing them entry by entry makes a 1M load ~3.5× slower.
    const { n } = await this.store.db
      .selectFrom('blocklist_entries')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('state', '=', 'approved')
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .executeTakeFirstOrThrow();
    index.reserve(Number(n));
    // Live exemptions are few: one query for all, not one per page.
    const exemptions = await this.liveExemptionsByEntry();
    let after = '';
    let loaded = 0;
    for (;;) {
      // Pages walk the primary key and the state is tested here: with the
      // state in the WHERE clause SQLite picks the (state, review_at) index and
      // sorts every approved row for every page, which made a million-entry
      // load quadratic (120 s instead of seconds).
      const rows = await this.store.db
        .selectFrom('blocklist_entries')
        .select(policyColumns.filter((c) => c !== 'identifier_enc'))
        // The sealed value only where the index needs it: most rows are exact
        // identifiers, reached by their blind index (reading them costs ~25 %).
        .select(
          sql<string | null>`case when identifier_index is not null and identifier_type in (${sql.join(
            [...BY_BLIND_INDEX].map((t) => sql.lit(t)),
          )}) then null else identifier_enc end`.as('identifier_enc'),
        )
        .where('id', '>', after)
        .orderBy('id')
        .limit(5000)
        .execute();
      if (rows.length === 0) break;
      for (const r of rows) {
        if (r.state !== 'approved' || (r.expires_at !== null && r.expires_at <= now)) continue;
        index.upsert(this.toPolicyEntry(r, exemptions.get(r.id) ?? []));
        loaded++;
      }
      after = rows[rows.length - 1]?.id ?? after;
      // SQLite answers synchronously: without a turn of the event loop here,
      // screens (and /readyz) would wait for the whole rebuild.
      await new Promise((r) => setImmediate(r));
    }
    return { index, loaded };
  }

  private async idsOfImport(importId: string): Promise<string[]> {
    const rows = await this.store.db
      .selectFrom('blocklist_entries')
      .select('id')
      .where('import_id', '=', importId)
      .execute();
    return rows.map((r) => r.id);
  }

  /** Re-reads one entry into the index (after a change here or on another node). */
  async refreshIndex(entryId: string): Promise<void> {
    await this.refreshMany([entryId]);
  }

  /**
   * Re-reads entries into an index (the live one unless given). Reads first,
   * then changes the index without an await in between, so an entry is never
   * missing from it while its new state is read.
   */
  async refreshMany(entryIds: readonly string[], into?: BlocklistIndex): Promise<void> {
    const unique = [...new Set(entryIds)].filter(Boolean);
    for (let i = 0; i < unique.length; i += 500) {
      const ids = unique.slice(i, i + 500);
      const entries = await this.readPolicyEntries(ids);
      const index = into ?? this.live;
      const found = new Set(entries.map((e) => e.id));
      for (const id of ids) if (!found.has(id)) index.remove(id);
      for (const e of entries) index.upsert(e);
    }
  }

  /** The approved ones among these entries, as the index holds them (with their live exemptions). */
  private async readPolicyEntries(entryIds: readonly string[]): Promise<PolicyEntry[]> {
    const out: PolicyEntry[] = [];
    for (let i = 0; i < entryIds.length; i += 500) {
      const ids = entryIds.slice(i, i + 500);
      const rows = await this.store.db
        .selectFrom('blocklist_entries')
        .selectAll()
        .where('id', 'in', ids)
        .execute();
      const approved = rows.filter((r) => r.state === 'approved');
      const ex = approved.length
        ? await this.exemptionsFor(
            this.store.db,
            approved.map((r) => r.id),
            true,
          )
        : new Map<string, Selectable<BlocklistExemptionTable>[]>();
      for (const r of approved) out.push(this.toPolicyEntry(r, ex.get(r.id) ?? []));
    }
    return out;
  }

  private async changed(entryId: string): Promise<void> {
    await this.refreshIndex(entryId);
    for (const l of this.listeners) l(entryId);
  }

  private toPolicyEntry(
    r: Pick<Selectable<BlocklistEntryTable>, PolicyColumn>,
    exemptions: Selectable<BlocklistExemptionTable>[],
  ): PolicyEntry {
    return {
      id: r.id,
      level: r.level as BlocklistLevel,
      customerId: r.customer_id,
      // An exact identifier is reached by its blind index alone (the index is
      // keyed by it): its value is not decrypted. Erased ones (see privacy)
      // have no value left; their blind index still blocks.
      identifier:
        r.identifier_type &&
        r.identifier_enc &&
        !(r.identifier_index && BY_BLIND_INDEX.has(r.identifier_type))
          ? { type: r.identifier_type as IdentifierType, value: this.keys.decrypt(r.identifier_enc) }
          : null,
      ...(r.identifier_type && r.identifier_index ? { identifierIndex: r.identifier_index } : {}),
      category: r.category,
      state: r.state as StoredEntryState,
      startsAt: r.starts_at,
      expiresAt: r.expires_at,
      limit:
        r.limit_max !== null && r.limit_window !== null
          ? { max: r.limit_max, windowSeconds: r.limit_window }
          : null,
      allowedChannels: r.allowed_channels ? (JSON.parse(r.allowed_channels) as string[]) : null,
      exemptions: exemptions.map(
        (e): PolicyExemption => ({
          id: e.id,
          from: e.from_at,
          until: e.until_at,
          sessionId: e.session_id,
          channel: e.channel,
          revokedAt: e.revoked_at,
        }),
      ),
    };
  }

  /** The policy verdict for a sender, from memory only. */
  evaluate(
    subject: { identifiers: Identifier[]; customerId: string | null; indexes?: readonly string[] },
    channel: string,
    sessionId: string | null,
    now = this.clock.now(),
  ): PolicyResult {
    return evaluatePolicy(this.index, subject, channel, sessionId, now);
  }

  // ---------------------------------------------------------------- writes

  targetKeyOf(identifier: Identifier | null, customerId: string | null): string {
    return targetKeyOf(
      identifier ? this.keys.blindIndex(identifier.type, identifier.value) : null,
      customerId,
    );
  }

  async create(
    ctx: AuditContext,
    input: EntryInput,
    source: EntrySource = 'manual',
  ): Promise<BlocklistEntry> {
    if ((input.identifier ? 1 : 0) + (input.customerId ? 1 : 0) !== 1) {
      throw new WardenError('VALIDATION_FAILED', 'give either an identifier or a customerId, not both', {
        errors: [{ field: '/identifier', message: 'exactly one of identifier and customerId is required' }],
      });
    }
    const category = await this.categories.get(input.category);
    const identifier = input.identifier ? this.normalise(input.identifier) : null;
    let customer: Customer | null = null;
    if (input.customerId) {
      customer = await this.customers.load(this.store.db, input.customerId);
      if (!customer)
        throw new WardenError('CUSTOMER_NOT_FOUND', `no customer ${input.customerId}`, {
          errors: [{ field: '/customerId', message: 'unknown customer' }],
        });
    } else if (identifier) {
      customer = await this.customers.findByIdentifier(identifier);
    }
    const now = this.clock.now();
    const shape = resolveShape(input, category);
    validateSchedule(input.startsAt ?? null, input.expiresAt ?? null);

    const risks = keyCustomerRisk(customer, this.protection);
    if (risks && input.confirm !== true) {
      throw new WardenError(
        'CONFIRMATION_REQUIRED',
        `blocking a key customer: ${risks.join('; ')}. Send "confirm": true to go ahead.`,
        {
          extras: { risks, customerId: customer?.id ?? null },
        },
      );
    }
    const targetKey = this.targetKeyOf(identifier, input.customerId ?? null);
    const row: BlocklistEntryTable = {
      id: newId('blocklistEntry', now),
      customer_id: input.customerId ?? null,
      identifier_type: identifier?.type ?? null,
      identifier_enc: identifier ? this.keys.encrypt(identifier.value) : null,
      identifier_index: identifier ? this.keys.blindIndex(identifier.type, identifier.value) : null,
      target_key: targetKey,
      level: shape.level,
      limit_max: shape.limit?.max ?? null,
      limit_window: shape.limit?.windowSeconds ?? null,
      allowed_channels: shape.allowedChannels ? JSON.stringify(shape.allowedChannels) : null,
      category: category.key,
      reason_enc: this.keys.encrypt(input.reason),
      source,
      owner_id: input.ownerId ?? ctx.actor.id,
      created_by: ctx.actor.id,
      state: input.status === 'pending' ? 'pending' : 'approved',
      starts_at: input.startsAt ?? null,
      expires_at: input.expiresAt ?? null,
      review_at:
        input.reviewAt === undefined
          ? category.reviewDays
            ? (input.startsAt ?? now) + category.reviewDays * DAY
            : null
          : input.reviewAt,
      released_at: null,
      import_id: null,
      created_at: now,
      updated_at: now,
      // Started at once: its notice (if any) goes now, not from the job.
      start_notice_at: input.startsAt != null && input.startsAt > now ? null : now,
    };
    await this.store.db.transaction().execute(async (trx) => {
      await this.assertNoLiveDuplicate(trx, targetKey, shape.level, now);
      await trx.insertInto('blocklist_entries').values(row).execute();
      // A scheduled start is told by the start-notice job when it comes.
      if (row.state === 'approved' && (row.starts_at === null || row.starts_at <= now))
        await this.notices?.(trx, row, 'started', now);
      await this.event(trx, ctx, row.id, 'created', {
        level: row.level,
        category: row.category,
        source,
        status: deriveStatus(
          { state: row.state as StoredEntryState, startsAt: row.starts_at, expiresAt: row.expires_at },
          now,
        ),
        confirmed: risks ? true : undefined,
      });
      await this.audit.append(trx, ctx, {
        action: 'blocklist.create',
        targetType: 'blocklist_entry',
        targetId: row.id,
        summary: {
          target: identifier
            ? identifierRef(identifier.type, row.identifier_index ?? '')
            : `customer:${input.customerId}`,
          level: row.level,
          category: row.category,
          source,
          confirmedKeyCustomer: risks ? true : undefined,
        },
      });
    });
    await this.changed(row.id);
    return this.mustGet(row.id);
  }

  private normalise(i: { type: IdentifierType; value: string }): Identifier {
    try {
      return this.customers.normalize(i.type, i.value);
    } catch (err) {
      if (err instanceof WardenError) {
        throw new WardenError('INVALID_IDENTIFIER', err.message, {
          errors: [{ field: '/identifier/value', message: err.message }],
        });
      }
      throw err;
    }
  }

  private async assertNoLiveDuplicate(
    db: Executor,
    targetKey: string,
    level: number,
    now: number,
    exceptId?: string,
  ): Promise<void> {
    let q = db
      .selectFrom('blocklist_entries')
      .select(['id', 'state', 'expires_at'])
      .where('target_key', '=', targetKey)
      .where('level', '=', level)
      .where('state', 'in', ['pending', 'approved']);
    if (exceptId) q = q.where('id', '!=', exceptId);
    const live = (await q.execute()).find((r) => r.expires_at === null || r.expires_at > now);
    if (live) {
      throw new WardenError(
        'BLOCKLIST_ENTRY_EXISTS',
        `entry ${live.id} already covers this target at level ${level}; change it instead`,
        {
          extras: { entryId: live.id },
        },
      );
    }
  }

  async update(ctx: AuditContext, id: string, patch: EntryPatch, confirm = false): Promise<BlocklistEntry> {
    const now = this.clock.now();
    await this.store.db.transaction().execute(async (trx) => {
      const row = await this.mustRow(trx, id);
      if (row.state === 'released' || row.state === 'rejected') {
        throw new WardenError('BLOCKLIST_ENTRY_CLOSED', `entry ${id} is ${row.state}`);
      }
      const category = await this.categories.get(patch.category ?? row.category, trx);
      const level = (patch.level ?? row.level) as BlocklistLevel;
      const shape = resolveShape(
        {
          level,
          limit:
            patch.limit !== undefined
              ? patch.limit
              : level === 2 && row.limit_max !== null
                ? { max: row.limit_max, windowSeconds: row.limit_window ?? 0 }
                : undefined,
          allowedChannels:
            patch.allowedChannels !== undefined
              ? patch.allowedChannels
              : row.allowed_channels
                ? (JSON.parse(row.allowed_channels) as string[])
                : undefined,
        },
        category,
      );
      const startsAt = patch.startsAt !== undefined ? patch.startsAt : row.starts_at;
      const expiresAt = patch.expiresAt !== undefined ? patch.expiresAt : row.expires_at;
      validateSchedule(startsAt, expiresAt);
      if (level !== row.level) await this.assertNoLiveDuplicate(trx, row.target_key, level, now, id);
      if (level < row.level || (level === 1 && row.level !== 1)) {
        const customer = row.customer_id
          ? await this.customers.load(trx, row.customer_id)
          : row.identifier_index
            ? await this.customers.findByIndex(trx, row.identifier_index)
            : null;
        const risks = keyCustomerRisk(customer, this.protection);
        if (risks && !confirm) {
          throw new WardenError(
            'CONFIRMATION_REQUIRED',
            `tightening a block on a key customer: ${risks.join('; ')}`,
            { extras: { risks } },
          );
        }
      }
      const changes: Partial<BlocklistEntryTable> = {
        level: shape.level,
        limit_max: shape.limit?.max ?? null,
        limit_window: shape.limit?.windowSeconds ?? null,
        allowed_channels: shape.allowedChannels ? JSON.stringify(shape.allowedChannels) : null,
        category: category.key,
        starts_at: startsAt,
        expires_at: expiresAt,
        review_at: patch.reviewAt !== undefined ? patch.reviewAt : row.review_at,
        owner_id: patch.ownerId !== undefined ? patch.ownerId : row.owner_id,
        updated_at: now,
      };
      if (patch.reason !== undefined) changes.reason_enc = this.keys.encrypt(patch.reason);
      await trx.updateTable('blocklist_entries').set(changes).where('id', '=', id).execute();
      const fields = Object.keys(patch);
      // Every field before and after; the reason (personal data) encrypted apart from the detail.
      const before = {
        limit: row.limit_max === null ? null : { max: row.limit_max, windowSeconds: row.limit_window },
        allowedChannels: row.allowed_channels ? (JSON.parse(row.allowed_channels) as string[]) : null,
        level: row.level,
        category: row.category,
        startsAt: iso(row.starts_at),
        expiresAt: iso(row.expires_at),
        reviewAt: iso(row.review_at),
        ownerId: row.owner_id,
      };
      const after = {
        limit: shape.limit,
        allowedChannels: shape.allowedChannels,
        level: changes.level,
        category: changes.category,
        startsAt: iso(startsAt),
        expiresAt: iso(expiresAt),
        reviewAt: iso(changes.review_at ?? null),
        ownerId: changes.owner_id ?? null,
      };
      const reasonBefore = this.keys.decrypt(row.reason_enc);
      await this.event(trx, ctx, id, 'changed', { fields, before, after }, null, {
        reason: { before: reasonBefore, after: patch.reason ?? reasonBefore },
      });
      await this.audit.append(trx, ctx, {
        action: 'blocklist.update',
        targetType: 'blocklist_entry',
        targetId: id,
        summary: { fields, level: changes.level },
      });
    });
    await this.changed(id);
    return this.mustGet(id);
  }

  /**
   * Releases an entry. `reason` is free text, or a reason resolved against the
   * settings' picklist (its code goes into the history's detail and the audit row).
   */
  async release(
    ctx: AuditContext,
    id: string,
    reason: string | ResolvedReleaseReason,
  ): Promise<BlocklistEntry> {
    const now = this.clock.now();
    const given = typeof reason === 'string' ? { code: null, note: reason } : reason;
    await this.store.db.transaction().execute(async (trx) => {
      const row = await this.mustRow(trx, id);
      if (row.state === 'released' || row.state === 'rejected')
        throw new WardenError('BLOCKLIST_ENTRY_CLOSED', `entry ${id} is already ${row.state}`);
      await trx
        .updateTable('blocklist_entries')
        .set({ state: 'released', released_at: now, updated_at: now })
        .where('id', '=', id)
        .execute();
      await trx
        .updateTable('blocklist_reminders')
        .set({ done_at: now })
        .where('entry_id', '=', id)
        .where('done_at', 'is', null)
        .execute();
      await this.event(trx, ctx, id, 'released', given.code ? { reasonCode: given.code } : {}, given.note);
      await this.audit.append(trx, ctx, {
        action: 'blocklist.release',
        targetType: 'blocklist_entry',
        targetId: id,
        ...(given.code ? { summary: { reasonCode: given.code } } : {}),
      });
      // Only an entry that was in force is "released" for the customer.
      if (row.state === 'approved' && (row.starts_at === null || row.starts_at <= now))
        await this.notices?.(trx, row, 'released', now);
    });
    await this.changed(id);
    return this.mustGet(id);
  }

  /** A supervisor's decision on an entry a rule proposed. */
  async decide(
    ctx: AuditContext,
    id: string,
    approve: boolean,
    note: string | null,
  ): Promise<BlocklistEntry> {
    const now = this.clock.now();
    await this.store.db.transaction().execute(async (trx) => {
      const row = await this.mustRow(trx, id);
      if (row.state !== 'pending')
        throw new WardenError('BLOCKLIST_ENTRY_NOT_PENDING', `entry ${id} is ${row.state}`);
      const startsNow = approve && (row.starts_at === null || row.starts_at <= now);
      await trx
        .updateTable('blocklist_entries')
        .set({
          state: approve ? 'approved' : 'rejected',
          updated_at: now,
          ...(startsNow ? { start_notice_at: now } : {}),
        })
        .where('id', '=', id)
        .execute();
      await this.event(trx, ctx, id, approve ? 'approved' : 'rejected', {}, note);
      if (
        approve &&
        (row.starts_at === null || row.starts_at <= now) &&
        (row.expires_at === null || row.expires_at > now)
      )
        await this.notices?.(trx, row, 'started', now);
      await this.audit.append(trx, ctx, {
        action: approve ? 'blocklist.approve' : 'blocklist.reject',
        targetType: 'blocklist_entry',
        targetId: id,
      });
    });
    await this.changed(id);
    return this.mustGet(id);
  }

  async addExemption(
    ctx: AuditContext,
    entryId: string,
    input: {
      from?: number | null;
      until?: number | null;
      sessionId?: string | null;
      channel?: string | null;
      reason?: string | null;
      /** The picklist code the reason came with (see release-settings). */
      reasonCode?: string | null;
    },
  ): Promise<Exemption> {
    const hasWindow = input.from != null || input.until != null;
    if (!input.sessionId && !hasWindow) {
      throw new WardenError('VALIDATION_FAILED', 'an exemption needs a sessionId or a window (from, until)', {
        errors: [{ field: '/sessionId', message: 'give sessionId, or from and until' }],
      });
    }
    if (hasWindow && (input.until == null || (input.from != null && input.until <= input.from))) {
      throw new WardenError('VALIDATION_FAILED', 'an exemption window needs an "until" after its "from"', {
        errors: [{ field: '/until', message: 'must be after from' }],
      });
    }
    const now = this.clock.now();
    const row: BlocklistExemptionTable = {
      id: newId('exemption', now),
      entry_id: entryId,
      from_at: hasWindow ? (input.from ?? now) : null,
      until_at: input.until ?? null,
      session_id: input.sessionId ?? null,
      channel: input.channel ?? null,
      reason_enc: this.keys.encryptNullable(input.reason ?? null),
      created_by: ctx.actor.id,
      created_at: now,
      revoked_at: null,
    };
    await this.store.db.transaction().execute(async (trx) => {
      const entry = await this.mustRow(trx, entryId);
      if (entry.state === 'released' || entry.state === 'rejected')
        throw new WardenError('BLOCKLIST_ENTRY_CLOSED', `entry ${entryId} is ${entry.state}`);
      await trx.insertInto('blocklist_exemptions').values(row).execute();
      await this.event(
        trx,
        ctx,
        entryId,
        'exemption_added',
        {
          exemptionId: row.id,
          from: iso(row.from_at),
          until: iso(row.until_at),
          session: row.session_id !== null,
          channel: row.channel,
          ...(input.reasonCode ? { reasonCode: input.reasonCode } : {}),
        },
        input.reason ?? null,
      );
      await this.audit.append(trx, ctx, {
        action: 'blocklist.exemption.create',
        targetType: 'blocklist_entry',
        targetId: entryId,
        summary: { exemptionId: row.id, ...(input.reasonCode ? { reasonCode: input.reasonCode } : {}) },
      });
    });
    await this.changed(entryId);
    return this.toExemption(row, now);
  }

  async revokeExemption(ctx: AuditContext, entryId: string, exemptionId: string): Promise<Exemption> {
    const now = this.clock.now();
    const row = await this.store.db.transaction().execute(async (trx) => {
      const ex = await trx
        .selectFrom('blocklist_exemptions')
        .selectAll()
        .where('id', '=', exemptionId)
        .where('entry_id', '=', entryId)
        .executeTakeFirst();
      if (!ex)
        throw new WardenError('EXEMPTION_NOT_FOUND', `no exemption ${exemptionId} on entry ${entryId}`);
      if (ex.revoked_at !== null) return ex;
      await trx
        .updateTable('blocklist_exemptions')
        .set({ revoked_at: now })
        .where('id', '=', exemptionId)
        .execute();
      await this.event(trx, ctx, entryId, 'exemption_revoked', { exemptionId });
      await this.audit.append(trx, ctx, {
        action: 'blocklist.exemption.revoke',
        targetType: 'blocklist_entry',
        targetId: entryId,
        summary: { exemptionId },
      });
      return { ...ex, revoked_at: now };
    });
    await this.changed(entryId);
    return this.toExemption(row, now);
  }

  /** keep / change / release, with a note; sets the next review date. */
  async review(
    ctx: AuditContext,
    id: string,
    input: {
      decision: 'keep' | 'change' | 'release';
      note: string;
      changes?: EntryPatch;
      nextReviewAt?: number | null;
    },
  ): Promise<BlocklistEntry> {
    if (input.decision === 'release') {
      await this.recordReview(ctx, id, input.decision, input.note, null);
      return this.release(ctx, id, input.note);
    }
    const row = await this.mustRow(this.store.db, id);
    const category = await this.categories.get(input.changes?.category ?? row.category);
    const next =
      input.nextReviewAt !== undefined
        ? input.nextReviewAt
        : category.reviewDays
          ? this.clock.now() + category.reviewDays * DAY
          : null;
    if (input.decision === 'change') {
      if (!input.changes || Object.keys(input.changes).length === 0) {
        throw new WardenError('VALIDATION_FAILED', 'a "change" review needs the changes', {
          errors: [{ field: '/changes', message: 'required for change' }],
        });
      }
      await this.update(ctx, id, { ...input.changes, reviewAt: next }, true);
    } else {
      await this.store.db
        .updateTable('blocklist_entries')
        .set({ review_at: next, updated_at: this.clock.now() })
        .where('id', '=', id)
        .execute();
    }
    await this.recordReview(ctx, id, input.decision, input.note, next);
    return this.mustGet(id);
  }

  private async recordReview(
    ctx: AuditContext,
    id: string,
    decision: string,
    note: string,
    next: number | null,
  ): Promise<void> {
    const now = this.clock.now();
    await this.store.db.transaction().execute(async (trx) => {
      const row = await this.mustRow(trx, id);
      if (row.state === 'released' || row.state === 'rejected')
        throw new WardenError('BLOCKLIST_ENTRY_CLOSED', `entry ${id} is ${row.state}`);
      await trx
        .updateTable('blocklist_reminders')
        .set({ done_at: now })
        .where('entry_id', '=', id)
        .where('done_at', 'is', null)
        .execute();
      await this.event(trx, ctx, id, 'reviewed', { decision, nextReviewAt: iso(next) }, note);
      await this.audit.append(trx, ctx, {
        action: 'blocklist.review',
        targetType: 'blocklist_entry',
        targetId: id,
        summary: { decision },
      });
    });
  }

  /** Records that the entry stopped a message (screening calls this). */
  async recordViolation(
    entryId: string,
    detail: { messageId: string; channel: string; decision: string },
    at = this.clock.now(),
  ): Promise<void> {
    await this.store.db
      .insertInto('blocklist_events')
      .values({
        id: newId('event', at),
        entry_id: entryId,
        at,
        kind: 'violation',
        actor_type: 'system',
        actor_id: null,
        detail: JSON.stringify(detail),
        note_enc: null,
      })
      .execute();
  }

  /**
   * The start-notice job: entries whose scheduled start came in the last day
   * get their customer notice once (when the category sends one). Each is
   * claimed with a conditional update in the notice's transaction, so two
   * nodes never both send it; starts older than a day (after an upgrade or a
   * long outage) are marked without telling the customer late.
   */
  async sendStartNotices(now = this.clock.now()): Promise<number> {
    const due = await this.store.db
      .selectFrom('blocklist_entries')
      .select('id')
      .where('state', '=', 'approved')
      .where('start_notice_at', 'is', null)
      .where('starts_at', 'is not', null)
      .where('starts_at', '<=', now)
      .limit(1000)
      .execute();
    let sent = 0;
    for (const { id } of due) {
      await this.store.db.transaction().execute(async (trx) => {
        const claimed = await trx
          .updateTable('blocklist_entries')
          .set({ start_notice_at: now })
          .where('id', '=', id)
          .where('start_notice_at', 'is', null)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) return;
        const row = await this.mustRow(trx, id);
        const fresh = row.starts_at !== null && row.starts_at > now - DAY;
        if (fresh && (row.expires_at === null || row.expires_at > now)) {
          await this.notices?.(trx, row, 'started', now);
          sent++;
        }
      });
    }
    return sent;
  }

  /**
   * The review job: one reminder per entry and review date for its owner,
   * for entries whose review date has passed. Idempotent (unique per entry and date).
   */
  async raiseReviewReminders(now = this.clock.now()): Promise<number> {
    const due = await this.store.db
      .selectFrom('blocklist_entries')
      .leftJoin('blocklist_reminders', (j) =>
        j
          .onRef('blocklist_reminders.entry_id', '=', 'blocklist_entries.id')
          .onRef('blocklist_reminders.due_at', '=', 'blocklist_entries.review_at'),
      )
      .select([
        'blocklist_entries.id',
        'blocklist_entries.owner_id',
        'blocklist_entries.created_by',
        'blocklist_entries.review_at',
      ])
      .where('blocklist_entries.state', '=', 'approved')
      .where('blocklist_entries.review_at', '<=', now)
      .where((eb) =>
        eb.or([eb('blocklist_entries.expires_at', 'is', null), eb('blocklist_entries.expires_at', '>', now)]),
      )
      .where('blocklist_reminders.id', 'is', null)
      .limit(10_000)
      .execute();
    let raised = 0;
    for (const d of due) {
      if (d.review_at === null) continue;
      const r = await this.store.db
        .insertInto('blocklist_reminders')
        .values({
          id: newId('reminder', now),
          entry_id: d.id,
          owner_id: d.owner_id ?? d.created_by,
          due_at: d.review_at,
          created_at: now,
          done_at: null,
        })
        .onConflict((oc) => oc.columns(['entry_id', 'due_at']).doNothing())
        .executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) > 0) {
        raised++;
        await this.store.db
          .insertInto('blocklist_events')
          .values({
            id: newId('event', now),
            entry_id: d.id,
            at: now,
            kind: 'review_reminder',
            actor_type: 'system',
            actor_id: null,
            detail: JSON.stringify({ dueAt: iso(d.review_at), ownerId: d.owner_id ?? d.created_by }),
            note_enc: null,
          })
          .execute();
      }
    }
    return raised;
  }

  async listReminders(filter: { ownerId?: string | undefined; open?: boolean }): Promise<
    {
      id: string;
      entryId: string;
      ownerId: string | null;
      dueAt: string;
      createdAt: string;
      doneAt: string | null;
      entry: { category: string; level: number; target: string };
    }[]
  > {
    let q = this.store.db
      .selectFrom('blocklist_reminders')
      .innerJoin('blocklist_entries', 'blocklist_entries.id', 'blocklist_reminders.entry_id')
      .selectAll('blocklist_reminders')
      .select([
        'blocklist_entries.category',
        'blocklist_entries.level',
        'blocklist_entries.identifier_type',
        'blocklist_entries.identifier_enc',
        'blocklist_entries.customer_id',
      ]);
    if (filter.ownerId) q = q.where('blocklist_reminders.owner_id', '=', filter.ownerId);
    if (filter.open !== false) q = q.where('blocklist_reminders.done_at', 'is', null);
    const rows = await q.orderBy('blocklist_reminders.due_at').limit(500).execute();
    return rows.map((r) => ({
      id: r.id,
      entryId: r.entry_id,
      ownerId: r.owner_id,
      dueAt: new Date(r.due_at).toISOString(),
      createdAt: new Date(r.created_at).toISOString(),
      doneAt: iso(r.done_at),
      entry: {
        category: r.category,
        level: r.level,
        // Masked: a reminder list is a worklist, not a place to read personal data.
        target:
          r.identifier_type && r.identifier_enc
            ? maskIdentifier({
                type: r.identifier_type as IdentifierType,
                value: this.keys.decrypt(r.identifier_enc),
              })
            : `customer ${r.customer_id}`,
      },
    }));
  }

  // ---------------------------------------------------------------- reads

  private async mustRow(db: Executor, id: string): Promise<Selectable<BlocklistEntryTable>> {
    const row = await db.selectFrom('blocklist_entries').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new WardenError('BLOCKLIST_ENTRY_NOT_FOUND', `no blocklist entry ${id}`);
    return row;
  }

  private async mustGet(id: string): Promise<BlocklistEntry> {
    const row = await this.mustRow(this.store.db, id);
    const ex = await this.exemptionsFor(this.store.db, [id], false);
    return this.toEntry(row, ex.get(id) ?? [], this.clock.now());
  }

  async get(ctx: AuditContext, id: string): Promise<BlocklistEntry & { history: HistoryEvent[] }> {
    const entry = await this.mustGet(id);
    const events = await this.store.db
      .selectFrom('blocklist_events')
      .selectAll()
      .where('entry_id', '=', id)
      .orderBy('at')
      .orderBy('id')
      .limit(1000)
      .execute();
    await this.audit.append(this.store.db, ctx, {
      action: 'blocklist.read',
      targetType: 'blocklist_entry',
      targetId: id,
    });
    return {
      ...entry,
      history: events.map((e) => ({
        id: e.id,
        at: new Date(e.at).toISOString(),
        kind: e.kind,
        actor: { type: e.actor_type, id: e.actor_id },
        detail: withChange(
          JSON.parse(e.detail) as Record<string, unknown>,
          this.keys.decryptNullable(e.change_enc ?? null),
        ),
        note: this.keys.decryptNullable(e.note_enc),
      })),
    };
  }

  async list(
    ctx: AuditContext,
    f: ListFilter,
  ): Promise<{ items: BlocklistEntry[]; nextCursor: string | null }> {
    const now = this.clock.now();
    const q = whereEntries(
      this.store.db.selectFrom('blocklist_entries').selectAll(),
      {
        ...f,
        targetKey: f.identifier ? this.targetKeyOf(f.identifier, null) : undefined,
      },
      now,
    );
    // Reasons are encrypted, so words in the reason are matched after decryption,
    // scanning forward in pages until the page is full.
    const words = (f.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const items: Selectable<BlocklistEntryTable>[] = [];
    let cursor = f.cursor;
    let exhausted = false;
    const scanLimit = words.length ? 20_000 : f.limit + 1;
    let scanned = 0;
    while (items.length <= f.limit && !exhausted && scanned < Math.max(scanLimit, f.limit + 1)) {
      const batch = await (cursor ? q.where('id', '<', cursor) : q)
        .orderBy('id', 'desc')
        .limit(words.length ? 1000 : f.limit + 1)
        .execute();
      scanned += batch.length;
      if (batch.length < (words.length ? 1000 : f.limit + 1)) exhausted = true;
      for (const r of batch) {
        cursor = r.id;
        if (words.length) {
          const reason = this.keys.decrypt(r.reason_enc).toLowerCase();
          if (!words.every((w) => reason.includes(w))) continue;
        }
        items.push(r);
        if (items.length > f.limit) break;
      }
      if (!words.length) break;
    }
    const page = items.slice(0, f.limit);
    const more = items.length > f.limit || (!exhausted && words.length > 0);
    const ex = await this.exemptionsFor(
      this.store.db,
      page.map((r) => r.id),
      false,
    );
    await this.audit.append(this.store.db, ctx, {
      action: 'blocklist.list',
      targetType: 'blocklist_entry',
      summary: {
        count: page.length,
        filters: Object.keys(f).filter((k) => k !== 'limit' && f[k as keyof ListFilter] !== undefined),
      },
    });
    const cards = await this.customers.cards(
      page.map((r) => r.customer_id),
      (c) => keyCustomerRisk(c, this.protection) !== null,
    );
    return {
      items: page.map((r) => ({
        ...this.toEntry(r, ex.get(r.id) ?? [], now),
        customer: r.customer_id ? (cards.get(r.customer_id) ?? null) : null,
      })),
      nextCursor: more
        ? items.length > f.limit
          ? (page[page.length - 1]?.id ?? null)
          : (cursor ?? null)
        : null,
    };
  }

  /** The policy answer for `GET /blocklist/check`: identifier normalised, customer resolved. */
  /**
   * The policy answer for `GET /blocklist/check`, as screening would give it
   * for a message from this identifier: its own entries, its ranges, and the
   * entries on the customer it belongs to.
   */
  async check(
    identifier: Identifier,
    channel: string,
    sessionId: string | null,
  ): Promise<{ result: PolicyResult; customerId: string | null }> {
    const customer = await this.customers.findByIdentifier(identifier);
    return {
      result: this.evaluate(
        {
          identifiers: [identifier],
          customerId: customer?.id ?? null,
          indexes: [this.keys.blindIndex(identifier.type, identifier.value)],
        },
        channel,
        sessionId,
      ),
      customerId: customer?.id ?? null,
    };
  }

  async summaryOf(entryId: string): Promise<BlocklistEntry> {
    return this.mustGet(entryId);
  }

  private async liveExemptionsByEntry(): Promise<Map<string, Selectable<BlocklistExemptionTable>[]>> {
    const now = this.clock.now();
    const out = new Map<string, Selectable<BlocklistExemptionTable>[]>();
    const rows = await this.store.db
      .selectFrom('blocklist_exemptions')
      .selectAll()
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('until_at', 'is', null), eb('until_at', '>', now)]))
      .orderBy('created_at')
      .execute();
    for (const e of rows) {
      const list = out.get(e.entry_id) ?? [];
      list.push(e);
      out.set(e.entry_id, list);
    }
    return out;
  }

  private async exemptionsFor(
    db: Executor,
    ids: string[],
    liveOnly: boolean,
  ): Promise<Map<string, Selectable<BlocklistExemptionTable>[]>> {
    const out = new Map<string, Selectable<BlocklistExemptionTable>[]>();
    if (ids.length === 0) return out;
    let q = db.selectFrom('blocklist_exemptions').selectAll().where('entry_id', 'in', ids);
    if (liveOnly) {
      const now = this.clock.now();
      q = q
        .where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('until_at', 'is', null), eb('until_at', '>', now)]));
    }
    for (const e of await q.orderBy('created_at').execute()) {
      const list = out.get(e.entry_id) ?? [];
      list.push(e);
      out.set(e.entry_id, list);
    }
    return out;
  }

  private toExemption(e: Selectable<BlocklistExemptionTable>, now: number): Exemption {
    const windowLive = e.until_at === null || e.until_at > now;
    return {
      id: e.id,
      from: iso(e.from_at),
      until: iso(e.until_at),
      sessionId: e.session_id,
      channel: e.channel,
      reason: this.keys.decryptNullable(e.reason_enc),
      createdBy: e.created_by,
      createdAt: new Date(e.created_at).toISOString(),
      revokedAt: iso(e.revoked_at),
      active:
        e.revoked_at === null &&
        windowLive &&
        (e.from_at === null || e.from_at <= now || e.session_id !== null),
    };
  }

  private toEntry(
    r: Selectable<BlocklistEntryTable>,
    exemptions: Selectable<BlocklistExemptionTable>[],
    now: number,
  ): BlocklistEntry {
    const status = deriveStatus(
      { state: r.state as StoredEntryState, startsAt: r.starts_at, expiresAt: r.expires_at },
      now,
    );
    const reason = this.keys.decrypt(r.reason_enc);
    return {
      id: r.id,
      customerId: r.customer_id,
      identifier:
        r.identifier_type && r.identifier_enc
          ? { type: r.identifier_type as IdentifierType, value: this.keys.decrypt(r.identifier_enc) }
          : r.identifier_type && r.identifier_index
            ? // Erased (see privacy): the value is gone, the entry still holds by its index.
              { type: r.identifier_type as IdentifierType, value: '' }
            : null,
      level: r.level as BlocklistLevel,
      limit:
        r.limit_max !== null && r.limit_window !== null
          ? { max: r.limit_max, windowSeconds: r.limit_window }
          : null,
      allowedChannels: r.allowed_channels ? (JSON.parse(r.allowed_channels) as string[]) : null,
      category: r.category,
      reason,
      reasonCode: blocklistReasonCode(reason, r.source),
      source: r.source,
      ownerId: r.owner_id,
      createdBy: r.created_by,
      status,
      reviewDue:
        (status === 'active' || status === 'scheduled') && r.review_at !== null && r.review_at <= now,
      startsAt: iso(r.starts_at),
      expiresAt: iso(r.expires_at),
      reviewAt: iso(r.review_at),
      releasedAt: iso(r.released_at),
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
      exemptions: exemptions.map((e) => this.toExemption(e, now)),
    };
  }

  private async event(
    db: Executor,
    ctx: AuditContext,
    entryId: string,
    kind: string,
    detail: Record<string, unknown>,
    note: string | null = null,
    /** Personal fields of a change, before and after: stored encrypted, merged into the detail on read. */
    change: { reason: { before: string; after: string } } | null = null,
  ): Promise<void> {
    const at = this.clock.now();
    await db
      .insertInto('blocklist_events')
      .values({
        id: newId('event', at),
        entry_id: entryId,
        at,
        kind,
        actor_type: ctx.actor.type,
        actor_id: ctx.actor.id,
        detail: JSON.stringify(detail),
        note_enc: this.keys.encryptNullable(note),
        change_enc: change ? this.keys.encrypt(JSON.stringify(change)) : null,
      })
      .execute();
  }

  /**
   * The workbench's blocklist sections: entries waiting for approval and
   * entries due for review, each a count and the first few (oldest first).
   */
  async workbench(limit: number) {
    const now = this.clock.now();
    const db = this.store.db;
    const section = async (status: 'pending' | 'review_due') => {
      const { n } = await whereEntries(
        db.selectFrom('blocklist_entries').select((eb) => eb.fn.countAll<number>().as('n')),
        { status },
        now,
      ).executeTakeFirstOrThrow();
      const rows = await whereEntries(db.selectFrom('blocklist_entries').selectAll(), { status }, now)
        .orderBy(status === 'pending' ? 'created_at' : 'review_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      const cards = await this.customers.cards(
        rows.map((r) => r.customer_id),
        (c) => keyCustomerRisk(c, this.protection) !== null,
      );
      return {
        count: Number(n),
        items: rows.map((r) => ({
          id: r.id,
          level: r.level,
          category: r.category,
          source: r.source,
          customer: r.customer_id ? (cards.get(r.customer_id) ?? null) : null,
          // Masked: the workbench is a glance, the entry's page shows the value.
          identifier:
            r.identifier_type && r.identifier_enc
              ? maskIdentifier({
                  type: r.identifier_type as IdentifierType,
                  value: this.keys.decrypt(r.identifier_enc),
                })
              : null,
          createdAt: new Date(r.created_at).toISOString(),
          reviewAt: iso(r.review_at),
        })),
      };
    };
    return { pendingApprovals: await section('pending'), reviewsDue: await section('review_due') };
  }

  /**
   * What the audit page names entries by, batched (one query, customers'
   * cards in one more): the masked identifier, or for an entry on a customer
   * their name and masked contact when `customers` (the reader may read them),
   * and the category key, which the console words.
   */
  async auditSubjects(
    ids: readonly string[],
    customers: boolean,
  ): Promise<Map<string, { label: string | null; category: string; customer: boolean }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.store.db
      .selectFrom('blocklist_entries')
      .select(['id', 'category', 'customer_id', 'identifier_type', 'identifier_enc'])
      .where('id', 'in', ids)
      .execute();
    const cards = customers
      ? await this.customers.cards(
          rows.flatMap((r) => (r.identifier_enc ? [] : [r.customer_id])),
          (c) => keyCustomerRisk(c, this.protection) !== null,
        )
      : new Map();
    return new Map(
      rows.map((r) => {
        if (r.identifier_type && r.identifier_enc) {
          const value = this.keys.decrypt(r.identifier_enc);
          const label = maskIdentifier({ type: r.identifier_type as IdentifierType, value });
          return [r.id, { label, category: r.category, customer: false }];
        }
        const card = r.customer_id ? cards.get(r.customer_id) : undefined;
        const label = card ? [card.name, card.contact].filter(Boolean).join(' · ') || null : null;
        return [r.id, { label, category: r.category, customer: label !== null }];
      }),
    );
  }

  /** Counts for the blocklist overview; additions and releases per day of `days` (in its time zone). */
  async analytics(days: LocalDays): Promise<{
    byLevel: Record<string, number>;
    byCategory: Record<string, number>;
    byStatus: Record<string, number>;
    reviewDue: number;
    bySource: Record<string, number>;
    perDay: { day: string; added: number; released: number }[];
  }> {
    const now = this.clock.now();
    const statusExpr = sql<string>`case
      when state <> 'approved' then state
      when starts_at is not null and starts_at > ${now} then 'scheduled'
      when expires_at is not null and expires_at <= ${now} then 'expired'
      else 'active' end`;
    const count = <K extends string>(rows: { k: K | null; n: number | string }[]) =>
      Object.fromEntries(rows.map((r) => [String(r.k), Number(r.n)])) as Record<string, number>;
    const db = this.store.db;
    const byLevel = await db
      .selectFrom('blocklist_entries')
      .select([sql<string>`cast(level as text)`.as('k'), (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('level')
      .execute();
    const byCategory = await db
      .selectFrom('blocklist_entries')
      .select(['category as k', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('category')
      .execute();
    const byStatus = await db
      .selectFrom('blocklist_entries')
      .select([statusExpr.as('k'), (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(sql`1`)
      .execute();
    const sourceExpr = sql<string>`case when source like 'rule:%' then 'rule' else source end`;
    const bySource = await db
      .selectFrom('blocklist_entries')
      .select([sourceExpr.as('k'), (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(sql`1`)
      .execute();
    // PostgreSQL needs the grouped expression to be the selected one: group by position.
    const dayOf = (col: 'created_at' | 'released_at') => localDaySql(col, days);
    const added = await db
      .selectFrom('blocklist_entries')
      .select([dayOf('created_at').as('d'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('created_at', '>=', days.since)
      .groupBy(sql`1`)
      .execute();
    const released = await db
      .selectFrom('blocklist_entries')
      .select([dayOf('released_at').as('d'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('released_at', '>=', days.since)
      .groupBy(sql`1`)
      .execute();
    const reviewDue = await db
      .selectFrom('blocklist_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', '=', 'approved')
      .where('review_at', '<=', now)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .executeTakeFirstOrThrow();
    const perDay: { day: string; added: number; released: number }[] = [];
    for (let i = 0; i < days.count; i++) {
      const d = days.first + i;
      perDay.push({
        day: days.label(i),
        added: Number(added.find((a) => Math.floor(Number(a.d)) === d)?.n ?? 0),
        released: Number(released.find((a) => Math.floor(Number(a.d)) === d)?.n ?? 0),
      });
    }
    return {
      byLevel: count(byLevel),
      byCategory: count(byCategory),
      byStatus: count(byStatus),
      reviewDue: Number(reviewDue.n),
      bySource: count(bySource),
      perDay,
    };
  }
}

/** The filters entries are searched and exported by. */
export interface EntryFilter {
  level?: number | undefined;
  category?: string | undefined;
  status?: BlocklistStatus | 'review_due' | undefined;
  /** `manual`, `import`, `rule` (any rule) or `rule:<id>`. */
  source?: string | undefined;
  ownerId?: string | undefined;
  customerId?: string | undefined;
  targetKey?: string | undefined;
}

/**
 * A change event's detail with its decrypted personal fields put back:
 * `change.reason.before` → `detail.before.reason`, likewise `after`.
 */
function withChange(detail: Record<string, unknown>, change: string | null): Record<string, unknown> {
  if (!change) return detail;
  const personal = JSON.parse(change) as Record<string, { before: unknown; after: unknown }>;
  const before = { ...((detail.before as Record<string, unknown> | undefined) ?? {}) };
  const after = { ...((detail.after as Record<string, unknown> | undefined) ?? {}) };
  for (const [field, v] of Object.entries(personal)) {
    before[field] = v.before;
    after[field] = v.after;
  }
  return { ...detail, before, after };
}

/** Applies an EntryFilter to a query over blocklist_entries; statuses derive from `now`. */
export function whereEntries<O>(
  query: SelectQueryBuilder<Database, 'blocklist_entries', O>,
  f: EntryFilter,
  now: number,
): SelectQueryBuilder<Database, 'blocklist_entries', O> {
  let q = query;
  if (f.level) q = q.where('level', '=', f.level);
  if (f.category) q = q.where('category', '=', f.category);
  if (f.source)
    q = f.source === 'rule' ? q.where('source', 'like', 'rule:%') : q.where('source', '=', f.source);
  if (f.ownerId) q = q.where('owner_id', '=', f.ownerId);
  if (f.customerId) q = q.where('customer_id', '=', f.customerId);
  if (f.targetKey) q = q.where('target_key', '=', f.targetKey);
  const live = (qb: typeof q) =>
    qb.where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]));
  switch (f.status) {
    case undefined:
      // Rows an import has staged but not yet made live (see import.ts) are no entries yet.
      return q.where('state', 'not in', ['staged', 'staged_pending']);
    case 'pending':
    case 'released':
    case 'rejected':
      return q.where('state', '=', f.status);
    case 'scheduled':
      return q.where('state', '=', 'approved').where('starts_at', '>', now);
    case 'active':
      return live(
        q
          .where('state', '=', 'approved')
          .where((eb) => eb.or([eb('starts_at', 'is', null), eb('starts_at', '<=', now)])),
      );
    case 'expired':
      return q.where('state', '=', 'approved').where('expires_at', '<=', now);
    case 'review_due':
      return live(q.where('state', '=', 'approved').where('review_at', '<=', now));
  }
}

function resolveShape(
  input: {
    level?: BlocklistLevel | undefined;
    limit?: RateLimit | null | undefined;
    allowedChannels?: string[] | null | undefined;
  },
  category: BlocklistCategory,
): { level: BlocklistLevel; limit: RateLimit | null; allowedChannels: string[] | null } {
  const level = input.level ?? category.defaultLevel;
  if (level === 2) {
    const limit = input.limit ?? category.defaultLimit;
    if (!limit) {
      throw new WardenError(
        'VALIDATION_FAILED',
        'a level-2 entry needs a limit (max messages per windowSeconds)',
        {
          errors: [{ field: '/limit', message: 'required for level 2' }],
        },
      );
    }
    return { level, limit, allowedChannels: null };
  }
  if (level === 3) {
    if (!input.allowedChannels || input.allowedChannels.length === 0) {
      throw new WardenError(
        'VALIDATION_FAILED',
        'a level-3 entry needs allowedChannels (the channels that still pass)',
        {
          errors: [{ field: '/allowedChannels', message: 'required for level 3' }],
        },
      );
    }
    return { level, limit: null, allowedChannels: [...new Set(input.allowedChannels)] };
  }
  return { level: 1, limit: null, allowedChannels: null };
}

function validateSchedule(startsAt: number | null, expiresAt: number | null): void {
  if (startsAt !== null && expiresAt !== null && expiresAt <= startsAt) {
    throw new WardenError('VALIDATION_FAILED', 'expiresAt must be after startsAt', {
      errors: [{ field: '/expiresAt', message: 'must be after startsAt' }],
    });
  }
}

/** A fixed identifier whose blind index tells whether the key is the one a snapshot was taken under. */
const SNAPSHOT_PROBE = '+10000000000';

/** How the last index load went (logged at start-up). */
export interface IndexLoadReport {
  source: 'snapshot' | 'rows';
  entries: number;
  ms: number;
  /** From a snapshot: the feed version it was taken at, and the one replayed to. */
  snapshotFeedVersion?: number;
  replayedTo?: number;
  /** A snapshot was there but not used, and why. */
  refusedSnapshot?: string;
}

/** The index's snapshot with its arrays copied, so it can be written while the index changes. */
function copySnapshot(index: BlocklistIndex) {
  const s = index.toSnapshot();
  return { meta: structuredClone(s.meta), arrays: s.arrays.map((a) => a.slice()) };
}
