// Runs every bench/*.bench.ts module that exports `run()`, prints a table per
// benchmark and writes bench/results/<name>.json with the command, date and machine.
// `npm run bench -- import` runs only the benchmarks whose name contains "import".
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What a benchmark module's `run()` returns. */
export interface BenchResult {
  /** Rows for console.table. */
  table: Record<string, string | number>[];
  /** Figures for the JSON record (rates, ratios, targets met). */
  figures: Record<string, unknown>;
}

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
// Modules that run at import time (no `run` export) are left alone: importing them would run them.
const exportsRun = /export\s+(async\s+)?function\s+run\s*\(|export\s+const\s+run\s*=/;

const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .filter((f) => exportsRun.test(readFileSync(join(here, f), 'utf8')))
  .sort();

if (files.length === 0) console.log('no benchmark module exports run()');
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  console.log(`\n== ${name} ==`);
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { run: () => Promise<BenchResult> };
  const started = Date.now();
  const result = await mod.run();
  console.table(result.table);
  mkdirSync(join(here, 'results'), { recursive: true });
  const record = {
    benchmark: name,
    command: `${Object.entries(process.env)
      .filter(([k]) => k.startsWith('BENCH_'))
      .map(([k, v]) => `${k}=${v} `)
      .join('')}npm run bench${only.length ? ` -- ${only.join(' ')}` : ''}`,
    date: new Date(started).toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 100) / 10,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
    },
    table: result.table,
    figures: result.figures,
  };
  writeFileSync(join(here, 'results', `${name}.json`), `${JSON.stringify(record, null, 2)}\n`);
  console.log(`wrote bench/results/${name}.json`);
}
