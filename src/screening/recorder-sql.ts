import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { ComplaintIntakeWriter } from '../complaints/intake-writer.js';
import type { DialectName } from '../storage/database.js';
import type { Database } from '../storage/schema.js';
import {
  type BatchOutcome,
  insertSql,
  intakesOfWritten,
  isMissingEntry,
  isRecordError,
  type RecordIntake,
  type RecordRow,
  type RecordTable,
  type RecordWriter,
  type SqlValue,
} from './recorder-rows.js';

/**
 * Rows per multi-row INSERT. Each row count's SQL text is made once and kept,
 * so the counts stay small enough that all of them together are a few MB at
 * most; PostgreSQL allows 65,535 parameters, SQLite 32,766.
 */
const ROWS_PER_STATEMENT: Record<RecordTable, number> = {
  messages: 100,
  message_rule_hits: 250,
  blocklist_events: 250,
};

/**
 * Writes record batches on the calling thread through the store's pool:
 * PostgreSQL's client is asynchronous, so the event loop is free while the
 * server commits. Batches go out as raw multi-row INSERTs with SQL text cached
 * per row count, not built through Kysely's query builder (whose compile of a
 * few hundred rows costs more CPU than the rest of screening them).
 */
export class SqlRecordWriter implements RecordWriter {
  /** Writes the batch's complaint intakes in its transaction; set once complaints are wired. */
  intakeWriter: ComplaintIntakeWriter | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
  ) {}

  async write(rows: RecordRow[], intakes: readonly (RecordIntake | null)[] = []): Promise<BatchOutcome> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        await this.insert(
          trx,
          'messages',
          rows.map((r) => r[0]),
        );
        await this.insert(
          trx,
          'message_rule_hits',
          rows.flatMap((r) => r[1]),
        );
        await this.insert(
          trx,
          'blocklist_events',
          rows.flatMap((r) => r[2]),
        );
        return {
          failed: [],
          dropped: [],
          retried: false,
          intakes: await this.writeIntakes(trx, intakes, []),
        };
      });
    } catch (err) {
      if (!isRecordError(err)) throw err;
    }
    return this.writeEach(rows, intakes);
  }

  /** The intakes of the written records, after them, in the same transaction. */
  private async writeIntakes(
    trx: Transaction<Database>,
    intakes: readonly (RecordIntake | null)[],
    failed: BatchOutcome['failed'],
  ): Promise<BatchOutcome['intakes']> {
    if (!intakes.some((i) => i !== null)) return [];
    const writer = this.intakeWriter;
    if (!writer) throw new Error('the recorder was given complaint intakes but no intake writer');
    for (const i of intakes) if (i) writer.knowSettings(i.live);
    return writer.writeAll(trx, intakesOfWritten(intakes, failed));
  }

  async close(): Promise<void> {}

  /** The batch again in one transaction, each record in a savepoint, so one bad record fails alone. */
  private async writeEach(
    rows: RecordRow[],
    intakes: readonly (RecordIntake | null)[],
  ): Promise<BatchOutcome> {
    const outcome: BatchOutcome = { failed: [], dropped: [], retried: true, intakes: [] };
    await this.db.transaction().execute(async (trx) => {
      for (const [index, [message, hits, events]] of rows.entries()) {
        const dropped: BatchOutcome['dropped'] = [];
        await raw(trx, 'savepoint recorder_record');
        try {
          await this.insert(trx, 'messages', [message]);
          await this.insert(trx, 'message_rule_hits', hits);
          for (const e of events) {
            await raw(trx, 'savepoint recorder_event');
            try {
              await this.insert(trx, 'blocklist_events', [e]);
              await raw(trx, 'release savepoint recorder_event');
            } catch (err) {
              if (!isMissingEntry(err)) throw err;
              await raw(trx, 'rollback to savepoint recorder_event');
              await raw(trx, 'release savepoint recorder_event');
              dropped.push({ index, eventId: String(e[0]), entryId: String(e[1]) });
            }
          }
          await raw(trx, 'release savepoint recorder_record');
          outcome.dropped.push(...dropped);
        } catch (err) {
          await raw(trx, 'rollback to savepoint recorder_record');
          await raw(trx, 'release savepoint recorder_record');
          outcome.failed.push({ index, error: err instanceof Error ? err : new Error(String(err)) });
        }
      }
      outcome.intakes = await this.writeIntakes(trx, intakes, outcome.failed);
    });
    return outcome;
  }

  private async insert(trx: Transaction<Database>, table: RecordTable, rows: SqlValue[][]): Promise<void> {
    const size = ROWS_PER_STATEMENT[table];
    for (let i = 0; i < rows.length; i += size) {
      const chunk = rows.length <= size ? rows : rows.slice(i, i + size);
      await trx.executeQuery(CompiledQuery.raw(insertSql(this.dialect, table, chunk.length), chunk.flat()));
    }
  }
}

const raw = (trx: Transaction<Database>, text: string) => trx.executeQuery(CompiledQuery.raw(text));
