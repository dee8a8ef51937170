/**
 * Blocklist import from CSV and XLSX (DESIGN.md "Imports are all-or-nothing
 * per batch and resumable").
 *
 * Two streaming passes over the file, so memory stays bounded however large
 * it is: the first validates every row (and reports progress), the second
 * writes the good rows in batches of BATCH_ROWS. An import is all-or-nothing,
 * even across a kill -9:
 * - SQLite: each batch is a transaction of multi-row INSERTs, staged (state
 *   `staged`, in force nowhere); one last transaction flips them live,
 *   applies the changes to existing entries and marks the job succeeded. A
 *   job that dies leaves only staged rows, which start-up deletes
 *   (import-recovery.ts).
 * - PostgreSQL: the whole second pass is one transaction, its rows COPYed in
 *   already live (storage/pg-copy.ts); a job that dies is rolled back by the
 *   server.
 * Re-running a file is a no-op for rows already in force
 * (same target, level and policy → `unchanged`). A dry run does all of this
 * except the writes, so its counts are what a real run would do.
 *
 * Reading, validating and sealing (import-passes.ts) run on a worker thread
 * for large files, a few batches ahead of the writes here: the second core
 * does the CPU work while this thread waits on SQLite.
 *
 * Errors name the line and the reason, never the value: values are personal data.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { CompiledQuery } from 'kysely';
import type { AuditContext, AuditLog } from '../access/audit.js';
import type { Clock } from '../core/clock.js';
import type { KeyRing } from '../core/crypto/keyring.js';
import { WardenError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { TextEncodingName } from '../core/text-encoding.js';
import type { IdentifierType } from '../identity/model.js';
import type { Executor, Store } from '../storage/database.js';
import { type CopyRows, withPgSession } from '../storage/pg-copy.js';
import {
  BATCH_ROWS,
  E,
  entryColumns,
  eventColumns,
  GIVEN_OWNER,
  GIVEN_REVIEW,
  type ImportPassInput,
  type PreparedBatch,
  STAGED,
  STAGED_PENDING,
  type ValidatedBatch,
} from './import-passes.js';
import { discardStaged, thisRunner } from './import-recovery.js';
import { type ImportFormat, importRowErrorCode } from './import-rows.js';
import { type ImportPassRunner, LocalPassRunner, WorkerPassRunner } from './import-runner.js';
import type { BlocklistLevel, PolicyEntry, StoredEntryState } from './model.js';
import { type BlocklistService, keyCustomerRisk } from './service.js';

export { BATCH_ROWS };
/** Bad rows kept in the report; the count covers them all. */
export const MAX_REPORTED_ERRORS = 1_000;
/** Files from this size are read on a worker thread; smaller ones are not worth starting one. */
export const WORKER_FROM_BYTES = 256 * 1024;

// ---------------------------------------------------------------------------
// Jobs

export type ImportStatus = 'queued' | 'running' | 'succeeded' | 'failed';
export type ImportPhase = 'queued' | 'validating' | 'writing' | 'done';

export interface ImportReport {
  valid: number;
  invalid: number;
  skipped: number;
  created: number;
  updated: number;
  unchanged: number;
  /** `reason` in English; `code` and `params` the same for the console to word (see importRowErrorCode). */
  errors: { line: number; reason: string; code?: string; params?: Record<string, unknown> }[];
  errorCount: number;
  /** Lines per outcome (the first MAX_REPORTED_ERRORS of each); a dry run's are what a real run would do. */
  lines: { created: number[]; updated: number[]; unchanged: number[] };
}

