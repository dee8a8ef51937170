import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import type { LiveComplaintSettings } from '../complaints/team-settings.js';
import { spawnWorker } from '../core/worker.js';
import type { WriteGate } from '../storage/write-gate.js';
import {
  type BatchOutcome,
  errorOf,
  intakesOfWritten,
  type RecorderWorkerData,
  type RecordIntake,
  type RecordRow,
  type RecordWriter,
  type WireIntake,
  type WorkerIntakeSetup,
  type WorkerReply,
  type WorkerRequest,
} from './recorder-rows.js';

interface InFlight {
  resolve: (outcome: BatchOutcome) => void;
  reject: (err: Error) => void;
}

/**
 * Writes record batches to SQLite on a dedicated worker thread with its own
 * connection (WAL, synchronous=FULL): the fsync of each commit is waited for
 * there, so the event loop keeps screening meanwhile. The thread starts with
 * the first batch (commands that never screen never start it) and is started
 * again if it dies.
 */
export class SqliteWorkerWriter implements RecordWriter {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly inFlight = new Map<number, InFlight>();
  /** Milliseconds the worker spent in its transactions, for the recorder's stats. */
  busyMs = 0;
  /** Complaint intakes: what the thread needs to write them, and the main thread's key ring state. */
  private intakeSetup: { setup: WorkerIntakeSetup; keyState: () => string } | null = null;
  /** The settings object each version was sent to the running thread as (resent if it changes). */
  private sentSettings = new Map<number, LiveComplaintSettings>();

  constructor(
    private readonly path: string,
    /** The turn the main connection takes too: a batch is written only in ours. */
    private readonly gate: WriteGate | null = null,
    private readonly busyTimeoutMs = 5000,
  ) {}

  /** Lets batches carry complaint intakes, written on the thread in the batch's transaction. */
  takeIntakes(setup: WorkerIntakeSetup, keyState: () => string): void {
    this.intakeSetup = { setup, keyState };
    if (this.worker) this.worker.postMessage({ type: 'setup', setup } satisfies WorkerRequest);
  }

  async write(rows: RecordRow[], intakes: readonly (RecordIntake | null)[] = []): Promise<BatchOutcome> {
    const passTurn = await this.gate?.acquire();
    try {
      return await this.post(rows, intakes);
    } finally {
      passTurn?.();
    }
  }

  private post(rows: RecordRow[], intakes: readonly (RecordIntake | null)[]): Promise<BatchOutcome> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    const req: WorkerRequest = { type: 'write', id, rows };
    if (intakes.some((i) => i !== null)) {
      const settings: NonNullable<typeof req.settings> = [];
      if (!this.intakeSetup) throw new Error('the recorder was given complaint intakes but no intake setup');
      req.intakes = intakesOfWritten(intakes, []);
      req.keyState = this.intakeSetup.keyState();
      for (const i of intakes) {
        if (!i || this.sentSettings.get(i.live.version) === i.live) continue;
        this.sentSettings.set(i.live.version, i.live);
        // The thread keeps twice as many (ComplaintIntakeWriter), so any version still counted as sent is there.
        for (const v of this.sentSettings.keys()) {
          if (this.sentSettings.size <= 4) break;
          this.sentSettings.delete(v);
        }
        settings.push({ version: i.live.version, document: i.live.document });
      }
      if (settings.length) req.settings = settings;
    }
    return new Promise<BatchOutcome>((resolve, reject) => {
      this.inFlight.set(id, { resolve, reject });
      // Keep the process alive while a batch is out; an idle writer does not.
      if (this.inFlight.size === 1) worker.ref();
      worker.postMessage(req);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    const exited = once(worker, 'exit');
    worker.ref();
    const req: WorkerRequest = { type: 'close' };
    worker.postMessage(req);
    await exited;
  }

  private start(): Worker {
    const data: RecorderWorkerData = { path: this.path, busyTimeoutMs: this.busyTimeoutMs };
    const worker = spawnWorker(import.meta.url, './recorder-worker', data);
    // A new thread knows no settings yet; it is set up before its first batch.
    this.sentSettings = new Map();
    if (this.intakeSetup)
      worker.postMessage({ type: 'setup', setup: this.intakeSetup.setup } satisfies WorkerRequest);
    worker.on('message', (reply: WorkerReply) => this.onReply(worker, reply));
    worker.on('error', (err) => this.failAll(worker, err));
    worker.on('exit', (code) => this.failAll(worker, new Error(`recorder worker exited (code ${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private onReply(worker: Worker, reply: WorkerReply): void {
    const waiting = this.inFlight.get(reply.id);
    if (!waiting) return;
    this.inFlight.delete(reply.id);
    if (this.inFlight.size === 0) worker.unref();
    this.busyMs += reply.ms;
    if (reply.type === 'failed') {
      waiting.reject(errorOf(reply.code, reply.message));
      return;
    }
    waiting.resolve({
      failed: reply.failed.map(([index, code, message]) => ({ index, error: errorOf(code, message) })),
      dropped: reply.dropped.map(([index, eventId, entryId]) => ({ index, eventId, entryId })),
      retried: reply.retried,
      intakes: (reply.intakes ?? []).map(fromWire),
    });
  }

  /** The worker died: whatever it had not answered is not known to be written. */
  private failAll(worker: Worker, err: Error): void {
    if (this.worker === worker) this.worker = null;
    const waiting = [...this.inFlight.values()];
    this.inFlight.clear();
    for (const w of waiting) w.reject(err);
  }
}

function fromWire(w: WireIntake): BatchOutcome['intakes'][number] {
  if (w === null) return null;
  if (w[0]) return { ok: true, value: { ...w[1], audit: [] } };
  return { ok: false, error: errorOf(w[1], w[2]) };
}
