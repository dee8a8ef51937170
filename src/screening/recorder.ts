import type { Logger } from '../core/logging.js';
import type { Store } from '../storage/database.js';
import type { BlocklistEventTable, MessageRuleHitTable, MessageTable } from '../storage/schema.js';

export interface MessageRecord {
  message: MessageTable;
  ruleHits: MessageRuleHitTable[];
  violations: BlocklistEventTable[];
}

interface Pending {
  record: MessageRecord;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for screened messages: callers wait for their record to be
 * durable, but records that arrive while a transaction is being written share
 * the next one. At low load each record commits at once; under load a
 * transaction carries hundreds, so throughput follows the batch, not fsync.
 */
export class MessageRecorder {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private batches = 0;
  private recorded = 0;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly maxBatch = 1000,
  ) {}

  get stats(): { batches: number; recorded: number; queued: number } {
    return { batches: this.batches, recorded: this.recorded, queued: this.queue.length };
  }

  /** Resolves when the record is committed. */
  record(record: MessageRecord): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      if (!this.flushing) this.flushing = this.drain();
    });
  }

  /** Waits until everything queued so far is written. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          await this.write(batch.map((p) => p.record));
          this.batches++;
          this.recorded += batch.length;
          for (const p of batch) p.resolve();
        } catch (err) {
          this.log.error({ err, size: batch.length }, 'recording screened messages failed');
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  private async write(records: MessageRecord[]): Promise<void> {
    const messages = records.map((r) => r.message);
    const hits = records.flatMap((r) => r.ruleHits);
    const violations = records.flatMap((r) => r.violations);
    await this.store.db.transaction().execute(async (trx) => {
      // Multi-row inserts in chunks that stay under SQLite's bound-variable limit.
      for (const chunk of chunks(messages, 400)) await trx.insertInto('messages').values(chunk).execute();
      for (const chunk of chunks(hits, 2000))
        await trx.insertInto('message_rule_hits').values(chunk).execute();
      for (const chunk of chunks(violations, 1000))
        await trx.insertInto('blocklist_events').values(chunk).execute();
    });
  }
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
