import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../core/worker.js';
import type { WriteGate } from '../storage/write-gate.js';
import {
  type BatchOutcome,
  errorOf,
  type RecorderWorkerData,
  type RecordRow,
  type RecordWriter,
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

  constructor(
    private readonly path: string,
    /** The turn the main connection takes too: a batch is written only in ours. */
    private readonly gate: WriteGate | null = null,
    private readonly busyTimeoutMs = 5000,
  ) {}

  async write(rows: RecordRow[]): Promise<BatchOutcome> {
    const passTurn = await this.gate?.acquire();
    try {
      return await this.post(rows);
    } finally {
      passTurn?.();
    }
  }

  private post(rows: RecordRow[]): Promise<BatchOutcome> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<BatchOutcome>((resolve, reject) => {
      this.inFlight.set(id, { resolve, reject });
      // Keep the process alive while a batch is out; an idle writer does not.
      if (this.inFlight.size === 1) worker.ref();
      const req: WorkerRequest = { type: 'write', id, rows };
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
