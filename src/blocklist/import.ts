/**
 * Blocklist import from CSV and XLSX (DESIGN.md "Imports are all-or-nothing
 * per batch and resumable").
 *
 * Two streaming passes over the file, so memory stays bounded however large
 * it is: the first validates every row (and reports progress), the second
 * writes the good rows in batches of BATCH_ROWS, one transaction each, with
 * multi-row INSERTs. Re-running a file is a no-op for rows already written
 * (same target, level and policy → `unchanged`), so an import that died
 * half-way is completed by running it again.
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
import type { IdentifierType } from '../identity/model.js';
import type { Executor, Store } from '../storage/database.js';
import {
  BATCH_ROWS,
  E,
  entryColumns,
  eventColumns,
  GIVEN_OWNER,
  GIVEN_REVIEW,
  type ImportPassInput,
  type PreparedBatch,
  type ValidatedBatch,
} from './import-passes.js';
import type { ImportFormat } from './import-rows.js';
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
  errors: { line: number; reason: string }[];
  errorCount: number;
}

export interface ImportJob {
  id: string;
  status: ImportStatus;
  phase: ImportPhase;
  fileName: string;
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
});

interface StoredReport extends ImportReport {
  phase: ImportPhase;
  percent: number;
}

export interface ImportRequest {
  path: string;
  fileName: string;
  format: ImportFormat;
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

/** PostgreSQL types of the columns imports write that are not text (for `unnest`). */
const pgColumnTypes: Record<string, Record<string, string>> = {
  blocklist_entries: {
    level: 'integer',
    limit_max: 'integer',
    limit_window: 'integer',
    starts_at: 'bigint',
    expires_at: 'bigint',
    review_at: 'bigint',
    released_at: 'bigint',
    created_at: 'bigint',
    updated_at: 'bigint',
  },
  blocklist_events: { at: 'bigint' },
};

