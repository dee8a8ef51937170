/** The keyword compiler's thread: compiles keyword lists into matcher parts (see KeywordCompiler). */
import { parentPort } from 'node:worker_threads';
import { compileParts, transferablesOf } from './aho-corasick.js';

const port = parentPort;
if (!port) throw new Error('keyword-worker runs as a worker thread');

port.on('message', ({ id, keywords }: { id: number; keywords: string[] }) => {
  try {
    const { keywords: _given, normalised, ...parts } = compileParts(keywords);
    // The caller has the keywords; of their normalised forms only those that differ
    // come back (none, for the rules compiler, which hands over normalised keywords).
    const changed: [number, string][] = [];
    normalised.forEach((n, i) => {
      if (n !== keywords[i]) changed.push([i, n]);
    });
    port.postMessage({ id, parts, changed }, transferablesOf({ keywords, normalised, ...parts }));
  } catch (err) {
    port.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
