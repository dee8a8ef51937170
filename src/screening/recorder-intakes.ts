// Complaint intakes on the recorder's SQLite writer thread (recorder-worker.ts).
//
// The thread writes each batch's intakes in the batch's own transaction, with
// the same ComplaintIntakeWriter the main thread uses, built here from plain
// data: the master key (its key ring is read from the database, and read again
// when the main thread's changes), the notification channels (the outbox only
// queues rows here; the main thread delivers them), and the complaint settings
// documents the main thread sends as it first uses each version. Loaded only
// when a batch first carries an intake, so a recorder without complaints never
// loads the analyser and word lists.
import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { AuditLog } from '../access/audit.js';
import { ComplaintIntakeWriter, type PreparedIntake } from '../complaints/intake-writer.js';
import { compileComplaintSettings } from '../complaints/team-settings.js';
import { createLogger } from '../core/logging.js';
import { createTransports } from '../notify/channels/index.js';
import { NotificationOutbox } from '../notify/outbox.js';
import { type Store, sqliteKysely } from '../storage/database.js';
import { loadKeyRing, refreshKeyRing } from '../storage/keys.js';
import type { Database } from '../storage/schema.js';
import type { WireIntake, WorkerIntakeSetup, WorkerRequest } from './recorder-rows.js';

export interface ThreadIntakes {
  db: Kysely<Database>;
  /** Brings keys and settings up to date with what the batch says the main thread has. */
  prepare(req: Extract<WorkerRequest, { type: 'write' }>): Promise<void>;
  /** Writes the intakes (null: a record without one) inside the caller's transaction. */
  write(trx: Kysely<Database>, intakes: readonly (PreparedIntake | null)[]): Promise<WireIntake[]>;
  close(): Promise<void>;
}

export async function createThreadIntakes(
  database: SQLite.Database,
  path: string,
  setup: WorkerIntakeSetup,
): Promise<ThreadIntakes> {
  const db = sqliteKysely(database);
  const store: Store = { db, dialect: 'sqlite', sqlitePath: path, gate: null, close: () => db.destroy() };
  const masterKey = Buffer.from(setup.masterKey);
  const keys = await loadKeyRing(store, masterKey);
  // The intake's own time (the main thread's clock), for the audit rows and the queued notices.
  let now = Date.now();
  const clock = { now: () => now };
  let writer: ComplaintIntakeWriter | null = null;
  const outbox = new NotificationOutbox(
    store,
    keys,
    clock,
    // Warnings of the outbox (a notice that cannot be sent is stored as failed, with its reason).
    createLogger(setup.logLevel),
    createTransports(setup.notify),
    { templates: () => writer?.current?.templates },
  );
  writer = new ComplaintIntakeWriter({
    keys,
    audit: new AuditLog(store, clock.now),
    notifier: () => outbox,
    clockTo: (at) => {
      now = at;
    },
    linkMessage: async (trx, messageId, complaintId) => {
      await trx
        .updateTable('messages')
        .set({ complaint_id: complaintId })
        .where('id', '=', messageId)
        .execute();
    },
  });
  const intakes = writer;
  return {
    db,
    async prepare(req) {
      if (req.keyState && req.keyState !== keys.state) await refreshKeyRing(store, keys, masterKey);
      for (const s of req.settings ?? []) {
        intakes.knowSettings(compileComplaintSettings(s.document, s.version));
      }
    },
    async write(trx, list) {
      const outcomes = await intakes.writeAll(trx, list);
      return outcomes.map((o): WireIntake => {
        if (o === null) return null;
        if (o.ok) {
          const { audit: _written, ...rest } = o.value;
          return [true, rest];
        }
        const err = o.error as { code?: unknown; message?: unknown } | null;
        return [
          false,
          typeof err?.code === 'string' ? err.code : null,
          err instanceof Error ? err.message : String(err?.message ?? err),
        ];
      });
    },
    close: () => db.destroy(),
  };
}
