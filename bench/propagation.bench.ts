// Change propagation and restart-to-ready.
//
// How long a committed change takes to be in force on every server: made
// through the API of one node, or by another process on the same database
// (what `warden <command>` is), on the embedded default (SQLite) and on two
// nodes sharing PostgreSQL and Redis. And how long a server with a large
// blocklist takes from start to ready (createApp returns = /readyz 200).
//
// BENCH_QUICK=1: 100 changes, 100,000 entries for the restart (default 300 and 1,000,000).
// BENCH_PROPAGATION_PG=0 skips the cluster part (it starts a throwaway PostgreSQL and redis-server).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { systemContext } from '../src/access/audit.js';
import { type App, createApp } from '../src/app.js';
import { fileSha256, importerFor } from '../src/blocklist/import.js';
import { detectFormat } from '../src/blocklist/import-rows.js';
import { BLOCKLIST_SNAPSHOT_FILE } from '../src/blocklist/index-snapshot.js';
import { loadConfig } from '../src/core/config.js';
import { createLogger } from '../src/core/logging.js';
import { startPostgres } from '../test/helpers/postgres.js';
import { startRedis } from '../test/helpers/redis.js';
import type { BenchResult } from './run.js';

const quick = process.env.BENCH_QUICK === '1';
const CHANGES = quick ? 100 : 300;
const RESTART_ENTRIES = Number(process.env.BENCH_RESTART_ENTRIES ?? (quick ? 100_000 : 1_000_000));
const TARGET_P99_MS = 1_000;
const TARGET_RESTART_S = 10;

const phone = (i: number) => `137${String(i).padStart(8, '0')}`;

async function open(env: Record<string, string>): Promise<App> {
  return createApp(loadConfig({ WARDEN_LOG_LEVEL: 'silent', ...env }), { log: createLogger('silent') });
}

const blocked = (app: App, value: string) =>
  app.blocklist.evaluate(
    { identifiers: [{ type: 'phone', value: `+86${value}` }], customerId: null },
    'sms',
    null,
  ).decision === 'block';

/** Adds one entry on `writer`; returns ms from its commit until every reader blocks the number. */
async function oneChange(writer: App, readers: App[], i: number): Promise<number> {
  await writer.blocklist.create(systemContext, {
    identifier: { type: 'phone', value: phone(i) },
    category: 'harassment',
    reason: 'propagation',
  });
  const committed = performance.now();
  for (;;) {
    if (readers.every((r) => blocked(r, phone(i)))) return performance.now() - committed;
    if (performance.now() - committed > 10_000) throw new Error(`change ${i} never arrived`);
    await new Promise((r) => setImmediate(r));
  }
}

function stats(ms: number[]): { p50: number; p99: number; max: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  const r = (x: number) => Math.round(x * 10) / 10;
  return { p50: r(at(0.5)), p99: r(at(0.99)), max: r(s[s.length - 1] ?? 0) };
}

async function series(label: string, writer: App, readers: App[], from: number) {
  const ms: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    ms.push(await oneChange(writer, readers, from + i));
    // Changes spread in time, not one burst: each lands at a random point of the poll interval.
    await new Promise((r) => setTimeout(r, Math.random() * 50));
  }
  return { label, ...stats(ms) };
}