export interface ImportJob {
  id: string;
  status: ImportStatus;
  phase: ImportPhase;
  fileName: string;
  /** `csv` or `xlsx`, once read. */
  format: ImportFormat | null;
  /** The text encoding a CSV was read in (`utf-8`, `gb18030`, `utf-16le`, `utf-16be`). */
  encoding: TextEncodingName | null;
  dryRun: boolean;
  skipInvalid: boolean;
  totalRows: number | null;
  processedRows: number;
  percent: number;
  report: ImportReport;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

const emptyReport = (): ImportReport => ({
  valid: 0,
  invalid: 0,
  skipped: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  errors: [],
  errorCount: 0,
  lines: { created: [], updated: [], unchanged: [] },
});

interface StoredReport extends ImportReport {
  phase: ImportPhase;
  percent: number;
  format?: ImportFormat;
  encoding?: TextEncodingName;
}

export interface ImportRequest {
  path: string;
  fileName: string;
  format: ImportFormat;
  /** CSV: encoding and delimiter as inspectImportFile found them (else found again). */
  encoding?: TextEncodingName | undefined;
  delimiter?: string | undefined;
  dryRun: boolean;
  skipInvalid: boolean;
  /** Block key customers too (otherwise their rows are bad rows, "needs confirmation"). */
  confirm: boolean;
  /** Read the file on a worker thread; by default, when it is at least WORKER_FROM_BYTES. */
  inWorker?: boolean;
}

export interface ImportProgress {
  phase: ImportPhase;
  processedRows: number;
  totalRows: number | null;
  percent: number;
}

export interface ImporterDeps {
  store: Store;
  keys: KeyRing;
  audit: AuditLog;
  clock: Clock;
  blocklist: BlocklistService;
  config: { defaultRegion: string; protectedTiers: readonly string[]; protectedLifetimeValue: number };
}

interface LiveRow {
  id: string;
  target_key: string;
  level: number;
  category: string;
  limit_max: number | null;
  limit_window: number | null;
  allowed_channels: string | null;
  starts_at: number | null;
  expires_at: number | null;
  review_at: number | null;
  state: string;
  owner_id: string | null;
  reason_enc: string;
}

/** What pass 2 collects for the final transaction. */
interface WritePlan {
  /** New approved entries, for the policy index once they are live. */
  created: PolicyEntry[];
  /** Changes to entries already in force. */
  updates: PlannedUpdate[];
}

interface PlannedUpdate {
  before: LiveRow;
  changes: {
    level: number;
    limit_max: number | null;
    limit_window: number | null;
    allowed_channels: string | null;
    category: string;
    reason_enc: string;
    starts_at: number | null;
    expires_at: number | null;
    review_at?: number | null;
    owner_id?: string;
  };
}

/** Rows per SQLite INSERT statement: 23 columns × 1000 stays under its 32,766 parameters. */
const ROWS_PER_STATEMENT = 1000;
/** Target keys per look-up of live entries. */
const KEYS_PER_LOOKUP = 500;

const statements = new Map<string, string>();

/** `(?,?),(?,?)`: `rows` tuples of `width` parameters (SQLite; PostgreSQL binds arrays). */
function tuples(rows: number, width: number): string {
  const one = `(${new Array(width).fill('?').join(',')})`;
  return new Array(rows).fill(one).join(',');
}

function insertSql(table: string, columns: readonly string[], rows: number): string {
  const cacheKey = `${table}:${rows}`;
  let text = statements.get(cacheKey);
  if (text === undefined) {
    text = `insert into ${table} (${columns.join(',')}) values ${tuples(rows, columns.length)}`;
    if (rows === ROWS_PER_STATEMENT) statements.set(cacheKey, text);
  }
  return text;
}

const liveColumns =
  'id, target_key, level, category, limit_max, limit_window, allowed_channels, starts_at, expires_at, review_at, state, owner_id, reason_enc';

function lookupSql(keys: number): string {
  const cacheKey = `lookup:${keys}`;
  let text = statements.get(cacheKey);
  if (text === undefined) {
    // The state is filtered in code, not in SQL: with `state in (…)` SQLite may pick
    // the (state, review_at) index and scan every approved entry per query.
    text = `select ${liveColumns} from blocklist_entries where target_key in ${tuples(1, keys)}`;
    if (keys === KEYS_PER_LOOKUP) statements.set(cacheKey, text);
  }
  return text;
}

const sameChannels = (stored: string | null, given: string | null): boolean => {
  const a = stored ? (JSON.parse(stored) as string[]) : null;
  const b = given ? (JSON.parse(given) as string[]) : null;
  if (a === null || b === null) return a === null && b === null;
  return a.length === b.length && a.every((c) => b.includes(c));
};

/**
 * Runs imports: a job row per upload, two streaming passes, batched writes.
 * One per App (see `importerFor`).
 */
export class BlocklistImporter {
  /** Jobs running in this process, for a live percentage between stored updates. */
  private readonly running = new Map<string, Promise<ImportJob>>();
  /** Rows a statement flips live at the end (a test sets it small to cross chunks). */
  flipChunk = BATCH_ROWS;

