/** The keyword compiler's thread: compiles keyword lists into matcher parts (see KeywordCompiler). */
import { parentPort } from 'node:worker_threads';
import { compileParts, transferablesOf } from './aho-corasick.js';

const port = parentPort;
if (!port) throw new Error('keyword-worker runs as a worker thread');

port.on('message', ({ id, keywords }: { id: number; keywords: string[] }) => {
  try {
    const parts = compileParts(keywords);
    port.postMessage({ id, parts }, transferablesOf(parts));
  } catch (err) {
    port.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
