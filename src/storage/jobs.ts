import { randomUUID } from 'node:crypto';
import type { Logger } from '../core/logging.js';
import type { Store } from './database.js';

/** How long stop() waits for the runs in progress before it gives up on them. */
const STOP_WAIT_MS = 5_000;

interface Job {
  name: string;
  everyMs: number;
  run: () => Promise<unknown>;
  timer: NodeJS.Timeout | null;
  running: boolean;
  /** Settles when the run in progress ends; null between runs. */
  inFlight: Promise<void> | null;
  atStart: boolean;
  /** Works on this node's own memory or files: runs on every node, without a lease. */
  perNode: boolean;
  /** Until when this node holds the job's lease (wall clock ms); 0 when it does not. */
  heldUntil: number;
}

/** What /metrics shows of a job on this node. */
export interface JobStatus {
  name: string;
  /** Whether this node holds the job's lease now (per-node jobs: null, they take none). */
  held: boolean | null;
  /** When this node last finished a run (epoch ms), or null. */
  lastRunAt: number | null;
  lastOk: boolean | null;
}

export interface JobRunnerOptions {
  /** Shortest lease (ms); a job's lease is the longer of this and three of its periods. */
  minLeaseMs?: number;
  /** Names this node in `job_leases.holder`; a new one per runner by default. */
  holder?: string;
}

/**
 * Scheduled jobs (expiry, review reminders, retention, surges). Each job runs
 * at most once at a time per process and, with a store, on one node at a
 * time: before a run the node takes or renews the job's lease in
 * `job_leases` with one atomic UPDATE (`… where expires_at < now or holder =
 * me`). A node that stops hands its leases back; one that dies loses them
 * when they expire, and another node takes the job over. Jobs stay
 * idempotent, so a run that outlives its lease does no harm twice.
 *
 * Leases use the wall clock (Date.now()), not the app's clock: they compare
 * times across nodes, and tests that stop the app's clock must not stop them.
 */
export class JobRunner {
  private readonly jobs: Job[] = [];
  private started = false;
  private readonly holder: string;
  private readonly minLeaseMs: number;
  private readonly lastRuns = new Map<string, { at: number; ok: boolean; result: string }>();

  constructor(
    private readonly log: Logger,
    private readonly store: Store | null = null,
    options: JobRunnerOptions = {},
  ) {
    this.holder = options.holder ?? randomUUID();
    this.minLeaseMs = options.minLeaseMs ?? 15_000;
  }

  /**
   * Runs `run` every `everyMs`, and once at start unless `atStart` is false.
   * `perNode` jobs tend this node's own memory or files (an index refresh):
   * they run on every node, take no lease, and run even with WARDEN_JOBS=off.
   */
  every(
    name: string,
    everyMs: number,
    run: () => Promise<unknown>,
    options: { atStart?: boolean; perNode?: boolean } = {},
  ): void {
    this.jobs.push({
      name,
      everyMs,
      run,
      timer: null,
      running: false,
      inFlight: null,
      heldUntil: 0,
      atStart: options.atStart !== false,
      perNode: options.perNode === true,
    });
  }