  constructor(private readonly deps: ImporterDeps) {}

  async createJob(
    ctx: AuditContext,
    input: { fileName: string; fileHash: string; dryRun: boolean; skipInvalid: boolean },
  ): Promise<string> {
    const now = this.deps.clock.now();
    const id = newId('import', now);
    const report: StoredReport = { ...emptyReport(), phase: 'queued', percent: 0 };
    await this.deps.store.db
      .insertInto('import_jobs')
      .values({
        id,
        kind: 'blocklist',
        file_name: input.fileName.slice(0, 255),
        file_hash: input.fileHash,
        dry_run: input.dryRun ? 1 : 0,
        skip_invalid: input.skipInvalid ? 1 : 0,
        status: 'queued',
        total_rows: null,
        processed_rows: 0,
        report: JSON.stringify(report),
        error: null,
        created_by: ctx.actor.id,
        created_at: now,
        updated_at: now,
        runner: thisRunner,
      })
      .execute();
    return id;
  }

  async get(id: string): Promise<ImportJob> {
    const row = await this.deps.store.db
      .selectFrom('import_jobs')
      .selectAll()
      .where('id', '=', id)
      .where('kind', '=', 'blocklist')
      .executeTakeFirst();
    if (!row) throw new WardenError('IMPORT_NOT_FOUND', `no import ${id}`);
    const stored = row.report ? (JSON.parse(row.report) as StoredReport) : null;
    const { phase, percent, format, encoding, ...report } = stored ?? {
      ...emptyReport(),
      phase: 'queued' as ImportPhase,
      percent: 0,
    };
    return {
      id: row.id,
      status: row.status as ImportStatus,
      phase: phase as ImportPhase,
      fileName: row.file_name,
      format: format ?? null,
      encoding: encoding ?? null,
      dryRun: row.dry_run === 1,
      skipInvalid: row.skip_invalid === 1,
      totalRows: row.total_rows,
      processedRows: row.processed_rows,
      percent,
      report: {
        ...emptyReport(),
        ...report,
        errors: (report.errors ?? []).map((e) => ({ ...e, ...importRowErrorCode(e.reason) })),
      },
      error: row.error,
      createdAt: new Date(row.created_at).toISOString(),
      finishedAt: row.finished_at === null ? null : new Date(row.finished_at).toISOString(),
    };
  }

  /** Starts the job in the background; the promise settles when it ends (never rejects). */
  start(
    ctx: AuditContext,
    jobId: string,
    request: ImportRequest,
    onProgress?: (p: ImportProgress) => void,
  ): Promise<ImportJob> {
    const p = this.run(ctx, jobId, request, onProgress).finally(() => this.running.delete(jobId));
    this.running.set(jobId, p);
    return p;
  }

