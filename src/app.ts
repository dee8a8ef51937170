import { join } from 'node:path';
import type { Registry } from 'prom-client';
import { AuditLog } from './access/audit.js';
import { AccessService } from './access/service.js';
import { BackupService } from './backup/service.js';
import { CategoryService } from './blocklist/categories.js';
import { recoverInterruptedImports } from './blocklist/import-recovery.js';
import { BLOCKLIST_SNAPSHOT_FILE } from './blocklist/index-snapshot.js';
import { blocklistNoticeSender } from './blocklist/notices.js';
import { noticeOverrides } from './blocklist/release-settings.js';
import { BlocklistService, keyCustomerRisk } from './blocklist/service.js';
import { scoreSentiment } from './complaints/analysis/sentiment.js';
import { ComplaintService } from './complaints/service.js';
import { type Clock, systemClock } from './core/clock.js';
import type { Config } from './core/config.js';
import type { KeyRing } from './core/crypto/keyring.js';
import { loadMasterKey } from './core/crypto/master-key.js';
import { createLogger, type Logger } from './core/logging.js';
import { createMetricsRegistry } from './http/metrics.js';
import { CustomerDirectory } from './identity/directory.js';
import { CustomerService } from './identity/service.js';
import { AlertService } from './notify/alerts.js';
import { createTransports } from './notify/channels/index.js';
import { NotificationOutbox, notifyStaffOfAlerts } from './notify/outbox.js';
import { PrivacyService } from './privacy/service.js';
import { RulesService } from './rules/service.js';
import { SpamModelService } from './rules/spam/service.js';
import { ConsentService } from './screening/consent.js';
import { DuplicateTracker } from './screening/duplicates.js';
import { MessageService } from './screening/messages.js';
import { OutboundService } from './screening/outbound.js';
import { MessageRecorder } from './screening/recorder.js';
import { ScreeningService } from './screening/service.js';
import { SettingsService } from './settings/service.js';
import { type Bus, LocalBus } from './storage/bus.js';
import { ChangeFeed, type FeedItem, registerFeedMetrics } from './storage/change-feed.js';
import { type Counters, MemoryCounters } from './storage/counters.js';
import { FallbackCounters } from './storage/counters-fallback.js';
import { openStore, type Store } from './storage/database.js';
import { JobRunner } from './storage/jobs.js';
import { encryptLegacyPlaintext, loadKeyRing, refreshKeyRing } from './storage/keys.js';
import { migrateToLatest } from './storage/migrate.js';
import { RedisBus, RedisCounters } from './storage/redis.js';
import { WinbackService } from './winback/service.js';

/**
 * Redis counters behind the WARDEN_COUNTERS_ON_REDIS_DOWN fallback. A node may
 * start while Redis is down: it waits up to the connect timeout, then serves
 * with the fallback until Redis answers.
 */
async function sharedCounters(
  url: string,
  config: Readonly<Config>,
  log: Logger,
  onDown: () => void,
): Promise<FallbackCounters> {
  const shared = new RedisCounters(url, 'warden:c:', log, config.redis);
  if (!(await shared.waitUp(config.redis.connectTimeoutMs)))
    log.warn('redis does not answer at start-up; counters fall back until it does');
  return new FallbackCounters(shared, config.redis.countersOnDown, log, { onDown });
}

/** Everything a Warden node is made of, built once from config. */
export interface App {
  config: Readonly<Config>;
  log: Logger;
  clock: Clock;
  store: Store;
  keys: KeyRing;
  masterKey: Buffer;
  metrics: Registry;
  audit: AuditLog;
  access: AccessService;
  customers: CustomerService;
  blocklist: BlocklistService;
  jobs: JobRunner;
  bus: Bus;
  counters: Counters;
  directory: CustomerDirectory;
  alerts: AlertService;
  notifier: NotificationOutbox;
  consent: ConsentService;
  spam: SpamModelService;
  messages: MessageService;
  recorder: MessageRecorder;
  rules: RulesService;
  screening: ScreeningService;
  outbound: OutboundService;
  complaints: ComplaintService;
  privacy: PrivacyService;
  backups: BackupService;
  /** Win-back cases for customers whose entry was released. */
  winback: WinbackService;
  /** The change feed this server applies (and appends to through the audit log). */
  feed: ChangeFeed;
  /** Readiness facts: loaded once createApp returns; draining from shutdown on. */
  state: { loaded: boolean; draining: boolean };
  /** Team settings (complaints, opt-out); `settings.reload()` picks up another node's change. */
  settings: SettingsService;
  close(): Promise<void>;
}