  /** Runs one job now, lease or not (for `warden` commands and tests). */
  async runNow(name: string): Promise<unknown> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`no job ${name}`);
    return job.run();
  }

  get names(): string[] {
    return this.jobs.map((j) => j.name);
  }

  /** This node's view of each job, for /metrics. */
  status(): JobStatus[] {
    const now = Date.now();
    return this.jobs.map((j) => {
      const last = this.lastRuns.get(j.name);
      return {
        name: j.name,
        held: j.perNode ? null : j.heldUntil > now,
        lastRunAt: last?.at ?? null,
        lastOk: last?.ok ?? null,
      };
    });
  }

  get isStarted(): boolean {
    return this.started;
  }

  /** Starts the jobs; `perNodeOnly` (WARDEN_JOBS=off) starts only those that tend this node. */
  start(options: { perNodeOnly?: boolean } = {}): void {
    if (this.started) return;
    this.started = true;
    for (const job of this.jobs) {
      if (options.perNodeOnly && !job.perNode) continue;
      const tick = async () => {
        if (job.running || !this.started) return;
        job.running = true;
        let ended!: () => void;
        job.inFlight = new Promise<void>((resolve) => {
          ended = resolve;
        });
        try {
          if (!(await this.lease(job))) return;
          const result = await job.run();
          this.finished(job, true, null);
          if (result) this.log.debug({ job: job.name, result }, 'job ran');
        } catch (err) {
          this.finished(job, false, err);
          this.log.error({ err, job: job.name }, 'job failed; it will run again');
        } finally {
          job.running = false;
          job.inFlight = null;
          ended();
        }
      };
      // tick() catches everything itself; this catch is for a bug in it.
      const safeTick = () => {
        tick().catch((err: unknown) => this.log.error({ err, job: job.name }, 'job tick failed'));
      };
      job.timer = setInterval(safeTick, job.everyMs);
      job.timer.unref();
      if (job.atStart) safeTick();
    }
  }

  /**
   * Stops the timers, waits (a while) for the runs in progress, and hands back
   * the leases of the jobs no longer running, so another node takes them at
   * once. A lease handed back mid-run let the other node start the same job
   * beside it; a run still going after the wait keeps its lease until it expires.
   */
  async stop(): Promise<void> {
    this.started = false;
    for (const job of this.jobs) {
      if (job.timer) clearInterval(job.timer);
      job.timer = null;
    }
    const inFlight = this.jobs.flatMap((j) => (j.inFlight ? [j.inFlight] : []));
    if (inFlight.length > 0)
      await Promise.race([
        Promise.all(inFlight),
        new Promise<void>((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref()),
      ]);
    const held = this.jobs.filter((j) => j.heldUntil > 0 && !j.running);
    for (const j of held) j.heldUntil = 0;
    if (!this.store || held.length === 0) return;
    try {
      await this.store.db
        .updateTable('job_leases')
        .set({ expires_at: 0 })
        .where('holder', '=', this.holder)
        .where(
          'name',
          'in',
          held.map((j) => j.name),
        )
        .execute();
    } catch (err) {
      // They expire by themselves.
      this.log.warn({ err }, 'could not hand job leases back');
    }
  }

  private leaseMs(job: Job): number {
    return Math.max(this.minLeaseMs, job.everyMs * 3);
  }

  /** True when this node holds the job's lease for at least one more period. */
  private async lease(job: Job): Promise<boolean> {
    if (!this.store || job.perNode) return true;
    const now = Date.now();
    const leaseMs = this.leaseMs(job);
    // Renew only once half the lease is gone: a job every second writes a row every few seconds, not every run.
    if (job.heldUntil - now > leaseMs / 2) return true;
    const expiresAt = now + leaseMs;
    const db = this.store.db;
    try {
      // The last run's outcome rides along with the renewal, for operators reading the table.
      const last = this.lastRuns.get(job.name);
      const updated = await db
        .updateTable('job_leases')
        .set({
          holder: this.holder,
          expires_at: expiresAt,
          ...(last ? { last_run_at: last.at, last_result: last.result } : {}),
        })
        .where('name', '=', job.name)
        .where((eb) => eb.or([eb('expires_at', '<', now), eb('holder', '=', this.holder)]))
        .executeTakeFirst();
      let got = Number(updated.numUpdatedRows) > 0;
      if (!got) {
        // The first node to see this job makes its row; the others' inserts do nothing.
        const inserted = await db
          .insertInto('job_leases')
          .values({
            name: job.name,
            holder: this.holder,
            expires_at: expiresAt,
            last_run_at: null,
            last_result: null,
          })
          .onConflict((oc) => oc.column('name').doNothing())
          .executeTakeFirst();
        got = Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0;
      }
      if (got && job.heldUntil === 0) this.log.info({ job: job.name }, 'job lease taken');
      if (!got && job.heldUntil > 0) this.log.info({ job: job.name }, 'job lease lost to another node');
      job.heldUntil = got ? expiresAt : 0;
      return got;
    } catch (err) {
      // The database is away: run nothing that needs it, and let the lease lapse.
      job.heldUntil = 0;
      throw err;
    }
  }

  private finished(job: Job, ok: boolean, err: unknown): void {
    const result = ok ? 'ok' : String(err instanceof Error ? err.message : err).slice(0, 500);
    this.lastRuns.set(job.name, { at: Date.now(), ok, result });
  }
}
