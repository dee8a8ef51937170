/**
 * Runs ImportPasses for the importer, in a worker thread (large files: the
 * second core reads, validates and seals while the main thread writes) or in
 * the calling thread (small files: no thread to start). The importer sees the
 * same messages either way.
 */
import type { Worker } from 'node:worker_threads';
import { type ErrorCode, WardenError } from '../core/errors.js';
import { spawnWorker } from '../core/worker.js';
import {
  ImportPasses,
  type ImportPassInput,
  type PassMessage,
  type PreparedBatch,
  type PrepareInput,
  type ValidatedBatch,
} from './import-passes.js';
import type { HeaderMap } from './import-rows.js';

/** Messages the worker may post before the main thread has taken them. */
export const WINDOW = 2;

export type WorkerCommand = { type: 'credit' } | { type: 'prepare'; input: PrepareInput };
export type WorkerReport =
  | PassMessage
  | { type: 'validate-done'; header: HeaderMap | null }
  | { type: 'prepare-done' }
  | { type: 'error'; error: SerialisedError };

interface SerialisedError {
  message: string;
  code?: ErrorCode;
  errors?: { field: string; message: string }[];
}

export function serialiseError(err: unknown): SerialisedError {
  if (err instanceof WardenError) return { message: err.message, code: err.code, errors: err.errors ?? [] };
  return { message: err instanceof Error ? err.message : String(err) };
}

function deserialiseError(e: SerialisedError): Error {
  return e.code
    ? new WardenError(e.code, e.message, e.errors?.length ? { errors: e.errors } : {})
    : new Error(`import worker: ${e.message}`);
}

export interface ImportPassRunner {
  /** Pass 1; `onBatch` is awaited before the next batch is handed over. */
  validate(onBatch: (b: ValidatedBatch) => Promise<void>): Promise<HeaderMap | null>;
  /** Pass 2; likewise. */
  prepare(input: PrepareInput, onBatch: (b: PreparedBatch) => Promise<void>): Promise<void>;
  /** Stops the thread, if any; safe to call more than once and after a failure. */
  close(): Promise<void>;
}

/** In the calling thread. */
export class LocalPassRunner implements ImportPassRunner {
  private readonly passes: ImportPasses;

  constructor(input: ImportPassInput) {
    this.passes = new ImportPasses(input);
  }

  validate(onBatch: (b: ValidatedBatch) => Promise<void>): Promise<HeaderMap | null> {
    return this.passes.validate((m) => onBatch(m as ValidatedBatch));
  }

  prepare(input: PrepareInput, onBatch: (b: PreparedBatch) => Promise<void>): Promise<void> {
    return this.passes.prepare(input, (m) => onBatch(m as PreparedBatch));
  }

  async close(): Promise<void> {}
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  onBatch: (m: PassMessage) => Promise<void>;
}

/** On a worker thread (import-worker.ts). */
export class WorkerPassRunner implements ImportPassRunner {
  private readonly worker: Worker;
  private pending: Pending | null = null;
  /** Batches are handled one after another, in the order they came. */
  private queue: Promise<void> = Promise.resolve();
  private failure: Error | null = null;
  private exited = false;

  constructor(input: ImportPassInput) {
    this.worker = spawnWorker(import.meta.url, './import-worker', input);
    this.worker.on('message', (r: WorkerReport) => this.onReport(r));
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', () => {
      this.exited = true;
      this.fail(new Error('the import worker stopped before it finished'));
    });
  }

  validate(onBatch: (b: ValidatedBatch) => Promise<void>): Promise<HeaderMap | null> {
    return this.expect(onBatch as (m: PassMessage) => Promise<void>) as Promise<HeaderMap | null>;
  }

  async prepare(input: PrepareInput, onBatch: (b: PreparedBatch) => Promise<void>): Promise<void> {
    const done = this.expect(onBatch as (m: PassMessage) => Promise<void>);
    this.worker.postMessage({ type: 'prepare', input } satisfies WorkerCommand);
    await done;
  }

  async close(): Promise<void> {
    this.pending = null;
    if (!this.exited) await this.worker.terminate();
  }

  private expect(onBatch: (m: PassMessage) => Promise<void>): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject, onBatch };
    });
  }

  private onReport(r: WorkerReport): void {
    if (r.type === 'error') {
      this.queue = this.queue.then(() => this.fail(deserialiseError(r.error)));
      return;
    }
    const pending = this.pending;
    if (!pending) return;
    switch (r.type) {
      case 'validated':
      case 'prepared':
        this.queue = this.queue
          .then(() => pending.onBatch(r))
          .then(() => {
            if (!this.failure && !this.exited)
              this.worker.postMessage({ type: 'credit' } satisfies WorkerCommand);
          })
          .catch((err: Error) => this.fail(err));
        return;
      case 'validate-done':
        this.queue = this.queue.then(() => this.settle(r.header));
        return;
      case 'prepare-done':
        this.queue = this.queue.then(() => this.settle(undefined));
        return;
    }
  }

  private settle(value: unknown): void {
    if (this.failure) return;
    const pending = this.pending;
    this.pending = null;
    pending?.resolve(value);
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    const pending = this.pending;
    this.pending = null;
    pending?.reject(err);
  }
}
