import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { Gauge, type Registry } from 'prom-client';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logging.js';
import type { Bus } from './bus.js';
import type { Executor, Store } from './database.js';

/**
 * The durable change feed every server applies: one row per change that
 * in-memory state depends on (blocklist entries, rules, customers, consents,
 * API keys and users, categories, settings, the key ring), written in the
 * change's own transaction. Each server polls for rows past the last version
 * it applied; Redis only hints that there is something to read, so a lost
 * hint, a Redis outage or a CLI process writing beside the server costs at
 * most one poll interval.
 *
 * Rows are appended by the audit log (every change is audited in its own
 * transaction, so every change reaches the feed; see `feedItemForAudit`) and,
 * for bulk work such as imports, directly with `append`.
 */

/** The topics a server acts on, and what `target` / `payload` carry. */
export type FeedTopic =
  /** One entry changed; target = entry id. */
  | 'blocklist.entry'
  /** Many entries changed (an import batch); payload.ids. */
  | 'blocklist.entries'
  /** An import went live; target = import job id (its entries carry it). */
  | 'blocklist.import'
  | 'blocklist.categories'
  | 'rules'
  /** target = customer id. */
  | 'customer'
  /** target = `purpose:blindIndex`; payload.optedOut. */
  | 'consent'
  /** API keys and users: target = key or user id. */
  | 'access'
  /** A data key was added or activated. */
  | 'keys'
  /** Settings sections; target = section name. */
  | 'settings';

export interface FeedItem {
  version: number;
  topic: FeedTopic;
  target: string | null;
  payload: Record<string, unknown>;
  origin: string;
  createdAt: number;
}

export interface FeedAppend {
  topic: FeedTopic;
  target?: string | null;
  payload?: Record<string, unknown>;
}

/** Applies a run of items of one topic; items of other topics never reach it. */
export type FeedHandler = (items: FeedItem[]) => Promise<void> | void;

/**
 * Serialises version assignment with the audit chain: one lock, so a
 * transaction that audits and appends to the feed can never wait for the two
 * in opposite orders. SQLite transactions are serial (BEGIN IMMEDIATE) already.
 */
export const PG_CHANGE_ORDER_LOCK = 72_830_117;

export async function lockChangeOrder(executor: Executor, dialect: Store['dialect']): Promise<void> {
  if (dialect === 'postgres')
    await sql`select pg_advisory_xact_lock(${PG_CHANGE_ORDER_LOCK})`.execute(executor);
}

/** The feed item an audited action implies, or null for reads and actions no server holds in memory. */
export function feedItemForAudit(event: {
  action: string;
  targetType?: string | undefined;
  targetId?: string | undefined;
  summary?: Record<string, unknown> | undefined;
}): FeedAppend | null {
  const { action, targetType, targetId } = event;
  if (/\.(read|list|lookup|export|trial|verify)$/.test(action)) return null;
  if (action.startsWith('blocklist.category.')) return { topic: 'blocklist.categories' };
  if (action === 'blocklist.import' && targetId) return { topic: 'blocklist.import', target: targetId };
  if (targetType === 'blocklist_entry' && targetId) return { topic: 'blocklist.entry', target: targetId };
  if (action.startsWith('rule.')) return { topic: 'rules' };
  if (targetType === 'customer' && targetId && action.startsWith('customer.'))
    return { topic: 'customer', target: targetId };
  if (action.startsWith('apikey.') || action.startsWith('user.'))
    return { topic: 'access', target: targetId ?? null };
  if (action.startsWith('keys.')) return { topic: 'keys' };
  if (targetType === 'consent' && targetId) return { topic: 'consent', target: targetId };
  if (action.startsWith('settings.')) return { topic: 'settings', target: targetId ?? null };
  return null;
}

export interface ChangeFeedOptions {
  /** How often to look for new rows, in ms (WARDEN_FEED_POLL_MS). */
  pollMs: number;
  /** How long applied rows are kept, in ms, before the prune job deletes them. */
  keepMs?: number;
}

export interface FeedStatus {
  /** The last version this server applied. */
  version: number;
  /** The newest version seen in the database at the last successful poll. */
  headVersion: number;
  /** When the last poll succeeded (epoch ms), 0 before the first. */
  lastPollOkAt: number;
  /** The last poll's error, null when it succeeded. */
  lastError: string | null;
}

/** The bus topic that makes other servers poll the feed now. */
export const HINT_TOPIC = 'feed.hint';
const BATCH = 500;

