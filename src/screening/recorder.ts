import type { Logger } from '../core/logging.js';
import type { Store } from '../storage/database.js';
import { type MessageRecordInput, type RecordRow, type RecordWriter, toRecordRow } from './recorder-rows.js';
import { SqlRecordWriter } from './recorder-sql.js';
import { SqliteWorkerWriter } from './recorder-sqlite.js';

export type MessageRecord = MessageRecordInput;

interface Pending {
  row: RecordRow;
  messageId: string;
  resolve: () => void;
  reject: (err: unknown) => void;
}

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
}

export interface RecorderOptions {
  /** Records per transaction at most. */
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
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private closed = false;
  private readonly writer: RecordWriter;
  private readonly maxBatch: number;
  private readonly counts = { batches: 0, recorded: 0, failed: 0, retriedBatches: 0, droppedViolations: 0 };

  constructor(
    store: Store,
    private readonly log: Logger,
    options: RecorderOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 1000;
    this.writer =
      store.dialect === 'sqlite' && store.sqlitePath !== null && options.worker !== false
        ? new SqliteWorkerWriter(store.sqlitePath, store.gate)
        : new SqlRecordWriter(store.db, store.dialect);
  }

  get stats(): RecorderStats {
    return {
      ...this.counts,
      queued: this.queue.length,
      writerBusyMs: this.writer instanceof SqliteWorkerWriter ? Math.round(this.writer.busyMs) : 0,
    };
  }

  /** Resolves when the record is committed; rejects if it could not be (or the recorder is closed). */
  record(record: MessageRecord): Promise<void> {
    if (this.closed) return Promise.reject(new Error('message recorder is closed'));
    const row = toRecordRow(record);
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ row, messageId: record.message.id, resolve, reject });
      if (!this.flushing) this.flushing = this.drain();
    });
  }

  /** Waits until everything queued so far is written. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /** Takes no more records, writes the queued ones, then stops the writer (its thread, on SQLite). */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    await this.writer.close();
  }

  private async drain(): Promise<void> {
    try {
      // Let the records made in this same tick (a burst of screens) join the first batch.
      await Promise.resolve();
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        await this.commit(batch);
      }
    } finally {
      this.flushing = null;
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    let outcome: Awaited<ReturnType<RecordWriter['write']>>;
    try {
      outcome = await this.writer.write(batch.map((p) => p.row));
    } catch (err) {
      this.counts.failed += batch.length;
      this.log.error({ err, size: batch.length }, 'recording screened messages failed');
      for (const p of batch) p.reject(err);
      return;
    }
    this.counts.batches++;
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
    this.counts.failed += failed.size;
    this.counts.recorded += batch.length - failed.size;
    batch.forEach((p, i) => {
      const err = failed.get(i);
      if (err) p.reject(err);
      else p.resolve();
    });
  }
}
