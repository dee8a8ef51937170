import type { Registry } from 'prom-client';
import { AuditLog } from './access/audit.js';
import { AccessService } from './access/service.js';
import { CategoryService } from './blocklist/categories.js';
import { recoverInterruptedImports } from './blocklist/import-recovery.js';
import { BlocklistService, keyCustomerRisk } from './blocklist/service.js';
import { scoreSentiment } from './complaints/analysis/sentiment.js';
import { ComplaintService } from './complaints/service.js';
import { defaultComplaintSettings } from './complaints/settings.js';
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
import { RulesService } from './rules/service.js';
import { SpamModelService } from './rules/spam/service.js';
import { ConsentService } from './screening/consent.js';
import { DuplicateTracker } from './screening/duplicates.js';
import { MessageService } from './screening/messages.js';
import { OutboundService } from './screening/outbound.js';
import { MessageRecorder } from './screening/recorder.js';
import { ScreeningService } from './screening/service.js';
import { type Bus, LocalBus } from './storage/bus.js';
import { type Counters, MemoryCounters } from './storage/counters.js';
import { openStore, type Store } from './storage/database.js';
import { JobRunner } from './storage/jobs.js';
import { loadKeyRing } from './storage/keys.js';
import { migrateToLatest } from './storage/migrate.js';
import { RedisBus, RedisCounters } from './storage/redis.js';

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
  const store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (options.migrate !== false) {
      const { applied } = await migrateToLatest(store);
      if (applied.length) log.info({ applied }, 'database migrated');
    }
    const { key: masterKey } = loadMasterKey({ masterKey: config.masterKey, dataDir: config.dataDir, log });
    const keys = await loadKeyRing(store, masterKey, clock.now());
    const audit = new AuditLog(store, () => clock.now());
    const access = new AccessService(store, audit, clock, config.sessionTtlSeconds);
    const customers = new CustomerService(store, keys, audit, clock, config.defaultRegion);
    const categories = new CategoryService(store, audit, clock);
    await categories.seed();
    const blocklist = new BlocklistService(store, keys, audit, clock, categories, customers, config);
    const loaded = await blocklist.loadIndex();
    if (loaded) log.info({ entries: loaded }, 'blocklist index loaded');
    const metrics = createMetricsRegistry();
    // Embedded: counters and change notifications in process. Cluster: in Redis.
    const bus: Bus = config.redisUrl ? new RedisBus(config.redisUrl, log) : new LocalBus();
    const counters: Counters = config.redisUrl
      ? new RedisCounters(config.redisUrl, 'warden:c:', log)
      : new MemoryCounters();
    const directory = new CustomerDirectory(store, keys);
    await directory.load();
    customers.onChange(({ customer }) => {
      directory.update(customer);
      void bus.publish('customer.changed', { customerId: customer.id });
    });
    bus.subscribe('customer.changed', ({ customerId }) => directory.refresh(String(customerId)));
    blocklist.onChange((entryId) => void bus.publish('blocklist.changed', { entryId }));
    bus.subscribe('blocklist.changed', ({ entryId }) => blocklist.refreshIndex(String(entryId)));
    const alerts = new AlertService(store, audit, clock);
    const notifier = new NotificationOutbox(store, keys, clock, log, createTransports(config.notify));
    notifyStaffOfAlerts(alerts, notifier, config, log);
    const consent = new ConsentService(store, keys, audit, clock, config);
    await consent.load();
    consent.onChange((change) => void bus.publish('consent.changed', change));
    bus.subscribe('consent.changed', (c) =>
      consent.apply({ key: String(c.key), optedOut: c.optedOut === true }),
    );
    const spam = new SpamModelService(store);
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
    const messages = new MessageService(store, keys, audit, clock, spam);
    const recorder = new MessageRecorder(store, log);
    const complaints: ComplaintService = new ComplaintService({
      store,
      keys,
      audit,
      clock,
      log,
      alerts,
      settings: defaultComplaintSettings,
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
      afterScreen: (result, input, facts, text, indexes) =>
        complaints.afterScreen(result, input, facts, text, indexes),
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
    const jobs = new JobRunner(log);
    jobs.every('notify.deliver', 1_000, () =>
      notifier.deliverDue(clock.now()).then((r) => (r.sent + r.retrying + r.failed ? r : null)),
    );
    jobs.every('blocklist.review-reminders', 60_000, () => blocklist.raiseReviewReminders());
    // Entries that start or end move in and out of force by the clock alone; the
    // index evaluates schedules itself, so this only drops entries long expired.
    jobs.every('imports.recover', 5 * 60_000, () =>
      recoverInterruptedImports(store, config.dataDir, clock.now()),
    );
    jobs.every('blocklist.index-refresh', 15 * 60_000, () => blocklist.loadIndex());
    jobs.every('complaints.sla-escalation', 60_000, () => complaints.escalateOverdue());
    jobs.every('complaints.surge', 5 * 60_000, () => complaints.detectRecentSurges());
    return {
      config,
      log,
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
      close: async () => {
        jobs.stop();
        await notifier.close();
        // Drains the group commit, then stops the SQLite writer thread.
        await recorder.close();
        // Then the complaints of the screens just recorded: their intakes commit before the store closes.
        await complaints.close();
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
