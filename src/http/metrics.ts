import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { App } from '../app.js';
import { ping } from '../storage/database.js';

export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'warden_' });
  return registry;
}

/** Request duration by route pattern (never the raw URL: ids would explode the label set). */
export function registerHttpMetrics(server: FastifyInstance, registry: Registry): void {
  const histogram = new Histogram({
    name: 'warden_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  server.addHook('onResponse', async (request, reply) => {
    histogram.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
}

/** The polls of load balancers and Prometheus: answered, but not logged at info. */
export const probeRoutes = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Keeps the probes out of the info log (one line per poll per node drowns
 * everything else): their routes log at `warn` and above. Must be called
 * before the routes are added.
 */
export function quietProbeLogs(server: FastifyInstance): void {
  server.addHook('onRoute', (route) => {
    if (probeRoutes.has(route.url)) route.logLevel = 'warn';
  });
}

/** Longest a scrape waits for the database before it says "down". */
const SCRAPE_DB_TIMEOUT_MS = 1_000;

/** Resolves with the promise's value, or rejects after `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The node's own state, read at each scrape: what is loaded in memory, whether
 * Redis and the database answer, what waits to be written or sent, and when
 * each job last ran here. Registered once per registry (several servers may
 * be built over one app in tests).
 */
export function registerAppMetrics(app: App, registry: Registry): void {
  if (registry.getSingleMetric('warden_blocklist_index_entries')) return;
  const registers = [registry];
  new Gauge({
    name: 'warden_blocklist_index_entries',
    help: 'Blocklist entries held in this node’s in-memory index',
    registers,
    collect() {
      this.set(app.blocklist.index.size);
    },
  });
  new Gauge({
    name: 'warden_rules_version',
    help: 'Time (epoch ms) of the newest rule change in the rule set this node screens with; equal on nodes in step',
    registers,
    collect() {
      this.set(app.rules.loadedVersion);
    },
  });
  new Gauge({
    name: 'warden_recorder_queue_depth',
    help: 'Screened messages waiting for the next group commit',
    registers,
    collect() {
      this.set(app.recorder.stats.queued);
    },
  });
  const counters = app.counters as { up?: boolean };
  new Gauge({
    name: 'warden_redis_up',
    help: '1 when Redis answers this node’s counters, 0 while they fall back (WARDEN_COUNTERS_ON_REDIS_DOWN); absent without Redis',
    registers,
    collect() {
      if (app.config.redisUrl && typeof counters.up === 'boolean') this.set(counters.up ? 1 : 0);
    },
  });
  new Gauge({
    name: 'warden_database_up',
    help: '1 when the database answered a ping within 1 s at this scrape, else 0',
    registers,
    async collect() {
      try {
        await within(ping(app.store), SCRAPE_DB_TIMEOUT_MS);
        this.set(1);
      } catch {
        this.set(0);
      }
    },
  });
  new Gauge({
    name: 'warden_outbox_backlog',
    help: 'Notifications not yet delivered (pending or being sent); -1 when the database did not answer',
    registers,
    async collect() {
      try {
        const row = await within(
          app.store.db
            .selectFrom('notifications')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('status', 'in', ['pending', 'sending'])
            .executeTakeFirst(),
          SCRAPE_DB_TIMEOUT_MS,
        );
        this.set(Number(row?.n ?? 0));
      } catch {
        this.set(-1);
      }
    },
  });
  const labelNames = ['job'] as const;
  new Gauge({
    name: 'warden_job_last_run_timestamp_seconds',
    help: 'When this node last finished a run of the job (Unix seconds); absent if it has not run here',
    labelNames,
    registers,
    collect() {
      this.reset();
      for (const j of app.jobs.status())
        if (j.lastRunAt !== null) this.set({ job: j.name }, j.lastRunAt / 1000);
    },
  });
  new Gauge({
    name: 'warden_job_last_run_success',
    help: '1 if the job’s last run on this node succeeded, 0 if it failed; absent if it has not run here',
    labelNames,
    registers,
    collect() {
      this.reset();
      for (const j of app.jobs.status()) if (j.lastOk !== null) this.set({ job: j.name }, j.lastOk ? 1 : 0);
    },
  });
  new Gauge({
    name: 'warden_job_lease_held',
    help: '1 if this node holds the job’s lease (runs it now), else 0',
    labelNames,
    registers,
    collect() {
      for (const j of app.jobs.status()) this.set({ job: j.name }, j.held ? 1 : 0);
    },
  });
}
