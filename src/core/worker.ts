import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts the worker module `name` (e.g. `./recorder-worker`) that sits beside
 * the module whose `import.meta.url` is `from`.
 *
 * From dist/ the worker is the compiled .js file. From the TypeScript sources
 * (Vitest, tsx) it is the .ts file, and the thread needs tsx's loader to run
 * it. Node 20 does not apply `--import tsx` given in a worker's execArgv before
 * the worker's entry module, so a two-line bootstrap registers tsx's ESM hooks
 * in the thread and then imports the worker.
 */
export function spawnWorker(from: string, name: string, workerData: unknown): Worker {
  if (!from.endsWith('.ts')) return new Worker(new URL(`${name}.js`, from), { workerData });
  // `tsx/esm/api` resolves to its CommonJS build through require; the ESM build sits beside it.
  const tsxApi = createRequire(from)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const entry = new URL(`${name}.ts`, from).href;
  const bootstrap = `import(${JSON.stringify(pathToFileURL(tsxApi).href)})
    .then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}