/**
 * One server's view of the feed: appends rows, and applies the rows of every
 * process (its own included) in version order through the handlers.
 */
export class ChangeFeed {
  /** This process: items it wrote carry it, so handlers may skip work already done. */
  readonly origin = `n${randomBytes(6).toString('hex')}`;
  private readonly handlers = new Map<FeedTopic, FeedHandler[]>();
  private cursor = 0;
  private head = 0;
  private lastOk = 0;
  private lastError: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private started = false;
  private again = false;
  private stopped = false;
  /** Work that must run between two polls, never beside one (index swaps). */
  private readonly exclusive: (() => Promise<void>)[] = [];
  private errorLoggedAt = 0;

  constructor(
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: ChangeFeedOptions,
  ) {
    bus.subscribe(HINT_TOPIC, () => this.poke());
  }

  /** Registers what to do with a topic's items. */
  on(topic: FeedTopic, handler: FeedHandler): void {
    const list = this.handlers.get(topic);
    if (list) list.push(handler);
    else this.handlers.set(topic, [handler]);
  }

  /**
   * Appends items inside the caller's transaction (pass a transaction: the
   * change and its feed rows must commit together). Takes the change-order
   * lock, which the audit log's append takes too.
   */
  async append(executor: Executor, items: readonly FeedAppend[], locked = false): Promise<void> {
    if (items.length === 0) return;
    if (!executor.isTransaction) {
      await executor.transaction().execute((trx) => this.append(trx, items, locked));
      return;
    }
    if (!locked) await lockChangeOrder(executor, this.store.dialect);
    const last = await executor
      .selectFrom('change_feed')
      .select('version')
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    let version = Number(last?.version ?? 0);
    const now = this.clock.now();
    const rows = items.map((i) => ({
      version: ++version,
      topic: i.topic,
      target: i.target ?? null,
      payload: i.payload ? JSON.stringify(i.payload) : null,
      origin: this.origin,
      created_at: now,
    }));
    for (let i = 0; i < rows.length; i += 200)
      await executor
        .insertInto('change_feed')
        .values(rows.slice(i, i + 200))
        .execute();
  }

  /** The newest version in the database (0 for an empty feed). */
  async headVersion(): Promise<number> {
    const last = await this.store.db
      .selectFrom('change_feed')
      .select('version')
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return Number(last?.version ?? 0);
  }

  /** The oldest version still kept (older ones were pruned), or null when the feed is empty. */
  async oldestVersion(): Promise<number | null> {
    const first = await this.store.db
      .selectFrom('change_feed')
      .select('version')
      .orderBy('version', 'asc')
      .limit(1)
      .executeTakeFirst();
    return first ? Number(first.version) : null;
  }

  /**
   * Starts applying from `fromVersion` (read before the start-up loads, so a
   * change made while they ran is applied again rather than missed).
   */
  start(fromVersion: number): void {
    this.cursor = fromVersion;
    this.head = Math.max(this.head, fromVersion);
    this.stopped = false;
    this.started = true;
    this.schedule();
  }

  /** True between start and close: items are being applied. */
  get running(): boolean {
    return this.started && !this.stopped;
  }

  /** Tells the other servers to poll now (after a commit). Never throws. */
  hint(): void {
    this.bus.publish(HINT_TOPIC, {}).catch((err) => this.logError('change-feed hint not sent', err));
  }

  /** Polls now (a hint arrived, or a test wants it). */
  poke(): void {
    if (this.stopped) return;
    if (this.polling) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.polling = this.pollLoop().finally(() => {
      this.polling = null;
      this.schedule();
    });
  }

  /** Resolves once every row committed before the call has been applied (tests, CLI, swaps). */
  async caughtUp(timeoutMs = 10_000): Promise<void> {
    const target = await this.headVersion();
    const until = Date.now() + timeoutMs;
    while (this.cursor < target) {
      if (Date.now() > until) throw new Error(`change feed stuck at ${this.cursor} < ${target}`);
      this.poke();
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /**
   * Runs `work` between two polls, with no item being applied meanwhile:
   * an index swap replays what came after its snapshot, then swaps, and no
   * item can land in the old index in between.
   */
  runExclusive(work: () => Promise<void>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.exclusive.push(() => work().then(resolve, reject));
      this.poke();
    });
  }