  /** Runs a job to its end and returns it (status succeeded or failed). */
  async run(
    ctx: AuditContext,
    jobId: string,
    request: ImportRequest,
    onProgress?: (p: ImportProgress) => void,
  ): Promise<ImportJob> {
    const report = emptyReport();
    const kind = { format: request.format, encoding: request.encoding };
    let lastSave = 0;
    const reportJson = (phase: ImportPhase, percent: number) =>
      JSON.stringify({ ...report, phase, percent, ...kind } satisfies StoredReport);
    const save = async (
      fields: { status?: ImportStatus; total?: number | null; processed: number; error?: string | null },
      phase: ImportPhase,
      percent: number,
      force = false,
    ) => {
      onProgress?.({ phase, processedRows: fields.processed, totalRows: fields.total ?? null, percent });
      const now = Date.now();
      if (!force && now - lastSave < 250) return;
      lastSave = now;
      const at = this.deps.clock.now();
      await this.deps.store.db
        .updateTable('import_jobs')
        .set({
          ...(fields.status ? { status: fields.status } : {}),
          ...(fields.total !== undefined ? { total_rows: fields.total } : {}),
          ...(fields.error !== undefined ? { error: fields.error } : {}),
          processed_rows: fields.processed,
          report: reportJson(phase, percent),
          updated_at: at,
          ...(phase === 'done' ? { finished_at: at } : {}),
        })
        .where('id', '=', jobId)
        .execute();
    };

    let runner: ImportPassRunner | null = null;
    let staged = false;
    try {
      await save({ status: 'running', processed: 0 }, 'validating', 0, true);
      const size = (await stat(request.path)).size || 1;
      const input = await this.passInput(request);
      runner =
        (request.inWorker ?? size >= WORKER_FROM_BYTES)
          ? new WorkerPassRunner(input)
          : new LocalPassRunner(input);

      // Pass 1: validate. Customer-id rows are checked here, against the database.
      const badLines: number[] = [];
      let total = 0;
      const addError = (line: number, reason: string) => {
        report.invalid++;
        report.errorCount++;
        badLines.push(line);
        if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push({ line, reason });
      };
      const checkCustomerRow = this.customerRowChecker(request.confirm);
      const header = await runner.validate(async (b: ValidatedBatch) => {
        total += b.rows;
        report.skipped += b.skipped;
        report.valid += b.valid;
        // Bad rows and customer rows, in line order.
        let i = 0;
        let j = 0;
        while (i < b.bad.length || j < b.customers.length) {
          const bad = b.bad[i];
          const customer = b.customers[j];
          if (bad && (!customer || bad[0] < customer[0])) {
            addError(bad[0], bad[1]);
            i++;
          } else if (customer) {
            j++;
            const problem = await checkCustomerRow(...customer);
            if (problem) addError(customer[0], problem);
            else report.valid++;
          }
        }
        await save({ processed: total }, 'validating', Math.min(49, Math.floor((b.bytes / size) * 50)));
      });
      if (!header) {
        throw new WardenError(
          'IMPORT_FILE_INVALID',
          'the file is empty: it needs a header row and data rows',
          {
            errors: [{ field: 'header', message: 'missing' }],
          },
        );
      }
      await save({ processed: total, total }, 'validating', 50, true);

      const rejected = report.invalid > 0 && !request.skipInvalid;
      if ((rejected && !request.dryRun) || report.valid === 0) {
        await save(
          {
            status: rejected && !request.dryRun ? 'failed' : 'succeeded',
            processed: total,
            total,
            error: rejected && !request.dryRun ? 'IMPORT_INVALID' : null,
          },
          'done',
          100,
          true,
        );
        return this.get(jobId);
      }

      // Pass 2: stage the good rows in batches, as the runner seals them (a dry
      // run only looks up what each would do).
      const plan: WritePlan = { created: [], updates: [] };
      let written = 0;
      const prepare = {
        badLines,
        sealing: this.deps.keys.sealingKeys(),
        jobId,
        actor: { type: ctx.actor.type, id: ctx.actor.id },
      };
      /** The end of a real import, in the transaction that makes it live: changes, audit, the job. */
      const finish = async (trx: Executor) => {
        for (const u of plan.updates) await this.applyUpdate(trx, ctx, jobId, u, input.now);
        // Other servers learn of the new entries from the audit row's feed item (by import id);
        // changed entries keep their own import id, so they go on the feed by id.
        await this.deps.blocklist.recordBulkChange(
          trx,
          plan.updates.map((u) => u.before.id),
        );
        await this.deps.audit.append(trx, ctx, {
          action: 'blocklist.import',
          targetType: 'import_job',
          targetId: jobId,
          summary: {
            format: request.format,
            encoding: request.encoding,
            rows: total,
            valid: report.valid,
            invalid: report.invalid,
            skipped: report.skipped,
            created: report.created,
            updated: report.updated,
            unchanged: report.unchanged,
            skipInvalid: request.skipInvalid,
            confirm: request.confirm || undefined,
          },
        });
        const at = this.deps.clock.now();
        await trx
          .updateTable('import_jobs')
          .set({
            status: 'succeeded',
            total_rows: total,
            processed_rows: written,
            report: reportJson('done', 100),
            updated_at: at,
            finished_at: at,
          })
          .where('id', '=', jobId)
          .execute();
      };
      const passes = runner;
      const writeAll = (live: LiveImport | null) =>
        passes.prepare(prepare, async (batch) => {
          await this.writeBatch(batch, report, input.now, plan, request.dryRun, live);
          written += batch.count;
          await save(
            { processed: written, total },
            'writing',
            50 + Math.floor((written / Math.max(1, report.valid)) * 50),
          );
        });
      if (request.dryRun) {
        await writeAll(null);
        await save({ status: 'succeeded', processed: written, total }, 'done', 100, true);
        return this.get(jobId);
      }

      if (this.deps.store.dialect === 'postgres') {
        // PostgreSQL: the whole import is one transaction. Rows go in already in
        // force (approved or pending), invisible to every other session until the
        // commit, and a failure or a dead process rolls all of it back: the same
        // all-or-nothing as staging, without rewriting every row a second time to
        // flip it live (that UPDATE was a third of the import's database time).
        // MVCC lets screening and other writers go on meanwhile. The rows go in by
        // COPY, on the transaction's own session.
        await withPgSession(this.deps.store, (db, copy) =>
          db.transaction().execute(async (trx) => {
            await writeAll({ trx, copy });
            await finish(trx);
          }),
        );
      } else {
        // SQLite: one transaction would hold the only write lock for the whole
        // import, so rows are staged in a transaction per batch and flipped live in
        // one last transaction (a kill -9 leaves only staged rows: import-recovery.ts).
        staged = true;
        await writeAll(null);
        await this.deps.store.db.transaction().execute(async (trx) => {
          // In chunks, so no one statement holds the write lock for long.
          for (const [from, to] of [
            [STAGED, 'approved'],
            [STAGED_PENDING, 'pending'],
          ] as const) {
            for (;;) {
              const r = await trx
                .updateTable('blocklist_entries')
                .set({ state: to })
                .where('id', 'in', (eb) =>
                  eb
                    .selectFrom('blocklist_entries')
                    .select('id')
                    .where('import_id', '=', jobId)
                    .where('state', '=', from)
                    .limit(this.flipChunk),
                )
                .executeTakeFirst();
              if (Number(r.numUpdatedRows) < this.flipChunk) break;
            }
          }
          await finish(trx);
        });
      }
      staged = false;
      onProgress?.({ phase: 'done', processedRows: written, totalRows: total, percent: 100 });

      // The policy index: new entries go straight in (same shape loadIndex builds,
      // without re-reading and decrypting them); changed ones are re-read, with their exemptions.
      const index = this.deps.blocklist.index;
      index.reserve(index.size + plan.created.length);
      for (const entry of plan.created) index.upsert(entry);
      for (const u of plan.updates) await this.deps.blocklist.refreshIndex(u.before.id);
      return this.get(jobId);
    } catch (err) {
      const code = err instanceof WardenError ? err.code : 'INTERNAL';
      if (staged) await discardStaged(this.deps.store.db, jobId).catch(() => undefined);
      await save({ status: 'failed', processed: 0, error: code }, 'done', 100, true).catch(() => undefined);
      throw err;
    } finally {
      await runner?.close();
    }
  }

