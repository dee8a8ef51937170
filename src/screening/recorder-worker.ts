// The SQLite writer thread of the message recorder (see recorder-sqlite.ts).
// better-sqlite3 waits for fsync (synchronous=FULL) on the calling thread, so
// the group commits run here, on their own connection to the same file, and
// the main thread's event loop never waits on the disk.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import type { ThreadIntakes } from './recorder-intakes.js';
import {
  insertSql,
  isMissingEntry,
  isRecordError,
  type RecorderWorkerData,
  type RecordRow,
  type WorkerIntakeSetup,
  type WorkerReply,
  type WorkerRequest,
} from './recorder-rows.js';

const port = parentPort;
if (!port) throw new Error('recorder-worker runs as a worker thread');
const data = workerData as RecorderWorkerData;

const db = new SQLite(data.path);
// The same settings as the main connection (storage/database.ts): a commit is on disk when it returns.
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
db.pragma(`busy_timeout = ${Math.max(0, Math.floor(data.busyTimeoutMs))}`);

const insertMessage = db.prepare(insertSql('sqlite', 'messages', 1));
const insertHit = db.prepare(insertSql('sqlite', 'message_rule_hits', 1));
const insertEvent = db.prepare(insertSql('sqlite', 'blocklist_events', 1));

// One transaction per batch. IMMEDIATE takes the write lock at BEGIN, so a
// busy database costs one wait (busy_timeout), not one per statement.
const writeAll = db.transaction((rows: RecordRow[]) => {
  for (const [message, hits, events] of rows) {
    insertMessage.run(message);
    for (const h of hits) insertHit.run(h);
    for (const e of events) insertEvent.run(e);
  }
});

/** One record in a savepoint (nested transaction); violations of deleted entries are left out. */
const writeOne = db.transaction((row: RecordRow, dropped: [string, string][]) => {
  const [message, hits, events] = row;
  insertMessage.run(message);
  for (const h of hits) insertHit.run(h);
  for (const e of events) {
    try {
      insertEvent.run(e);
    } catch (err) {
      // A failed statement rolls back only itself; the record goes on without this event.
      if (!isMissingEntry(err)) throw err;
      dropped.push([String(e[0]), String(e[1])]);
    }
  }
});

const writeEach = db.transaction((rows: RecordRow[]) => {
  const failed: [number, string | null, string][] = [];
  const dropped: [number, string, string][] = [];
  rows.forEach((row, index) => {
    const mine: [string, string][] = [];
    try {
      writeOne(row, mine);
      for (const [eventId, entryId] of mine) dropped.push([index, eventId, entryId]);
    } catch (err) {
      failed.push([index, codeOf(err), messageOf(err)]);
    }
  });
  return { failed, dropped };
});

function codeOf(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}
const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Complaint intakes: set up by the main thread, built at the first batch that carries one. */
let intakeSetup: WorkerIntakeSetup | null = null;
let intakes: Promise<ThreadIntakes> | null = null;

function threadIntakes(): Promise<ThreadIntakes> {
  if (!intakeSetup)
    return Promise.reject(new Error('complaint intakes were not set up on the writer thread'));
  const setup = intakeSetup;
  intakes ??= import('./recorder-intakes.js').then((m) => m.createThreadIntakes(db, data.path, setup));
  // A failed start is tried again with the next batch.
  intakes.catch(() => {
    intakes = null;
  });
  return intakes;
}

/**
 * A batch with complaint intakes: the records as `write` writes them (nested
 * in this transaction, so as savepoints), then the intakes of the records
 * that were written, each in its own savepoint, then their audit rows; one
 * commit for all of it.
 */
async function writeWithIntakes(req: Extract<WorkerRequest, { type: 'write' }>): Promise<WorkerReply> {
  const t0 = performance.now();
  const { id, rows } = req;
  try {
    const t = await threadIntakes();
    await t.prepare(req);
    return await t.db.transaction().execute(async (trx) => {
      let failed: [number, string | null, string][] = [];
      let dropped: [number, string, string][] = [];
      let retried = false;
      try {
        writeAll(rows);
      } catch (err) {
        if (!isRecordError(err)) throw err;
        ({ failed, dropped } = writeEach(rows));
        retried = true;
      }
      const list = (req.intakes ?? []).slice();
      for (const [index] of failed) list[index] = null;
      const written = await t.write(trx, list);
      return { type: 'written', id, failed, dropped, retried, intakes: written, ms: performance.now() - t0 };
    });
  } catch (err) {
    return { type: 'failed', id, code: codeOf(err), message: messageOf(err), ms: performance.now() - t0 };
  }
}

function write(id: number, rows: RecordRow[]): WorkerReply {
  const t0 = performance.now();
  try {
    writeAll.immediate(rows);
    return { type: 'written', id, failed: [], dropped: [], retried: false, ms: performance.now() - t0 };
  } catch (err) {
    if (!isRecordError(err))
      return { type: 'failed', id, code: codeOf(err), message: messageOf(err), ms: performance.now() - t0 };
  }
  try {
    const { failed, dropped } = writeEach.immediate(rows);
    return { type: 'written', id, failed, dropped, retried: true, ms: performance.now() - t0 };
  } catch (err) {
    return { type: 'failed', id, code: codeOf(err), message: messageOf(err), ms: performance.now() - t0 };
  }
}

// One request at a time, in order: a batch with intakes awaits its (synchronous underneath) queries.
let turn: Promise<void> = Promise.resolve();
port.on('message', (req: WorkerRequest) => {
  turn = turn
    .then(() => handle(req))
    .catch((err: unknown) => {
      // Not expected (handle answers its own failures); the batch's caller would wait for ever otherwise.
      console.error('recorder worker:', err);
      process.exit(1);
    });
});

async function handle(req: WorkerRequest): Promise<void> {
  if (req.type === 'setup') {
    intakeSetup = req.setup;
    // Loaded now, beside the first batches, so the first complaint does not wait for it.
    threadIntakes().catch(() => undefined);
  } else if (req.type === 'write') {
    port?.postMessage(req.intakes ? await writeWithIntakes(req) : write(req.id, req.rows));
  } else {
    const t = await intakes?.catch(() => null);
    if (t) await t.close();
    else db.close();
    port?.close();
  }
}
