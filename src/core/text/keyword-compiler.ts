import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../worker.js';
import { compile, type KeywordMatcher, type MatcherParts, matcherFromParts } from './aho-corasick.js';

/** Below this many keywords the compile takes a few milliseconds: not worth a thread. */
const THREAD_FROM_KEYWORDS = 1000;

interface Waiting {
  keywords: string[];
  resolve: (matcher: KeywordMatcher) => void;
  reject: (err: Error) => void;
}

/** The thread's answer: the typed arrays (transferred), without the keywords the caller has. */
type Reply =
  | { id: number; parts: Omit<MatcherParts, 'keywords' | 'normalised'>; changed: [number, string][] }
  | { id: number; parts?: undefined; error: string };

/**
 * Compiles keyword lists on a worker thread, so a rule change never pauses
 * screening for the build of a large automaton (10,000 keywords take ~30 ms;
 * the target is ≤ 10 ms of pause). The typed arrays come back by transfer and
 * the matcher is assembled from them without copying. Small lists compile in
 * place. The thread starts with the first large list and does not keep the
 * process alive when idle.
 */
export class KeywordCompiler {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();

  compile = (keywords: readonly string[]): Promise<KeywordMatcher> => {
    if (keywords.length < THREAD_FROM_KEYWORDS) return Promise.resolve(compile(keywords));
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    const copy = [...keywords];
    const onThread = new Promise<KeywordMatcher>((resolve, reject) => {
      this.waiting.set(id, { keywords: copy, resolve, reject });
      if (this.waiting.size === 1) worker.ref();
      worker.postMessage({ id, keywords: copy });
    });
    // A thread that could not start or died: the same matcher, built here.
    return onThread.catch(() => compile(keywords));
  };

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error('the keyword compiler is closed'));
    await worker?.terminate();
  }

  private start(): Worker {
    const worker = spawnWorker(import.meta.url, './keyword-worker', null);
    worker.unref();
    worker.on('message', (m: Reply) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (this.waiting.size === 0) worker.unref();
      if (!m.parts) {
        w.reject(new Error(`keyword compile failed: ${m.error}`));
        return;
      }
      const normalised = w.keywords.slice();
      for (const [i, n] of m.changed) normalised[i] = n;
      w.resolve(matcherFromParts({ ...m.parts, keywords: w.keywords, normalised }));
    });
    const lost = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      this.failAll(err);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the keyword compiler thread stopped (exit ${code})`)));
    this.worker = worker;
    return worker;
  }

  private failAll(err: Error): void {
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of waiting) w.reject(err);
  }
}