export interface AppOptions {
  log?: Logger;
  clock?: Clock;
  /** Apply migrations before building services (default true). */
  migrate?: boolean;
}

/**
 * The composition root: `serve`, `worker` and every CLI command build the same
 * module graph here, so no feature wires itself up anywhere else.
 */
export async function createApp(config: Readonly<Config>, options: AppOptions = {}): Promise<App> {
  const log = options.log ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const store = openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    timeouts: config.db,
    log,
  });
  try {
    if (options.migrate !== false) {
      // On PostgreSQL over a pool of its own without statement timeouts: a migration may take long.
      const migrating =
        store.dialect === 'postgres'
          ? openStore({
              databaseUrl: config.databaseUrl,
              dataDir: config.dataDir,
              timeouts: { ...config.db, statementTimeoutMs: 0 },
              log,
            })
          : store;
      const { applied } = await migrateToLatest(migrating).finally(() =>
        migrating === store ? undefined : migrating.close(),
      );
      if (applied.length) log.info({ applied }, 'database migrated');
    }
    const { key: masterKey } = loadMasterKey({ masterKey: config.masterKey, dataDir: config.dataDir, log });
    const keys = await loadKeyRing(store, masterKey, clock.now());
    const swept = await encryptLegacyPlaintext(store, keys);
    if (swept) log.info({ rows: swept }, 'encrypted plaintext left from before migration 0011');
    const audit = new AuditLog(store, () => clock.now());
    const customers = new CustomerService(store, keys, audit, clock, config.defaultRegion);
    const categories = new CategoryService(store, audit, clock);
    await categories.seed();
    // Embedded: counters and change hints in process. Cluster: in Redis.
    const bus: Bus = config.redisUrl
      ? new RedisBus(config.redisUrl, log, 'warden:bus:', config.redis)
      : new LocalBus();
    // Raised once per outage by the fallback below; `alerts` exists before any screen runs.
    const raiseRedisDown = () => {
      alerts
        .raise({
          kind: 'redis_down',
          severity: 'critical',
          title: `Redis is unreachable: counters fall back to "${config.redis.countersOnDown}"`,
          detail: { policy: config.redis.countersOnDown },
          dedupeKey: `redis_down:${new Date(clock.now()).toISOString().slice(0, 13)}`,
        })
        .catch((err: unknown) => log.error({ err }, 'could not raise the Redis alert'));
    };
    const counters: Counters = config.redisUrl
      ? await sharedCounters(config.redisUrl, config, log, raiseRedisDown)
      : new MemoryCounters();
    // The login throttle counts through the counters too: cluster-wide on Redis.
    const access = new AccessService(store, audit, clock, config.sessionTtlSeconds, counters);
    // Every change reaches every server through the feed (the audit log appends
    // to it in each change's transaction); Redis only hints that there is news.
    const feed = new ChangeFeed(store, bus, clock, log, { pollMs: config.feedPollMs });
    audit.attachFeed(feed);
    // Read before any load: what commits while the loads run is applied again, never missed.
    const feedFrom = await feed.headVersion();
    const blocklist = new BlocklistService(store, keys, audit, clock, categories, customers, config);
    blocklist.attachFeed(feed);
    blocklist.keepSnapshots(join(config.dataDir, BLOCKLIST_SNAPSHOT_FILE));
    // Imports whose process died are rolled back at once, so no job stays "running".
    const recovered = await recoverInterruptedImports(store, config.dataDir, clock.now());
    if (recovered.failed || recovered.removed) log.warn(recovered, 'interrupted imports rolled back');
    const loaded = await blocklist.loadIndex();
    const load = blocklist.lastLoad;
    if (load?.refusedSnapshot)
      log.warn({ reason: load.refusedSnapshot }, 'blocklist index snapshot not used');
    if (loaded) log.info(load, 'blocklist index loaded');
    const metrics = createMetricsRegistry();
    registerFeedMetrics(feed, metrics, () => clock.now());
    const directory = new CustomerDirectory(store, keys);
    await directory.load();
    const notOwn = (items: FeedItem[]) => items.filter((i) => i.origin !== feed.origin);
    customers.onChange(({ customer }) => {
      // An erased customer's identifier values are gone: their indexes are read back from the rows.
      if (customer.erasedAt)
        directory
          .refresh(customer.id)
          .catch((err: unknown) => log.error({ err }, 'directory refresh failed'));
      else directory.update(customer);
      feed.hint();
    });
    feed.on('customer', async (items) => {
      for (const id of new Set(notOwn(items).map((i) => i.target ?? ''))) if (id) await directory.refresh(id);
    });
    blocklist.onChange(() => feed.hint());
    feed.on('blocklist.categories', () => categories.forget());
    feed.on('access', (items) => access.forgetCachedKeys(notOwn(items).map((i) => i.target ?? '')));
    feed.on('keys', () => refreshKeyRing(store, keys, masterKey));
    const alerts = new AlertService(store, audit, clock, keys);
    const settings = new SettingsService(store, audit, clock, log, config);
    await settings.reload();
    // A change made here is in force before the API answers; others read it from the feed.
    settings.onChange(() => feed.hint());
    feed.on('settings', async (items) => {
      if (notOwn(items).length) await settings.reload();
    });
    const notifier = new NotificationOutbox(store, keys, clock, log, createTransports(config.notify), {
      // The complaint notices' wording and the blocklist notices' (settings `blocklist`), both live.
      templates: () => {
        const c = settings.complaints.templates;
        return { ...c, texts: { ...c.texts, ...noticeOverrides(settings.blocklist).texts } };
      },
    });
    blocklist.attachNotices(
      blocklistNoticeSender({
        settings: () => settings.blocklist,
        notifier,
        keys,
        customers,
        defaultRegion: config.defaultRegion,
      }),
    );
    notifyStaffOfAlerts(alerts, notifier, config, log);
    const consent = new ConsentService(store, keys, audit, clock, () => settings.optOut);
    await consent.load();
    consent.onChange(() => feed.hint());
    feed.on('consent', (items) => consent.refresh(notOwn(items).map((i) => i.target ?? '')));
    const spam = new SpamModelService(store, 5_000, log);
    await spam.load();
    const sentiment = (text: string) => scoreSentiment(text).score;
    const rules = new RulesService(
      store,
      keys,
      audit,
      clock,
      bus,
      log,
      (t) => spam.score(t),
      sentiment,
      (id) => directory.get(id)?.tier ?? null,
    );
    await rules.reload();
    feed.on('rules', async (items) => {
      if (notOwn(items).length) await rules.reload();
    });
    const messages = new MessageService(store, keys, audit, clock, spam);
    const recorder = new MessageRecorder(store, log);
    const complaints: ComplaintService = new ComplaintService({
      store,
      keys,
      audit,
      clock,
      log,
      alerts,
      settings: () => settings.complaints,
      notifier,
      // Called only after `screening` below exists.
      identify: (from) => {
        const { identifiers, indexes } = screening.identify(from);
        return { identifiers, indexes, facts: directory.resolve(identifiers, indexes) };
      },
      customerIdentifiers: async (id) => (await customers.load(store.db, id))?.identifiers ?? [],
      userExists: async (id) => (await access.listUsers()).some((u) => u.id === id),
      people: {
        customers: (ids) => customers.cards(ids, (c) => keyCustomerRisk(c, config) !== null),
        userNames: async () => new Map((await access.listUsers()).map((u) => [u.id, u.name])),
      },
      // In the intake's own (batch) transaction, not one more commit per complaint.
      linkMessage: (trx, messageId, complaintId) => messages.linkComplaint(messageId, complaintId, trx),
    });
    // Screened complaints are written with their messages, in the recorder's transaction
    // (on SQLite on its writer thread, which builds its own intake writer from these).
    recorder.takeIntakes(
      complaints.intakes,
      { masterKey, notify: config.notify, logLevel: config.logLevel },
      () => keys.state,
    );
    const screening = new ScreeningService({
      keys,
      clock,
      log,
      directory,
      blocklist,
      consent,
      counters,
      duplicates: new DuplicateTracker(counters),
      recorder,
      alerts,
      rules: rules.current,
      spamScore: (t) => spam.score(t),
      sentiment,
      protection: config,
      defaultRegion: config.defaultRegion,
      complaints: {
        prepare: (result, input, facts, indexes) => complaints.prepareScreened(result, input, facts, indexes),
        settle: (outcome, result, intake) => complaints.settleScreened(outcome, result, intake),
      },
    });
    const outbound = new OutboundService(
      screening,
      directory,
      blocklist,
      consent,
      counters,
      clock,
      config.marketingCap,
    );
    const winback = new WinbackService({
      store,
      keys,
      audit,
      clock,
      log,
      alerts,
      entry: (id) => blocklist.summaryOf(id),
      customerOf: async (e) =>
        e.customerId ??
        (e.identifier?.value ? ((await customers.findByIdentifier(e.identifier))?.id ?? null) : null),
      templates: () => settings.blocklist.winbackTemplates,
      userNames: async () => new Map((await access.listUsers()).map((u) => [u.id, u.name])),
      customers: (ids) => customers.cards(ids, (c) => keyCustomerRisk(c, config) !== null),
    });
    const privacy = new PrivacyService({
      store,
      keys,
      audit,
      clock,
      retention: config.retention,
      customers,
      blocklist,
      messages,
      complaints,
      winback,
      entryChanged: (entryId) => {
        blocklist
          .refreshIndex(entryId)
          .catch((err: unknown) => log.error({ err, entryId }, 'blocklist index refresh failed'));
      },
      customerChanged: (customerId) => {
        directory
          .refresh(customerId)
          .catch((err: unknown) => log.error({ err, customerId }, 'directory refresh failed'));
      },
    });
    const backups = new BackupService(store, config.backup, audit, clock, log);
    const jobs = new JobRunner(log, store);
    // Daily; the first run is at start. Idempotent.
    jobs.every('privacy.retention', 24 * 3_600_000, () =>
      privacy
        .applyRetention({ actor: { type: 'system', id: null, role: null }, requestId: null })
        .then((r) => (r.messages + r.entries + r.complaints + r.auditReads ? r : null)),
    );
    if (backups.supported && config.backup.schedule)
      jobs.every('backup.schedule', 60_000, () => backups.runIfDue());
    jobs.every('notify.deliver', 1_000, () =>
      notifier.deliverDue(clock.now()).then((r) => (r.sent + r.retrying + r.failed ? r : null)),
    );
    jobs.every('blocklist.review-reminders', 60_000, () => blocklist.raiseReviewReminders());
    jobs.every('winback.reminders', 60_000, () => winback.raiseReminders());
    jobs.every('blocklist.start-notices', 60_000, () => blocklist.sendStartNotices());
    // Entries that start or end move in and out of force by the clock alone; the
    // index evaluates schedules itself, so this only drops entries long expired.
    // Per node: uploads left behind live in this node's data dir (marking stale imports failed is idempotent).
    jobs.every(
      'imports.recover',
      5 * 60_000,
      () => recoverInterruptedImports(store, config.dataDir, clock.now()),
      { perNode: true },
    );
    // A safety net only (the feed keeps the index current): rebuilt beside the live one and swapped.
    jobs.every('blocklist.index-refresh', 60 * 60_000, () => blocklist.loadIndex(), {
      atStart: false,
      perNode: true,
    });
    jobs.every('feed.prune', 60 * 60_000, () => feed.prune());
    jobs.every('complaints.sla-escalation', 60_000, () => complaints.escalateOverdue());
    jobs.every('complaints.surge', 5 * 60_000, () => complaints.detectRecentSurges());
    // Everything is loaded: apply the feed from where the loads began.
    feed.start(feedFrom);
    const state = { loaded: true, draining: false };
    return {
      config,
      log,
      feed,
      state,
      clock,
      store,
      keys,
      masterKey,
      metrics,
      audit,
      access,
      customers,
      blocklist,
      jobs,
      bus,
      counters,
      directory,
      alerts,
      notifier,
      consent,
      spam,
      messages,
      recorder,
      rules,
      screening,
      outbound,
      complaints,
      privacy,
      backups,
      winback,
      settings,
      close: async () => {
        await jobs.stop();
        // Apply what is on the feed (this server's own changes are in force, but the feed's
        // cursor lags them until a poll), then stop: the index is kept on disk as it stands,
        // at a version that replays nothing already in it. Bounded: a database that is away
        // at close costs the next start a longer replay, not a hung shutdown.
        await Promise.race([
          feed.runExclusive(async () => undefined),
          new Promise((resolve) => setTimeout(resolve, 2000).unref()),
        ]);
        await feed.close();
        await blocklist.snapshotsWritten();
        await blocklist
          .saveSnapshot()
          .catch((err: unknown) => log.warn({ err }, 'blocklist index snapshot not written'));
        await notifier.close();
        // Drains the group commit (screened complaints commit with their messages), then stops
        // the SQLite writer thread.
        await recorder.close();
        await spam.close();
        await rules.close();
        await bus.close();
        await counters.close();
        await store.close();
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}
