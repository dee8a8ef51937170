// Import throughput on the embedded default (SQLite), against a bare
// prepared-insert loop into the same schema measured in the same run.
// BENCH_IMPORT_ROWS scales it (default 1,000,000); BENCH_IMPORT_PG=1 also imports into
// PostgreSQL against a bare COPY of the same rows (bench/screen.bench.ts reports that row too).
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { AuditContext } from '../src/access/audit.js';
import { type App, createApp } from '../src/app.js';
import { BATCH_ROWS, type ImportJob, importerFor } from '../src/blocklist/import.js';
import { entryColumns, eventColumns } from '../src/blocklist/import-passes.js';
import { loadConfig } from '../src/core/config.js';
import { newId } from '../src/core/ids.js';
import { createLogger } from '../src/core/logging.js';
import { SQLITE_CACHE_KIB, SQLITE_FILE } from '../src/storage/database.js';
import { copyText } from '../src/storage/pg-copy.js';
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

/** What the import writes for row i, as the import's own columns (entryColumns, eventColumns) hold it. */
function preparedRow(app: App, i: number, now: number): { entry: unknown[]; event: unknown[] } {
  const [phone, email, user, category, reason] = rowOf(i);
  const type = phone ? 'phone' : email ? 'email' : 'user_id';
  const value = phone ? `+86${phone}` : email || user;
  const ix = app.keys.blindIndex(type, value);
  const level = category === 'complaint_abuse' || category === 'spam' ? 2 : 1;
  const id = newId('blocklistEntry', now);
  const entry: Record<(typeof entryColumns)[number], unknown> = {
    id,
    customer_id: null,
    identifier_type: type,
    identifier_enc: app.keys.encrypt(value),
    identifier_index: ix,
    target_key: `i:${ix}`,
    level,
    limit_max: level === 2 ? 5 : null,
    limit_window: level === 2 ? 86_400 : null,
    allowed_channels: null,
    category,
    reason_enc: app.keys.encrypt(reason),
    source: 'import',
    owner_id: null,
    created_by: null,
    state: 'approved',
    starts_at: null,
    expires_at: null,
    review_at: now + 90 * 86_400_000,
    released_at: null,
    import_id: 'imp_bench',
    created_at: now,
    updated_at: now,
  };
  const event: Record<(typeof eventColumns)[number], unknown> = {
    id: newId('event', now),
    entry_id: id,
    at: now,
    kind: 'created',
    actor_type: 'cli',
    actor_id: null,
    detail: JSON.stringify({ level, category, source: 'import', importId: 'imp_bench', status: 'active' }),
    note_enc: null,
  };
  return { entry: entryColumns.map((c) => entry[c]), event: eventColumns.map((c) => event[c]) };
}

/** One row of COPY's text format: tab-separated, `\N` for null, backslash escapes. */
export interface PostgresImportFigures {
  rows: number;
  importMs: number;
  copyMs: number;
  importRowsPerSecond: number;
  copyRowsPerSecond: number;
  percentOfCopy: number;
}

/**
 * PostgreSQL: the import of a `rows`-row CSV into a fresh database, against a
 * bare COPY of the same rows (entries and their `created` events, values
 * sealed beforehand, outside the timed part) into another fresh database of
 * the same server, in one transaction. Both start from an empty schema made by
 * the migrations, so both pay for the same indexes. Null when PostgreSQL is
 * not installed.
 */