  /** Items after `version` of the given topics (for a swap's catch-up), in order. */
  async itemsAfter(version: number, topics: readonly FeedTopic[]): Promise<FeedItem[]> {
    const out: FeedItem[] = [];
    let after = version;
    for (;;) {
      const rows = await this.store.db
        .selectFrom('change_feed')
        .selectAll()
        .where('version', '>', after)
        .where('topic', 'in', [...topics])
        .orderBy('version')
        .limit(BATCH)
        .execute();
      for (const r of rows) out.push(toItem(r));
      if (rows.length < BATCH) return out;
      after = Number(rows[rows.length - 1]?.version ?? after);
    }
  }

  status(): FeedStatus {
    return {
      version: this.cursor,
      headVersion: this.head,
      lastPollOkAt: this.lastOk,
      lastError: this.lastError,
    };
  }

  /** Deletes rows older than the keep period; a server that was away longer reloads everything. */
  async prune(now = this.clock.now()): Promise<number> {
    const keep = this.options.keepMs ?? 24 * 3600_000;
    // Never the newest row: its version is where the next append counts on from.
    const head = await this.headVersion();
    const r = await this.store.db
      .deleteFrom('change_feed')
      .where('created_at', '<', now - keep)
      .where('version', '<', head)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.polling?.catch(() => undefined);
  }

  private schedule(): void {
    if (this.stopped || this.timer || this.polling) return;
    const delay = this.again || this.exclusive.length ? 0 : this.options.pollMs;
    this.again = false;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.poke();
    }, delay);
    this.timer.unref();
  }

  private async pollLoop(): Promise<void> {
    try {
      for (;;) {
        const n = await this.pollOnce();
        while (this.exclusive.length) await this.exclusive.shift()?.();
        if (n < BATCH) break;
      }
      this.lastOk = this.clock.now();
      this.lastError = null;
    } catch (err) {
      this.lastError = err instanceof Error ? err.message : String(err);
      this.logError('change feed poll failed; retrying', err);
    }
  }

  private async pollOnce(): Promise<number> {
    const rows = await this.store.db
      .selectFrom('change_feed')
      .selectAll()
      .where('version', '>', this.cursor)
      .orderBy('version')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return 0;
    const items = rows.map(toItem);
    // A gap means a row past it was read before an earlier version committed;
    // versions are assigned under a lock, so this happens only after pruning.
    // Apply runs of one topic together: a burst of rule changes reloads once.
    let i = 0;
    while (i < items.length) {
      const topic = items[i]?.topic;
      let j = i;
      while (j < items.length && items[j]?.topic === topic) j++;
      const run = items.slice(i, j);
      for (const h of this.handlers.get(topic as FeedTopic) ?? []) await h(run);
      this.cursor = run[run.length - 1]?.version ?? this.cursor;
      i = j;
    }
    this.head = Math.max(this.head, this.cursor);
    return rows.length;
  }

  private logError(msg: string, err: unknown): void {
    // One line per 10 s while a fault lasts, not one per poll.
    const now = Date.now();
    if (now - this.errorLoggedAt < 10_000) return;
    this.errorLoggedAt = now;
    this.log.warn({ err }, msg);
  }
}

function toItem(r: {
  version: number | string;
  topic: string;
  target: string | null;
  payload: string | null;
  origin: string;
  created_at: number;
}): FeedItem {
  return {
    version: Number(r.version),
    topic: r.topic as FeedTopic,
    target: r.target,
    payload: r.payload ? (JSON.parse(r.payload) as Record<string, unknown>) : {},
    origin: r.origin,
    createdAt: Number(r.created_at),
  };
}

/** Feed gauges for /metrics: applied version, newest version seen, seconds since the last good poll. */
export function registerFeedMetrics(feed: ChangeFeed, registry: Registry, now: () => number): void {
  new Gauge({
    name: 'warden_feed_version',
    help: 'Last change-feed version this server applied',
    registers: [registry],
    collect() {
      this.set(feed.status().version);
    },
  });
  new Gauge({
    name: 'warden_feed_lag_versions',
    help: 'Change-feed versions seen but not yet applied',
    registers: [registry],
    collect() {
      const s = feed.status();
      this.set(Math.max(0, s.headVersion - s.version));
    },
  });
  new Gauge({
    name: 'warden_feed_poll_age_seconds',
    help: 'Seconds since the last successful change-feed poll (grows while the database is unreachable)',
    registers: [registry],
    collect() {
      const s = feed.status();
      this.set(s.lastPollOkAt ? (now() - s.lastPollOkAt) / 1000 : -1);
    },
  });
}
