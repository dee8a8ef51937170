// Import throughput on the embedded default (SQLite), against a bare
// prepared-insert loop into the same schema measured in the same run.
// BENCH_IMPORT_ROWS scales it (default 1,000,000); BENCH_IMPORT_PG=1 also imports into PostgreSQL.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import type { AuditContext } from '../src/access/audit.js';
import { type App, createApp } from '../src/app.js';
import { BATCH_ROWS, type ImportJob, importerFor } from '../src/blocklist/import.js';
import { loadConfig } from '../src/core/config.js';
import { newId } from '../src/core/ids.js';
import { createLogger } from '../src/core/logging.js';
import { SQLITE_CACHE_KIB, SQLITE_FILE } from '../src/storage/database.js';
import { startPostgres } from '../test/helpers/postgres.js';
import type { BenchResult } from './run.js';
import { mobilePrefixes } from './screen.bench.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const ctx: AuditContext = { actor: { type: 'cli', id: null, role: 'admin' }, requestId: null };
const categories = ['harassment', 'complaint_abuse', 'fraud', 'spam'];
const reasons = ['多次辱骂客服', '每天几十条重复投诉', '冒充客服诈骗', '群发广告短信', '恶意差评威胁'];

/** Row i: a mobile (60 %), an e-mail (25 %) or a user id (15 %), all distinct. */
function rowOf(i: number): [string, string, string, string, string] {
  const k = i % 20;
  const phone = k < 12 ? `${mobilePrefixes[i % mobilePrefixes.length]}${String(i).padStart(8, '0')}` : '';
  const email = k >= 12 && k < 17 ? `user${i}@example${i % 7}.com` : '';
  const user = k >= 17 ? `u-${i}` : '';
  return [phone, email, user, categories[i % 4] as string, `${reasons[i % reasons.length]} #${i}`];
}

