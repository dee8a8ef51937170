import type { ComplaintIntakeWriter, IntakeOutcome } from '../complaints/intake-writer.js';
import { GroupCommit, type Settled } from '../core/group-commit.js';
import type { Logger } from '../core/logging.js';
import type { Store } from '../storage/database.js';
import {
  type MessageRecordInput,
  type RecordIntake,
  type RecordRow,
  type RecordWriter,
  toRecordRow,
  type WorkerIntakeSetup,
} from './recorder-rows.js';
import { SqlRecordWriter } from './recorder-sql.js';
import { SqliteWorkerWriter } from './recorder-sqlite.js';

export type MessageRecord = MessageRecordInput;

interface Queued {
  row: RecordRow;
  messageId: string;
  intake: RecordIntake | null;
}

/** A record's complaint intake: its outcome, or null when the record had none. */
export type IntakeSettled = Settled<IntakeOutcome> | null;

export interface RecorderStats {
  /** Transactions committed. */
  batches: number;
  /** Records committed. */
  recorded: number;
  /** Records waiting for the next batch. */
  queued: number;
  /** Records whose caller got an error. */
  failed: number;
  /** Batches that failed as a whole and were written again record by record. */
  retriedBatches: number;
  /** Violation events left out because their blocklist entry was gone. */
  droppedViolations: number;
  /** Milliseconds the SQLite writer thread spent in transactions (0 on PostgreSQL). */
  writerBusyMs: number;
  /** Complaint intakes committed with their records, and those that failed alone. */
  intakes: { committed: number; failed: number };
}

export interface RecorderOptions {
  /** Records per transaction at most (default 128 on the SQLite writer thread, else 1,000). */
  maxBatch?: number;
  /**
   * SQLite only: write on a worker thread (default). `false` writes on the
   * main connection instead, which blocks the event loop for every fsync.
   */
  worker?: boolean;
}

/**
 * Group commit for screened messages: callers wait for their record to be
 * durable, but records that arrive while a transaction is being written share
 * the next one. At low load each record commits at once; under load a
 * transaction carries hundreds, so throughput follows the batch, not fsync.
 *
 * On SQLite the transactions run on a writer thread (recorder-sqlite.ts); on
 * PostgreSQL through the pool (recorder-sql.ts). A batch that fails is
 * written again record by record, so a bad record fails only its own caller,
 * and a violation of a blocklist entry deleted meanwhile is left out (logged)
 * rather than failing its message.
 *
 * @example
 *   await recorder.record({ message, ruleHits, violations }); // committed when this resolves
 */
export class MessageRecorder {
  private readonly writer: RecordWriter;
  private readonly queue: GroupCommit<Queued, IntakeSettled>;
  private readonly counts = { retriedBatches: 0, droppedViolations: 0 };
  private readonly intakeCounts = { committed: 0, failed: 0 };

  constructor(
    store: Store,
    private readonly log: Logger,
    options: RecorderOptions = {},
  ) {
    this.writer =
      store.dialect === 'sqlite' && store.sqlitePath !== null && options.worker !== false
        ? new SqliteWorkerWriter(store.sqlitePath, store.gate)
        : new SqlRecordWriter(store.db, store.dialect);
    const threaded = this.writer instanceof SqliteWorkerWriter;
    this.queue = new GroupCommit((batch) => this.commit(batch), {
      // The writer thread works beside this one: batches of a few hundred keep both busy
      // (256 screens in flight: 128 a batch, 5,325 → 6,586 screens/s; one batch of all
      // 256 left each thread waiting for the other).
      maxBatch: options.maxBatch ?? (threaded ? 128 : 1000),
      name: 'message recorder',
      yieldBetweenBatches: this.writer instanceof SqlRecordWriter && store.dialect === 'sqlite',
    });
  }

  get stats(): RecorderStats {
    const q = this.queue.stats;
    return {
      batches: q.batches,
      recorded: q.committed,
      queued: q.queued,
      failed: q.failed,
      ...this.counts,
      writerBusyMs: this.writer instanceof SqliteWorkerWriter ? Math.round(this.writer.busyMs) : 0,
      intakes: { ...this.intakeCounts },
    };
  }

  /**
   * Lets records carry complaint intakes: `writer` writes them on this thread
   * (PostgreSQL, or SQLite without the writer thread); the SQLite writer
   * thread builds its own from `setup`, and reloads its key ring whenever
   * `keyState` changes.
   */
  takeIntakes(writer: ComplaintIntakeWriter, setup: WorkerIntakeSetup, keyState: () => string): void {
    if (this.writer instanceof SqliteWorkerWriter) this.writer.takeIntakes(setup, keyState);
    else if (this.writer instanceof SqlRecordWriter) this.writer.intakeWriter = writer;
  }

  /**
   * Resolves when the record is committed, with its intake's outcome (null
   * without one): an intake that fails is rolled back alone and its record
   * still commits. Rejects if the record could not be written (or the
   * recorder is closed).
   */
  record(record: MessageRecord, intake: RecordIntake | null = null): Promise<IntakeSettled> {
    return this.queue.submit({ row: toRecordRow(record), messageId: record.message.id, intake });
  }

  /** Waits until everything queued so far is written. */
  flush(): Promise<void> {
    return this.queue.flush();
  }

  /** Takes no more records, writes the queued ones, then stops the writer (its thread, on SQLite). */
  async close(): Promise<void> {
    await this.queue.close();
    await this.writer.close();
  }

  private async commit(batch: readonly Queued[]): Promise<Settled<IntakeSettled>[]> {
    let outcome: Awaited<ReturnType<RecordWriter['write']>>;
    try {
      outcome = await this.writer.write(
        batch.map((q) => q.row),
        batch.map((q) => q.intake),
      );
    } catch (err) {
      this.log.error({ err, size: batch.length }, 'recording screened messages failed');
      throw err;
    }
    if (outcome.retried) this.counts.retriedBatches++;
    for (const d of outcome.dropped) {
      this.counts.droppedViolations++;
      this.log.warn(
        { messageId: batch[d.index]?.messageId, eventId: d.eventId, entryId: d.entryId },
        'violation event dropped: its blocklist entry no longer exists',
      );
    }
    const failed = new Map<number, Error>();
    for (const f of outcome.failed) {
      failed.set(f.index, f.error);
      this.log.error(
        { err: f.error, messageId: batch[f.index]?.messageId },
        'recording a screened message failed',
      );
    }
    return batch.map((_, i) => {
      const error = failed.get(i);
      if (error) return { ok: false, error };
      const intake = outcome.intakes[i] ?? null;
      if (intake) this.intakeCounts[intake.ok ? 'committed' : 'failed']++;
      return { ok: true, value: intake };
    });
  }
}