  private async passInput(request: ImportRequest): Promise<ImportPassInput> {
    return {
      path: request.path,
      format: request.format,
      encoding: request.encoding,
      delimiter: request.delimiter,
      now: this.deps.clock.now(),
      defaultRegion: this.deps.config.defaultRegion,
      categories: await this.deps.blocklist.categories.list(),
      keyTargets: [...(await this.keyCustomerTargets())],
      confirm: request.confirm,
    };
  }

  /**
   * `type\0value` of every identifier of a key customer → why they are key.
   * Key customers are few, so one query up front beats a look-up per row.
   * (Reads the identity tables directly for that reason; a bulk method on
   * CustomerService would be the cleaner door.)
   */
  private async keyCustomerTargets(): Promise<Map<string, string[]>> {
    const { protectedTiers, protectedLifetimeValue } = this.deps.config;
    const rows = await this.deps.store.db
      .selectFrom('customers')
      .innerJoin('customer_identifiers', 'customer_identifiers.customer_id', 'customers.id')
      .select([
        'customers.protected',
        'customers.tier',
        'customers.lifetime_value',
        'customer_identifiers.type',
        'customer_identifiers.value_enc',
      ])
      .where((eb) =>
        eb.or([
          eb('customers.protected', '=', 1),
          eb('customers.lifetime_value', '>=', protectedLifetimeValue),
          ...(protectedTiers.length ? [eb('customers.tier', 'in', [...protectedTiers])] : []),
        ]),
      )
      .execute();
    const out = new Map<string, string[]>();
    for (const r of rows) {
      const risks = keyCustomerRisk(
        { protected: r.protected === 1, tier: r.tier, lifetimeValue: r.lifetime_value },
        this.deps.config,
      );
      if (risks) out.set(`${r.type}\u0000${this.deps.keys.decrypt(r.value_enc)}`, risks);
    }
    return out;
  }