async function importEntries(app: App, dir: string, count: number): Promise<void> {
  const path = join(dir, 'restart.csv');
  const lines = ['phone,level,category,reason'];
  for (let i = 0; i < count; i++) lines.push(`${phone(10_000_000 + i)},1,harassment,restart ${i}`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  const format = await detectFormat(path);
  if (!format) throw new Error('not a CSV');
  const importer = importerFor(app);
  const jobId = await importer.createJob(systemContext, {
    fileName: 'restart.csv',
    fileHash: await fileSha256(path),
    dryRun: false,
    skipInvalid: false,
  });
  await importer.run(systemContext, jobId, {
    path,
    fileName: 'restart.csv',
    format,
    dryRun: false,
    skipInvalid: false,
    confirm: false,
  });
}

export async function run(): Promise<BenchResult> {
  const rows: { label: string; p50: number; p99: number; max: number }[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-prop-'));
  const masterKey = randomBytes(32).toString('base64');
  let restartSeconds = 0;
  let rowsRestartSeconds = 0;
  let snapshotMs = 0;
  let snapshotBytes = 0;
  try {
    // Embedded: the server and a second process (the CLI) on one SQLite file.
    const server = await open({ WARDEN_DATA_DIR: dir, WARDEN_MASTER_KEY: masterKey });
    const cli = await open({ WARDEN_DATA_DIR: dir, WARDEN_MASTER_KEY: masterKey });
    rows.push(await series('SQLite: API change, same server', server, [server], 0));
    rows.push(await series('SQLite: CLI change → running server', cli, [server], 100_000));
    await cli.close();

    // Restart-to-ready with a large index.
    await importEntries(server, dir, RESTART_ENTRIES);
    await server.close(); // writes the index snapshot
    snapshotBytes = statSync(join(dir, BLOCKLIST_SNAPSHOT_FILE)).size;
    const restart = async (): Promise<number> => {
      const started = performance.now();
      const again = await open({ WARDEN_DATA_DIR: dir, WARDEN_MASTER_KEY: masterKey });
      const seconds = (performance.now() - started) / 1000;
      if (!blocked(again, phone(10_000_000 + RESTART_ENTRIES - 1))) throw new Error('restart lost entries');
      if (again.blocklist.lastLoad?.source === 'snapshot') snapshotMs = again.blocklist.lastLoad.ms;
      await again.close();
      return seconds;
    };
    // From the snapshot the last close wrote, then (baseline, same run) from the rows alone.
    restartSeconds = await restart();
    rmSync(join(dir, BLOCKLIST_SNAPSHOT_FILE));
    rowsRestartSeconds = await restart();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  if (process.env.BENCH_PROPAGATION_PG !== '0') {
    const pgServer = await startPostgres();
    const redis = await startRedis();
    if (pgServer && redis) {
      const admin = new pg.Client({ connectionString: pgServer.url });
      await admin.connect();
      await admin.query('create database warden_prop');
      await admin.end();
      const env = {
        WARDEN_DATABASE_URL: pgServer.url.replace(/\/postgres$/, '/warden_prop'),
        WARDEN_REDIS_URL: redis.url,
        WARDEN_MASTER_KEY: masterKey,
        WARDEN_DATA_DIR: mkdtempSync(join(tmpdir(), 'warden-bench-prop-')),
      };
      const a = await open(env);
      const b = await open(env);
      const c = await open(env);
      try {
        rows.push(await series('2 nodes: API change on A → B', a, [b], 200_000));
        rows.push(await series('2 nodes: CLI change → A and B', c, [a, b], 300_000));
      } finally {
        await c.close();
        await b.close();
        await a.close();
        pgServer.stop();
        await redis.stop();
      }
    } else console.log('PostgreSQL or redis-server not installed: cluster part skipped');
  }

  const table: Record<string, string | number>[] = rows.map((r) => ({
    what: r.label,
    'p50 ms': r.p50,
    'p99 ms': r.p99,
    'max ms': r.max,
    target: `p99 ≤ ${TARGET_P99_MS} ms`,
    met: r.p99 <= TARGET_P99_MS ? 'yes' : 'NO',
  }));
  const perEntry = (s: number) => s / RESTART_ENTRIES;
  table.push(
    {
      what: `restart to ready, ${RESTART_ENTRIES.toLocaleString('en')} entries (SQLite), from the index snapshot`,
      'p50 ms': Math.round(restartSeconds * 1000),
      'p99 ms': '',
      'max ms': '',
      target: `≤ ${TARGET_RESTART_S} s`,
      met: restartSeconds <= TARGET_RESTART_S ? 'yes' : 'NO',
    },
    {
      what: '  … of which the index (read, check, replay); 10M extrapolated',
      'p50 ms': snapshotMs,
      'p99 ms': '',
      'max ms': '',
      target: `10M ≤ ${TARGET_RESTART_S} s (→ ${((snapshotMs / 1000 / RESTART_ENTRIES) * 10_000_000).toFixed(1)} s)`,
      met: (snapshotMs / 1000 / RESTART_ENTRIES) * 10_000_000 <= TARGET_RESTART_S ? 'yes' : 'NO',
    },
    {
      what: '  baseline: the same restart reading every row (no snapshot); 10M extrapolated',
      'p50 ms': Math.round(rowsRestartSeconds * 1000),
      'p99 ms': '',
      'max ms': '',
      target: `→ ${(perEntry(rowsRestartSeconds) * 10_000_000).toFixed(1)} s`,
      met: 'reference',
    },
  );
  return {
    table,
    figures: {
      changesPerSeries: CHANGES,
      pollMs: Number(process.env.WARDEN_FEED_POLL_MS ?? 100),
      propagation: rows,
      restart: {
        entries: RESTART_ENTRIES,
        seconds: Math.round(restartSeconds * 100) / 100,
        fromSnapshot: {
          indexMs: snapshotMs,
          snapshotBytes,
          bytesPerEntry: Math.round((snapshotBytes / RESTART_ENTRIES) * 10) / 10,
        },
        fromRowsSeconds: Math.round(rowsRestartSeconds * 100) / 100,
      },
      targets: { p99Ms: TARGET_P99_MS, restartSeconds: TARGET_RESTART_S },
    },
  };
}