const liveColumns =
  'id, target_key, level, category, limit_max, limit_window, allowed_channels, starts_at, expires_at, review_at, state';

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
    const { phase, percent, ...report } = stored ?? { ...emptyReport(), phase: 'queued', percent: 0 };
    return {
      id: row.id,
      status: row.status as ImportStatus,
      phase: phase as ImportPhase,
      fileName: row.file_name,
      dryRun: row.dry_run === 1,
      skipInvalid: row.skip_invalid === 1,
      totalRows: row.total_rows,
      processedRows: row.processed_rows,
      percent,
      report,
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
    let lastSave = 0;
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
          report: JSON.stringify({ ...report, phase, percent } satisfies StoredReport),
          updated_at: at,
          ...(phase === 'done' ? { finished_at: at } : {}),
        })
        .where('id', '=', jobId)
        .execute();
    };

    let runner: ImportPassRunner | null = null;
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
      if (request.dryRun || rejected || report.valid === 0) {
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

      // Pass 2: write the good rows in batches, as the runner seals them.
      // Room for them all in the policy index at once: growing it batch by batch rehashes it each time.
      this.deps.blocklist.index.reserve(this.deps.blocklist.index.size + report.valid);
      let written = 0;
      const prepare = {
        badLines,
        sealing: this.deps.keys.sealingKeys(),
        jobId,
        actor: { type: ctx.actor.type, id: ctx.actor.id },
      };
      await runner.prepare(prepare, async (batch) => {
        await this.writeBatch(ctx, jobId, batch, report, input.now);
        written += batch.count;
        await save(
          { processed: written, total },
          'writing',
          50 + Math.floor((written / Math.max(1, report.valid)) * 50),
        );
      });
      await this.deps.audit.append(this.deps.store.db, ctx, {
        action: 'blocklist.import',
        targetType: 'import_job',
        targetId: jobId,
        summary: {
          format: request.format,
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
      await save({ status: 'succeeded', processed: written, total }, 'done', 100, true);
      return this.get(jobId);
    } catch (err) {
      const code = err instanceof WardenError ? err.code : 'INTERNAL';
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
   * Writes one prepared batch in one transaction: new targets are inserted as
   * they came from the runner; targets that already have a live entry at that
   * level are left alone when nothing differs, else updated with a `changed` event.
   */
  private async writeBatch(
    ctx: AuditContext,
    jobId: string,
    batch: PreparedBatch,
    report: ImportReport,
    now: number,
  ): Promise<void> {
    const { store, blocklist } = this.deps;
    const W = entryColumns.length;
    const V = eventColumns.length;
    const e = batch.entries;
    let created: number[] = [];
    const updates: { i: number; before: LiveRow }[] = [];

    await store.db.transaction().execute(async (trx) => {
      // Read inside the write transaction, so no entry can appear between look-up and insert.
      const live = await this.liveEntries(trx, batch.targetKeys, now);
      let entries = batch.entries;
      let events = batch.events;
      if (live.size === 0) created = Array.from({ length: batch.count }, (_, i) => i);
      else {
        entries = [];
        events = [];
        for (let i = 0; i < batch.count; i++) {
          const existing = live.get(`${batch.targetKeys[i]}\u0000${e[i * W + E.level]}`);
          if (existing) {
            if (sameAsLive(existing, batch, i)) report.unchanged++;
            else updates.push({ i, before: existing });
            continue;
          }
          created.push(i);
          for (let k = 0; k < W; k++) entries.push(e[i * W + k]);
          for (let k = 0; k < V; k++) events.push(batch.events[i * V + k]);
        }
      }
      await this.insertMany(trx, 'blocklist_entries', entryColumns, entries);
      await this.insertMany(trx, 'blocklist_events', eventColumns, events);
      for (const { i, before } of updates) await this.update(trx, ctx, jobId, batch, i, before, now);
      // One change-feed item for the batch, so every server picks it up (not one per row).
      await blocklist.recordBulkChange(trx, [
        ...created.map((i) => String(e[i * W + E.id])),
        ...updates.map((u) => u.before.id),
      ]);
    });
    report.created += created.length;
    report.updated += updates.length;

    // The policy index: new entries go straight in (same shape loadIndex builds,
    // without re-reading and decrypting them); changed ones are re-read, with their exemptions.
    for (const i of created) {
      if (e[i * W + E.state] === 'approved') blocklist.index.upsert(policyEntryOf(batch, i));
    }
    for (const u of updates) await blocklist.refreshIndex(u.before.id);
  }

  private async update(
    trx: Executor,
    ctx: AuditContext,
    jobId: string,
    batch: PreparedBatch,
    i: number,
    before: LiveRow,
    now: number,
  ): Promise<void> {
    const at = (c: keyof typeof E) => batch.entries[i * entryColumns.length + E[c]];
    const given = batch.given[i] ?? 0;
    const changes = {
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
      updated_at: now,
    };
    await trx.updateTable('blocklist_entries').set(changes).where('id', '=', before.id).execute();
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    await trx
      .insertInto('blocklist_events')
      .values({
        id: newId('event', now),
        entry_id: before.id,
        at: now,
        kind: 'changed',
        actor_type: ctx.actor.type,
        actor_id: ctx.actor.id,
        detail: JSON.stringify({
          importId: jobId,
          fields: Object.keys(changes).filter((k) => k !== 'updated_at' && k !== 'reason_enc'),
          before: {
            level: before.level,
            category: before.category,
            startsAt: iso(before.starts_at),
            expiresAt: iso(before.expires_at),
          },
          after: {
            level: changes.level,
            category: changes.category,
            startsAt: iso(changes.starts_at),
            expiresAt: iso(changes.expires_at),
          },
        }),
        note_enc: null,
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
   * Inserts `rows` (flat: `columns.length` values a row): on SQLite in
   * statements of ROWS_PER_STATEMENT rows, on PostgreSQL in one `unnest`.
   */
  private async insertMany(
    trx: Executor,
    table: string,
    columns: readonly string[],
    rows: unknown[],
  ): Promise<void> {
    const width = columns.length;
    if (rows.length === 0) return;
    if (this.deps.store.dialect === 'postgres') {
      // One statement for the batch, a typed array a column: a 23,000-parameter
      // INSERT is mostly protocol and parsing on both ends.
      const types = pgColumnTypes[table];
      if (!types) throw new Error(`no PostgreSQL column types for ${table}`);
      const arrays = columns.map((_, k) => {
        const column: unknown[] = new Array(rows.length / width);
        for (let r = 0, j = k; j < rows.length; r++, j += width) column[r] = rows[j];
        return column;
      });
      const unnest = columns.map((c, k) => `$${k + 1}::${types[c] ?? 'text'}[]`).join(', ');
      await this.exec(
        trx,
        `insert into ${table} (${columns.join(',')}) select * from unnest(${unnest})`,
        arrays,
      );
      return;
    }
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

/** The policy index's view of row `i` of a batch. */
function policyEntryOf(batch: PreparedBatch, i: number): PolicyEntry {
  const at = (c: keyof typeof E) => batch.entries[i * entryColumns.length + E[c]];
  const type = at('identifier_type') as IdentifierType | null;
  const value = batch.identifierValues[i];
  const limitMax = at('limit_max') as number | null;
  const channels = at('allowed_channels') as string | null;
  return {
    id: at('id') as string,
    level: at('level') as BlocklistLevel,
    customerId: at('customer_id') as string | null,
    identifier: type !== null && value != null ? { type, value } : null,
    category: at('category') as string,
    state: at('state') as StoredEntryState,
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