  /**
   * Checks rows that target a customer by id: it must exist, not be a key
   * customer (unless confirmed), and appear once per level in the file.
   * Returns the problem, or null for a good row.
   */
  private customerRowChecker(
    confirm: boolean,
  ): (line: number, customerId: string, level: number) => Promise<string | null> {
    const seen = new Map<string, number>();
    const risksOf = new Map<string, string[] | null | 'missing'>();
    return async (line, customerId, level) => {
      const key = `${customerId}\u0000${level}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) return `same target and level as line ${earlier}`;
      let risks = risksOf.get(customerId);
      if (risks === undefined) {
        risks = await this.customerRisks(customerId);
        risksOf.set(customerId, risks);
      }
      if (risks === 'missing') return 'customer_id is not a known customer';
      if (risks && !confirm)
        return `needs confirmation: the target is a key customer (${risks.join('; ')}); import with confirm`;
      seen.set(key, line);
      return null;
    };
  }

  private async customerRisks(id: string): Promise<string[] | null | 'missing'> {
    const c = await this.deps.store.db
      .selectFrom('customers')
      .select(['protected', 'tier', 'lifetime_value'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!c) return 'missing';
    return keyCustomerRisk(
      { protected: c.protected === 1, tier: c.tier, lifetimeValue: c.lifetime_value },
      this.deps.config,
    );
  }

  /**
   * Stages one prepared batch in one transaction: new targets are inserted as
   * they came from the runner (staged); targets that already have a live entry
   * at that level are left alone when nothing differs, else their change is
   * planned for the final transaction. A dry run classifies without writing.
   */
  private async writeBatch(
    batch: PreparedBatch,
    report: ImportReport,
    now: number,
    plan: WritePlan,
    dryRun: boolean,
    /** The import's one transaction (PostgreSQL): rows go in live, not staged, by COPY. */
    live: LiveImport | null,
  ): Promise<void> {
    const { store } = this.deps;
    const W = entryColumns.length;
    const V = eventColumns.length;
    const e = batch.entries;
    const created: number[] = [];
    const note = (list: number[], i: number) => {
      if (list.length < MAX_REPORTED_ERRORS) list.push(batch.lines[i] ?? 0);
    };
    const classify = async (db: Executor) => {
      // Read inside the write transaction, so no entry can appear between look-up and insert.
      const live = await this.liveEntries(db, batch.targetKeys, now);
      let entries = batch.entries;
      let events = batch.events;
      if (live.size === 0) {
        for (let i = 0; i < batch.count; i++) created.push(i);
      } else {
        entries = [];
        events = [];
        for (let i = 0; i < batch.count; i++) {
          const existing = live.get(`${batch.targetKeys[i]}\u0000${e[i * W + E.level]}`);
          if (existing) {
            if (sameAsLive(existing, batch, i)) {
              report.unchanged++;
              note(report.lines.unchanged, i);
            } else {
              plan.updates.push(plannedUpdate(batch, i, existing));
              report.updated++;
              note(report.lines.updated, i);
            }
            continue;
          }
          created.push(i);
          for (let k = 0; k < W; k++) entries.push(e[i * W + k]);
          for (let k = 0; k < V; k++) events.push(batch.events[i * V + k]);
        }
      }
      return { entries, events };
    };
    if (dryRun) await classify(store.db);
    else if (live) {
      const { entries, events } = await classify(live.trx);
      // The runner marks new rows staged; in the import's own transaction they go in as they will stand.
      const inForce = entries === batch.entries ? entries.slice() : entries;
      for (let k = E.state; k < inForce.length; k += W) inForce[k] = liveState(inForce[k]);
      await live.copy('blocklist_entries', entryColumns, inForce);
      await live.copy('blocklist_events', eventColumns, events);
    } else
      await store.db.transaction().execute(async (trx) => {
        const { entries, events } = await classify(trx);
        await this.insertMany(trx, 'blocklist_entries', entryColumns, entries);
        await this.insertMany(trx, 'blocklist_events', eventColumns, events);
      });
    report.created += created.length;
    for (const i of created) {
      note(report.lines.created, i);
      if (!dryRun && e[i * W + E.state] === STAGED) plan.created.push(policyEntryOf(batch, i));
    }
  }

  /** Applies a planned change to an existing entry, with its `changed` event (before and after of every field). */
  private async applyUpdate(
    trx: Executor,
    ctx: AuditContext,
    jobId: string,
    u: PlannedUpdate,
    now: number,
  ): Promise<void> {
    const r = await trx
      .updateTable('blocklist_entries')
      .set({ ...u.changes, updated_at: now })
      .where('id', '=', u.before.id)
      .where('state', 'in', ['pending', 'approved'])
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return; // released meanwhile: nothing to change
    const b = u.before;
    const c = u.changes;
    const iso = (ms: number | null | undefined) =>
      ms === null || ms === undefined ? null : new Date(ms).toISOString();
    const shape = (level: number, max: number | null, window: number | null, channels: string | null) => ({
      level,
      limit: max === null ? null : { max, windowSeconds: window },
      allowedChannels: channels ? (JSON.parse(channels) as string[]) : null,
    });
    const before = {
      ...shape(b.level, b.limit_max, b.limit_window, b.allowed_channels),
      category: b.category,
      startsAt: iso(b.starts_at),
      expiresAt: iso(b.expires_at),
      reviewAt: iso(b.review_at),
      ownerId: b.owner_id,
    };
    const after = {
      ...shape(c.level, c.limit_max, c.limit_window, c.allowed_channels),
      category: c.category,
      startsAt: iso(c.starts_at),
      expiresAt: iso(c.expires_at),
      reviewAt: c.review_at !== undefined ? iso(c.review_at) : before.reviewAt,
      ownerId: c.owner_id !== undefined ? c.owner_id : b.owner_id,
    };
    const keys = this.deps.keys;
    const reasonBefore = keys.decrypt(b.reason_enc);
    const reasonAfter = keys.decrypt(c.reason_enc);
    const fields = (Object.keys(before) as (keyof typeof before)[]).filter(
      (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
    );
    if (reasonBefore !== reasonAfter) fields.push('reason' as keyof typeof before);
    await trx
      .insertInto('blocklist_events')
      .values({
        id: newId('event', now),
        entry_id: b.id,
        at: now,
        kind: 'changed',
        actor_type: ctx.actor.type,
        actor_id: ctx.actor.id,
        detail: JSON.stringify({ importId: jobId, fields, before, after }),
        note_enc: null,
        change_enc: keys.encrypt(JSON.stringify({ reason: { before: reasonBefore, after: reasonAfter } })),
      })
      .execute();
  }

  /** Live (pending or approved, not expired) entries on these targets, by `targetKey\0level`. */
  private async liveEntries(trx: Executor, targetKeys: string[], now: number): Promise<Map<string, LiveRow>> {
    const live = new Map<string, LiveRow>();
    const postgres = this.deps.store.dialect === 'postgres';
    // PostgreSQL takes the whole batch's keys as one array parameter.
    const step = postgres ? targetKeys.length : KEYS_PER_LOOKUP;
    for (let i = 0; i < targetKeys.length; i += step) {
      const keys = targetKeys.slice(i, i + step);
      const found = postgres
        ? await this.all<LiveRow>(
            trx,
            `select ${liveColumns} from blocklist_entries where target_key = any($1::text[])`,
            [keys],
          )
        : await this.all<LiveRow>(trx, lookupSql(keys.length), keys);
      for (const f of found) {
        if (f.state !== 'pending' && f.state !== 'approved') continue;
        if (f.expires_at !== null && f.expires_at <= now) continue;
        live.set(`${f.target_key}\u0000${f.level}`, f);
      }
    }
    return live;
  }

  /**
   * Stages `rows` (flat: `columns.length` values a row) on SQLite, in
   * statements of ROWS_PER_STATEMENT rows. PostgreSQL imports COPY instead.
   */
  private async insertMany(
    trx: Executor,
    table: string,
    columns: readonly string[],
    rows: unknown[],
  ): Promise<void> {
    const width = columns.length;
    if (rows.length === 0) return;
    if (this.deps.store.dialect === 'postgres') throw new Error('PostgreSQL imports write by COPY');
    const step = ROWS_PER_STATEMENT * width;
    for (let i = 0; i < rows.length; i += step) {
      const params = rows.length <= step ? rows : rows.slice(i, i + step);
      const text = insertSql(table, columns, params.length / width);
      await this.exec(trx, text, params);
    }
  }

  private async exec(trx: Executor, text: string, params: unknown[]): Promise<void> {
    await trx.executeQuery(CompiledQuery.raw(text, params));
  }

  private async all<T>(trx: Executor, text: string, params: unknown[]): Promise<T[]> {
    return (await trx.executeQuery<T>(CompiledQuery.raw(text, params))).rows;
  }
}

/** A PostgreSQL import's one transaction, and COPY on its session. */
interface LiveImport {
  trx: Executor;
  copy: CopyRows;
}

/** The state a staged row stands in once its import is live. */
const liveState = (state: unknown) =>
  state === STAGED ? 'approved' : state === STAGED_PENDING ? 'pending' : state;

/** True if the file's row `i` would change nothing on the live entry. */
function sameAsLive(live: LiveRow, batch: PreparedBatch, i: number): boolean {
  const at = (c: keyof typeof E) => batch.entries[i * entryColumns.length + E[c]];
  return (
    live.category === at('category') &&
    live.limit_max === at('limit_max') &&
    live.limit_window === at('limit_window') &&
    sameChannels(live.allowed_channels, at('allowed_channels') as string | null) &&
    live.starts_at === at('starts_at') &&
    live.expires_at === at('expires_at') &&
    (((batch.given[i] ?? 0) & GIVEN_REVIEW) === 0 || live.review_at === at('review_at'))
  );
}

/** The change row `i` of a batch makes to the live entry `before`. */
function plannedUpdate(batch: PreparedBatch, i: number, before: LiveRow): PlannedUpdate {
  const at = (c: keyof typeof E) => batch.entries[i * entryColumns.length + E[c]];
  const given = batch.given[i] ?? 0;
  return {
    before,
    changes: {
      level: at('level') as number,
      limit_max: at('limit_max') as number | null,
      limit_window: at('limit_window') as number | null,
      allowed_channels: at('allowed_channels') as string | null,
      category: at('category') as string,
      reason_enc: at('reason_enc') as string,
      starts_at: at('starts_at') as number | null,
      expires_at: at('expires_at') as number | null,
      ...(given & GIVEN_REVIEW ? { review_at: at('review_at') as number | null } : {}),
      ...(given & GIVEN_OWNER ? { owner_id: at('owner_id') as string } : {}),
    },
  };
}

/** The policy index's view of row `i` of a batch (once live: approved). */
function policyEntryOf(batch: PreparedBatch, i: number): PolicyEntry {
  const at = (c: keyof typeof E) => batch.entries[i * entryColumns.length + E[c]];
  const type = at('identifier_type') as IdentifierType | null;
  const value = batch.identifierValues[i];
  const limitMax = at('limit_max') as number | null;
  const channels = at('allowed_channels') as string | null;
  const index = at('identifier_index') as string | null;
  return {
    id: at('id') as string,
    level: at('level') as BlocklistLevel,
    customerId: at('customer_id') as string | null,
    identifier: type !== null && value != null ? { type, value } : null,
    // The index is keyed by blind index: the one the import computed, not a second HMAC.
    ...(index !== null ? { identifierIndex: index } : {}),
    category: at('category') as string,
    state: 'approved' satisfies StoredEntryState,
    startsAt: at('starts_at') as number | null,
    expiresAt: at('expires_at') as number | null,
    limit: limitMax !== null ? { max: limitMax, windowSeconds: at('limit_window') as number } : null,
    allowedChannels: channels ? (JSON.parse(channels) as string[]) : null,
    exemptions: [],
  };
}

/** The SHA-256 of a file, for the job record (same file, same hash). */
export async function fileSha256(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

const importers = new WeakMap<object, BlocklistImporter>();

/** The importer of an app, made once. */
export function importerFor(app: {
  store: Store;
  keys: KeyRing;
  audit: AuditLog;
  clock: Clock;
  blocklist: BlocklistService;
  config: ImporterDeps['config'];
}): BlocklistImporter {
  let importer = importers.get(app);
  if (!importer) {
    importer = new BlocklistImporter({
      store: app.store,
      keys: app.keys,
      audit: app.audit,
      clock: app.clock,
      blocklist: app.blocklist,
      config: app.config,
    });
    importers.set(app, importer);
  }
  return importer;
}