export async function postgresImportAgainstCopy(rows: number): Promise<PostgresImportFigures | null> {
  const pgServer = await startPostgres();
  if (!pgServer) return null;
  const dir = mkdtempSync(join(tmpdir(), 'warden-bench-pg-import-'));
  try {
    const file = join(dir, 'rows.csv');
    await writeCsv(file, rows);
    const app = await freshApp(join(dir, 'import'), pgServer.url);
    let importMs: number;
    try {
      const run = await importFile(app, file, () => undefined);
      if (run.job.report.created !== rows)
        throw new Error(`PostgreSQL import created ${run.job.report.created}`);
      importMs = run.ms;
    } finally {
      await app.close();
    }

    const admin = new pg.Client({ connectionString: pgServer.url });
    await admin.connect();
    await admin.query('create database copy_base');
    await admin.end();
    const copyUrl = pgServer.url.replace(/\/postgres$/, '/copy_base');
    const base = await freshApp(join(dir, 'copy'), copyUrl); // the same schema, by the migrations
    const now = Date.now();
    // The COPY text is made before the clock starts: the baseline is the database's part alone.
    const entryValues: unknown[] = [];
    const eventValues: unknown[] = [];
    try {
      for (let i = 0; i < rows; i++) {
        const r = preparedRow(base, i, now);
        entryValues.push(...r.entry);
        eventValues.push(...r.event);
      }
    } finally {
      await base.close();
    }
    const entries = [...copyText(entryValues, entryColumns.length)].join('');
    const events = [...copyText(eventValues, eventColumns.length)].join('');
    const client = new pg.Client({ connectionString: copyUrl });
    await client.connect();
    try {
      const copy = async (table: string, columns: readonly string[], text: string) =>
        pipeline(
          async function* () {
            for (let i = 0; i < text.length; i += 1 << 20) yield text.slice(i, i + (1 << 20));
          },
          client.query(copyFrom(`copy ${table} (${columns.join(',')}) from stdin`)),
        );
      const t0 = performance.now();
      await client.query('begin');
      await copy('blocklist_entries', entryColumns, entries);
      await copy('blocklist_events', eventColumns, events);
      await client.query('commit');
      const copyMs = performance.now() - t0;
      const counted = await client.query<{ n: string }>('select count(*) as n from blocklist_entries');
      if (Number(counted.rows[0]?.n) !== rows) throw new Error(`COPY wrote ${counted.rows[0]?.n} rows`);
      const rate = (ms: number) => Math.round(rows / (ms / 1000));
      return {
        rows,
        importMs,
        copyMs,
        importRowsPerSecond: rate(importMs),
        copyRowsPerSecond: rate(copyMs),
        percentOfCopy: Math.round((importMs > 0 ? copyMs / importMs : 0) * 1000) / 10,
      };
    } finally {
      await client.end();
    }
  } finally {
    pgServer.stop();
    rmSync(dir, { recursive: true, force: true });
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
  // The same values the import writes: ciphertext, blind index, ids, JSON.
  const now = Date.now();
  const prepared = (i: number) => preparedRow(app, i, now);
  const db = new SQLite(join(dir, SQLITE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // The connection as the app configures its own (the same page cache).
  db.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  const insertEntry = db.prepare(
    `insert into blocklist_entries (${entryColumns.join(', ')}) values (${entryColumns.map(() => '?').join(', ')})`,
  );
  const insertEvent = db.prepare(
    `insert into blocklist_events (${eventColumns.join(', ')}) values (${eventColumns.map(() => '?').join(', ')})`,
  );
  let timed = 0;
  try {
    for (let start = 0; start < ROWS; start += BATCH_ROWS) {
      const batch: { entry: unknown[]; event: unknown[] }[] = [];
      for (let i = start; i < Math.min(ROWS, start + BATCH_ROWS); i++) batch.push(prepared(i));
      const t0 = performance.now();
      db.transaction(() => {
        for (const b of batch) {
          insertEntry.run(b.entry);
          if (withEvents) insertEvent.run(b.event);
        }
      })();
      timed += performance.now() - t0;
    }
  } finally {
    db.close();
    await app.close();
  }
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
    const postgres = process.env.BENCH_IMPORT_PG === '1' ? await postgresImportAgainstCopy(ROWS) : null;
    if (process.env.BENCH_IMPORT_PG === '1' && !postgres)
      throw new Error('BENCH_IMPORT_PG=1 needs PostgreSQL installed (initdb, pg_ctl)');
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
                what: `import ${ROWS} rows (CSV → PostgreSQL)`,
                seconds: postgres.importMs / 1000,
                'rows/s': postgres.importRowsPerSecond,
              },
              {
                what: 'bare COPY of the same rows (entries + events, sealed beforehand)',
                seconds: postgres.copyMs / 1000,
                'rows/s': postgres.copyRowsPerSecond,
              },
              {
                what: 'PostgreSQL import as % of the bare COPY',
                seconds: 0,
                'rows/s': postgres.percentOfCopy,
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
              ...postgres,
              target:
                'import >= 50 % of a bare COPY of the same rows in the same run (issue 13); DESIGN.md: >= 200,000 rows/s',
              targetMet: postgres.percentOfCopy >= 50,
            }
          : 'not run (BENCH_IMPORT_PG=1 runs it)',
        rssBeforeMiB: mib(rssBefore),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
