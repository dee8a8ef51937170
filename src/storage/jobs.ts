import type { Logger } from '../core/logging.js';

interface Job {
  name: string;
  everyMs: number;
  run: () => Promise<unknown>;
  timer: NodeJS.Timeout | null;
  running: boolean;
  atStart: boolean;
}

/**
 * Scheduled jobs (expiry, review reminders, retention, surges). Each job runs
 * at most once at a time per process; jobs are idempotent so that several
 * nodes running them cannot do the work twice.
 */
export class JobRunner {
  private readonly jobs: Job[] = [];
  private started = false;

  constructor(private readonly log: Logger) {}

  /** Runs `run` every `everyMs`, and once at start unless `atStart` is false. */
  every(
    name: string,
    everyMs: number,
    run: () => Promise<unknown>,
    options: { atStart?: boolean } = {},
  ): void {
    this.jobs.push({ name, everyMs, run, timer: null, running: false, atStart: options.atStart !== false });
  }

  /** Runs one job now (for `warden` commands and tests). */
  async runNow(name: string): Promise<unknown> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`no job ${name}`);
    return job.run();
  }

  get names(): string[] {
    return this.jobs.map((j) => j.name);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const job of this.jobs) {
      const tick = async () => {
        if (job.running) return;
        job.running = true;
        try {
          const result = await job.run();
          if (result) this.log.debug({ job: job.name, result }, 'job ran');
        } catch (err) {
          this.log.error({ err, job: job.name }, 'job failed; it will run again');
        } finally {
          job.running = false;
        }
      };
      job.timer = setInterval(() => void tick(), job.everyMs);
      job.timer.unref();
      if (job.atStart) void tick();
    }
  }

  stop(): void {
    for (const job of this.jobs) {
      if (job.timer) clearInterval(job.timer);
      job.timer = null;
    }
    this.started = false;
  }
}
