/** What became of one item of a batch: its value, or the error that failed it alone. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Commits one batch: resolves with one outcome per item, in order, once the
 * batch is durable; rejects when the batch failed as a whole.
 */
export type CommitBatch<T, R> = (items: readonly T[]) => Promise<readonly Settled<R>[]>;

export interface GroupCommitOptions {
  /** Items per batch at most (default 128). */
  maxBatch?: number;
  /** Names the writer in errors ("message recorder is closed"). */
  name?: string;
  /**
   * Whether to give the event loop a turn before each further batch (default
   * true): needed when `commit` runs a whole batch synchronously (better-sqlite3
   * on this thread). A committer that waits on another thread or server passes
   * false, so the next batch goes to it at once: it writes while this thread
   * screens the callers the last batch answered, instead of each waiting for
   * the other.
   */
  yieldBetweenBatches?: boolean;
}

export interface GroupCommitStats {
  /** Batches committed. */
  batches: number;
  /** Items whose caller got a value. */
  committed: number;
  /** Items whose caller got an error. */
  failed: number;
  /** Items waiting for the next batch. */
  queued: number;
}

interface Waiting<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for any writer: callers wait for their item to be committed,
 * and items that arrive while a batch is being committed wait together and
 * share the next one — one transaction (one fsync) for many. At low load each
 * item commits at once; under load a batch carries up to `maxBatch`.
 *
 * Batches run one at a time, in arrival order, so an item sees what every
 * item before it wrote.
 *
 * @example
 *   const intakes = new GroupCommit((items) => writeAllInOneTransaction(items), { maxBatch: 128 });
 *   const id = await intakes.submit(item); // committed when this resolves
 */
export class GroupCommit<T, R> {
  private queue: Waiting<T, R>[] = [];
  private flushing: Promise<void> | null = null;
  private closed = false;
  private readonly maxBatch: number;
  private readonly name: string;
  private readonly yieldBetweenBatches: boolean;
  private readonly counts = { batches: 0, committed: 0, failed: 0 };

  constructor(
    private readonly commit: CommitBatch<T, R>,
    options: GroupCommitOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 128;
    this.name = options.name ?? 'group commit';
    this.yieldBetweenBatches = options.yieldBetweenBatches ?? true;
    if (!Number.isInteger(this.maxBatch) || this.maxBatch < 1)
      throw new Error(`${this.name}: maxBatch must be a positive integer, not ${this.maxBatch}`);
  }

  get stats(): GroupCommitStats {
    return { ...this.counts, queued: this.queue.length };
  }

  /** Resolves with the item's value once its batch is committed; rejects if it failed (or this is closed). */
  submit(item: T): Promise<R> {
    if (this.closed) return Promise.reject(new Error(`${this.name} is closed`));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.flushing) this.flushing = this.drain();
    });
  }

  /** Waits until everything submitted so far is committed (or failed). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /** Takes no more items and waits for the queued ones. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private async drain(): Promise<void> {
    try {
      // Let everything submitted in this turn of the event loop join the first batch: the
      // callers a single I/O event resumed (one recorder commit answers hundreds of
      // screens) reach here a varying number of microtasks apart.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (this.queue.length > 0) {
        await this.commitBatch(this.queue.splice(0, this.maxBatch));
        // A synchronous driver (better-sqlite3) runs a whole batch without giving
        // the event loop a turn: let it run between batches, and let the next batch gather.
        if (this.queue.length > 0 && this.yieldBetweenBatches)
          await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      this.flushing = null;
    }
  }

  private async commitBatch(batch: Waiting<T, R>[]): Promise<void> {
    let outcomes: readonly Settled<R>[];
    try {
      outcomes = await this.commit(batch.map((w) => w.item));
      if (outcomes.length !== batch.length)
        throw new Error(`${this.name}: ${outcomes.length} outcomes for a batch of ${batch.length}`);
    } catch (err) {
      this.counts.failed += batch.length;
      for (const w of batch) w.reject(err);
      return;
    }
    this.counts.batches++;
    batch.forEach((w, i) => {
      // Checked above: one outcome per item.
      const outcome = outcomes[i] as Settled<R>;
      if (outcome.ok) {
        this.counts.committed++;
        w.resolve(outcome.value);
      } else {
        this.counts.failed++;
        w.reject(outcome.error);
      }
    });
  }
}
