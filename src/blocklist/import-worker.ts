/**
 * The import worker thread: runs ImportPasses on the file and posts what it
 * finds to the main thread, at most WINDOW messages ahead of what the main
 * thread has taken (it answers each with `credit`), so memory stays bounded
 * however fast the file reads.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type Emit, ImportPasses, type ImportPassInput, type PrepareInput } from './import-passes.js';
import { serialiseError, WINDOW, type WorkerCommand, type WorkerReport } from './import-runner.js';

const port = parentPort;
if (!port) throw new Error('import-worker runs as a worker thread');
const passes = new ImportPasses(workerData as ImportPassInput);

let credits = WINDOW;
let waiting: (() => void) | null = null;
const emit: Emit = async (message) => {
  port.postMessage(message satisfies WorkerReport);
  credits--;
  if (credits <= 0) await new Promise<void>((resolve) => (waiting = resolve));
};

const report = (r: WorkerReport) => port.postMessage(r);
const fail = (err: unknown) => report({ type: 'error', error: serialiseError(err) });

port.on('message', (command: WorkerCommand) => {
  if (command.type === 'credit') {
    credits++;
    const resume = waiting;
    waiting = null;
    resume?.();
  } else if (command.type === 'prepare') {
    const input: PrepareInput = command.input;
    passes.prepare(input, emit).then(() => report({ type: 'prepare-done' }), fail);
  }
});

passes.validate(emit).then((header) => report({ type: 'validate-done', header }), fail);