async function writeCsv(path: string, rows: number, badLine?: number): Promise<void> {
  const out = createWriteStream(path);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write('手机号,邮箱,用户ID,分类,原因\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const line = i + 2;
    const r = line === badLine ? ['1390000', '', '', 'spam', 'short number'] : rowOf(i);
    chunk += `${r.join(',')}\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((r) => out.end(() => r()));
}

async function freshApp(dir: string, databaseUrl?: string): Promise<App> {
  return createApp(
    loadConfig({
      WARDEN_DATA_DIR: dir,
      WARDEN_LOG_LEVEL: 'silent',
      ...(databaseUrl ? { WARDEN_DATABASE_URL: databaseUrl } : {}),
    }),
    { log: createLogger('silent') },
  );
}

/**
 * BENCH_IMPORT_PG=1: the same file into a throwaway PostgreSQL started from the
 * system's binaries (as the tests do). DESIGN's figure for it is absolute
 * (≥ 200,000 rows/s), so no baseline loop here.
 */
async function importIntoPostgres(dir: string, file: string): Promise<{ ms: number } | null> {
  if (process.env.BENCH_IMPORT_PG !== '1') return null;
  const pg = await startPostgres();
  if (!pg) throw new Error('BENCH_IMPORT_PG=1 needs PostgreSQL installed (initdb, pg_ctl)');
  try {
    const app = await freshApp(join(dir, 'pg-data'), pg.url);
    try {
      const run = await importFile(app, file, () => undefined);
      if (run.job.report.created !== ROWS)
        throw new Error(`PostgreSQL import created ${run.job.report.created}`);
      return { ms: run.ms };
    } finally {
      await app.close();
    }
  } finally {
    pg.stop();
  }
}

async function importFile(
  app: App,
  path: string,
  onSample: () => void,
): Promise<{ job: ImportJob; ms: number }> {
  const importer = importerFor(app);
  const id = await importer.createJob(ctx, {
    fileName: 'bench.csv',
    fileHash: 'bench',
    dryRun: false,
    skipInvalid: false,
  });
  const timer = setInterval(onSample, 20);
  const t0 = performance.now();
  try {
    const job = await importer.run(ctx, id, {
      path,
      fileName: 'bench.csv',
      format: 'csv',
      dryRun: false,
      skipInvalid: false,
      confirm: false,
    });
    return { job, ms: performance.now() - t0 };
  } finally {
    clearInterval(timer);
  }
}

/**
 * The baseline: better-sqlite3, one prepared INSERT per row, one transaction
 * per BATCH_ROWS rows, values computed beforehand (outside the timed part).
 */
async function baseline(dir: string, withEvents: boolean): Promise<number> {
  const app = await freshApp(dir);
  // The same kind of values the import writes: ciphertext, blind index, ids, JSON.
  const enc = (s: string) => app.keys.encrypt(s);
  const index = (t: string, v: string) => app.keys.blindIndex(t, v);
  await app.close();
  const db = new SQLite(join(dir, SQLITE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // The connection as the app configures its own (the same page cache).
  db.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  const insertEntry = db.prepare(
    `insert into blocklist_entries (id, customer_id, identifier_type, identifier_enc, identifier_index, target_key, level, limit_max, limit_window, allowed_channels, category, reason_enc, source, owner_id, created_by, state, starts_at, expires_at, review_at, released_at, import_id, created_at, updated_at)
     values (?, null, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, 'import', null, null, 'approved', null, null, ?, null, ?, ?, ?)`,
  );
  const insertEvent = db.prepare(
    `insert into blocklist_events (id, entry_id, at, kind, actor_type, actor_id, detail, note_enc) values (?, ?, ?, 'created', 'cli', null, ?, null)`,
  );
  let timed = 0;
  const now = Date.now();
  for (let start = 0; start < ROWS; start += BATCH_ROWS) {
    const batch: unknown[][] = [];
    for (let i = start; i < Math.min(ROWS, start + BATCH_ROWS); i++) {
      const [phone, email, user, category, reason] = rowOf(i);
      const type = phone ? 'phone' : email ? 'email' : 'user_id';
      const value = phone ? `+86${phone}` : email || user;
      const ix = index(type, value);
      const level = category === 'complaint_abuse' || category === 'spam' ? 2 : 1;
      batch.push([
        newId('blocklistEntry', now),
        type,
        enc(value),
        ix,
        `i:${ix}`,
        level,
        level === 2 ? 5 : null,
        level === 2 ? 86_400 : null,
        category,
        enc(reason),
        now + 90 * 86_400_000,
        'imp_bench',
        now,
        now,
        newId('event', now),
        JSON.stringify({ level, category, source: 'import', importId: 'imp_bench', status: 'active' }),
      ]);
    }
    const t0 = performance.now();
    db.transaction(() => {
      for (const b of batch) {
        insertEntry.run(b.slice(0, 14));
        if (withEvents) insertEvent.run(b[14], b[0], now, b[15]);
      }
    })();
    timed += performance.now() - t0;
  }
  db.close();
  return timed;
}

export async function run(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-import-'));
  try {
    const file = join(dir, 'big.csv');
    await writeCsv(file, ROWS);
    const bad = join(dir, 'bad.csv');
    await writeCsv(bad, 10_000, 6_002);

    // The baseline runs before and after the import and counts as their mean:
    // this machine's disk and CPU drift over minutes, and both sides should see the same drift.
    const baseBeforeMs = await baseline(join(dir, 'base-before'), true);

    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sample = () => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    };
    const app = await freshApp(join(dir, 'data'));
    let first: { job: ImportJob; ms: number };
    let second: { job: ImportJob; ms: number };
    let rejected: { job: ImportJob; ms: number };
    try {
      first = await importFile(app, file, sample);
      sample();
      if (first.job.report.created !== ROWS)
        throw new Error(`first import created ${first.job.report.created}`);
      second = await importFile(app, file, () => undefined);
      const r2 = second.job.report;
      if (r2.created !== 0 || r2.updated !== 0 || r2.unchanged !== ROWS)
        throw new Error(`second import was not a no-op: ${JSON.stringify(r2)}`);
      rejected = await importFile(app, bad, () => undefined);
      const r3 = rejected.job.report;
      if (r3.created !== 0 || r3.invalid !== 1 || r3.errors[0]?.line !== 6_002)
        throw new Error(`bad file: ${JSON.stringify(r3)}`);
    } finally {
      await app.close();
    }

    const baseAfterMs = await baseline(join(dir, 'base-after'), true);
    const postgres = await importIntoPostgres(dir, file);
    const baseEventsMs = (baseBeforeMs + baseAfterMs) / 2;
    const baseEntriesMs = await baseline(join(dir, 'base-entries'), false);
    const rate = (ms: number) => Math.round(ROWS / (ms / 1000));
    const importRate = rate(first.ms);
    const pctEvents = Math.round((importRate / rate(baseEventsMs)) * 1000) / 10;
    const pctEntries = Math.round((importRate / rate(baseEntriesMs)) * 1000) / 10;
    const mib = (b: number) => Math.round(b / 2 ** 20);
    return {
      table: [
        { what: `import ${ROWS} rows (CSV → SQLite)`, seconds: first.ms / 1000, 'rows/s': importRate },
        {
          what: 'second import of the same file (no-op)',
          seconds: second.ms / 1000,
          'rows/s': rate(second.ms),
        },
        {
          what: '10,000 rows, one bad (rejected, line named)',
          seconds: rejected.ms / 1000,
          'rows/s': Math.round(10_000 / (rejected.ms / 1000)),
        },
        {
          what: 'baseline: prepared inserts, entries + events (mean)',
          seconds: baseEventsMs / 1000,
          'rows/s': rate(baseEventsMs),
        },
        {
          what: '  … of which: before the import / after it',
          seconds: baseBeforeMs / 1000,
          'rows/s': `${rate(baseBeforeMs)} / ${rate(baseAfterMs)}`,
        },
        {
          what: 'baseline: prepared inserts, entries only',
          seconds: baseEntriesMs / 1000,
          'rows/s': rate(baseEntriesMs),
        },
        { what: 'import as % of baseline (entries + events)', seconds: 0, 'rows/s': pctEvents },
        { what: 'import as % of baseline (entries only)', seconds: 0, 'rows/s': pctEntries },
        { what: 'peak RSS during import (MiB)', seconds: 0, 'rows/s': mib(peakRss) },
        ...(postgres
          ? [
              {
                what: `import ${ROWS} rows (CSV → PostgreSQL, target ≥ 200,000 rows/s)`,
                seconds: postgres.ms / 1000,
                'rows/s': rate(postgres.ms),
              },
            ]
          : []),
      ],
      figures: {
        rows: ROWS,
        importRowsPerSecond: importRate,
        importSeconds: first.ms / 1000,
        secondImportSeconds: second.ms / 1000,
        rejectedFileSeconds: rejected.ms / 1000,
        rejectedLine: rejected.job.report.errors[0]?.line,
        baselineEntriesAndEventsRowsPerSecond: rate(baseEventsMs),
        baselineBeforeRowsPerSecond: rate(baseBeforeMs),
        baselineAfterRowsPerSecond: rate(baseAfterMs),
        baselineEntriesOnlyRowsPerSecond: rate(baseEntriesMs),
        percentOfBaselineEntriesAndEvents: pctEvents,
        percentOfBaselineEntriesOnly: pctEntries,
        target: 'import >= 50 % of the bare prepared-insert loop',
        targetMet: pctEvents >= 50,
        peakRssMiB: mib(peakRss),
        postgres: postgres
          ? {
              importRowsPerSecond: rate(postgres.ms),
              importSeconds: postgres.ms / 1000,
              target: '>= 200,000 rows/s into PostgreSQL (DESIGN.md)',
              targetMet: rate(postgres.ms) >= 200_000,
            }
          : 'not run (BENCH_IMPORT_PG=1 runs it)',
        rssBeforeMiB: mib(rssBefore),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
