/**
 * The CPU-bound half of an import: reading the file, validating rows,
 * normalising, sealing and blind-indexing values, making ids. It needs no
 * database, so a large file runs it on a worker thread (import-worker.ts)
 * while the main thread writes what it hands over; a small one runs it in
 * the calling thread. Both speak the same messages.
 *
 * Pass 1 (`validate`) reports every bad row and the customer-id rows, which
 * the main thread checks against the database. Pass 2 (`prepare`) turns the
 * good rows into ready-to-insert values, BATCH_ROWS at a time.
 */
import type { SealingKeys } from '../core/crypto/keyring.js';
import { Sealer } from '../core/crypto/keyring.js';
import { newId } from '../core/ids.js';
import type { TextEncodingName } from '../core/text-encoding.js';
import type { BlocklistCategory } from './categories.js';
import {
  categoryChoices,
  categoryLookup,
  type HeaderMap,
  hash53,
  type ImportFormat,
  type ImportRow,
  mapHeader,
  type RowContext,
  readRowBatches,
  validateRow,
} from './import-rows.js';
import { targetKeyOf } from './model.js';
import { deriveStatus } from './policy.js';

const DAY = 86_400_000;
/** Rows per write transaction. */
export const BATCH_ROWS = 5_000;

/** Columns of `blocklist_entries` in the order `PreparedBatch.entries` holds them. */
export const entryColumns = [
  'id',
  'customer_id',
  'identifier_type',
  'identifier_enc',
  'identifier_index',
  'target_key',
  'level',
  'limit_max',
  'limit_window',
  'allowed_channels',
  'category',
  'reason_enc',
  'source',
  'owner_id',
  'created_by',
  'state',
  'starts_at',
  'expires_at',
  'review_at',
  'released_at',
  'import_id',
  'created_at',
  'updated_at',
] as const;
/** Columns of `blocklist_events` in the order `PreparedBatch.events` holds them. */
export const eventColumns = [
  'id',
  'entry_id',
  'at',
  'kind',
  'actor_type',
  'actor_id',
  'detail',
  'note_enc',
] as const;

type EntryColumn = (typeof entryColumns)[number];
/** Position of each column in a row of `PreparedBatch.entries`. */
export const E = Object.fromEntries(entryColumns.map((c, i) => [c, i])) as Record<EntryColumn, number>;

/** What both passes need to know; structured-cloneable (it crosses to the worker). */
export interface ImportPassInput {
  path: string;
  format: ImportFormat;
  /** CSV: the text encoding and delimiter, when known (else found from the file). */
  encoding?: TextEncodingName | undefined;
  delimiter?: string | undefined;
  now: number;
  defaultRegion: string;
  categories: BlocklistCategory[];
  /** `type\0value` of key customers' identifiers → why they are key. */
  keyTargets: [string, string[]][];
  /** Key customers' rows are imported too, rather than bad rows. */
  confirm: boolean;
}

/** Pass 1's findings for one stretch of the file. */
export interface ValidatedBatch {
  type: 'validated';
  /** Bytes of the file read so far. */
  bytes: number;
  /** Data rows in this stretch. */
  rows: number;
  valid: number;
  skipped: number;
  /** `[line, reason]` in line order. */
  bad: [number, string][];
  /** `[line, customerId, level]` of rows targeting a customer: the caller checks them. */
  customers: [number, string, number][];
}

/** What pass 2 needs beyond the input: which lines to leave out, who imports, with which keys. */
export interface PrepareInput {
  /** Lines pass 1 (or the caller's checks) found bad. */
  badLines: number[];
  sealing: SealingKeys;
  jobId: string;
  actor: { type: string; id: string | null };
}

/** Up to BATCH_ROWS good rows, ready to insert. */
export interface PreparedBatch {
  type: 'prepared';
  bytes: number;
  count: number;
  targetKeys: string[];
  /** Normalised identifier values (null for customer targets), for the in-memory policy index. */
  identifierValues: (string | null)[];
  /** Per row: 1 = the file gave review_at, 2 = the file gave an owner. */
  given: number[];
  /** Per row: its line in the file. */
  lines: number[];
  /** `count` rows of `entryColumns.length` values each. */
  entries: unknown[];
  /** `count` rows of `eventColumns.length` values each. */
  events: unknown[];
}

export type PassMessage = ValidatedBatch | PreparedBatch;
/** Hands a message to the main thread; resolves when another may be sent. */
export type Emit = (message: PassMessage) => Promise<void>;

/**
 * States of rows an import has written but not yet made live: in force nowhere
 * (the policy index and every list skip them) until the import's last
 * transaction flips them to `approved` / `pending`, or deletes them.
 */
export const STAGED = 'staged';
export const STAGED_PENDING = 'staged_pending';

export const GIVEN_REVIEW = 1;
export const GIVEN_OWNER = 2;

export class ImportPasses {
  private readonly context: RowContext;
  private readonly keyTargets: Map<string, string[]>;

  constructor(private readonly input: ImportPassInput) {
    this.context = {
      now: input.now,
      normalize: { defaultRegion: input.defaultRegion },
      categories: categoryLookup(input.categories),
      categoryChoices: categoryChoices(input.categories),
    };
    this.keyTargets = new Map(input.keyTargets);
  }

  /** Pass 1. Returns the header, or null for a file without one (empty). */
  async validate(emit: Emit): Promise<HeaderMap | null> {
    const { confirm } = this.input;
    // Same target and level twice in one file: remembered by a 53-bit hash, not the value.
    const seen = new Map<number, number>();
    let header: HeaderMap | null = null;
    for await (const { rows, bytes } of readRowBatches(this.input.path, this.input.format, this.input)) {
      const out: ValidatedBatch = {
        type: 'validated',
        bytes,
        rows: 0,
        valid: 0,
        skipped: 0,
        bad: [],
        customers: [],
      };
      for (const { line, cells } of rows) {
        if (!header) {
          header = mapHeader(cells);
          continue;
        }
        out.rows++;
        const result = validateRow(cells, header, line, this.context);
        if (result.kind === 'skip') out.skipped++;
        else if (result.kind === 'bad') out.bad.push([line, result.reason]);
        else {
          const { target, level } = result.row;
          if (!target.identifier) {
            out.customers.push([line, target.customerId, level]);
            continue;
          }
          const key = `${target.identifier.type}\u0000${target.identifier.value}`;
          const h = hash53(`${key}\u0000${level}`);
          const earlier = seen.get(h);
          const risks = this.keyTargets.get(key);
          if (earlier !== undefined) out.bad.push([line, `same target and level as line ${earlier}`]);
          else if (risks && !confirm)
            out.bad.push([
              line,
              `needs confirmation: the target is a key customer (${risks.join('; ')}); import with confirm`,
            ]);
          else {
            seen.set(h, line);
            out.valid++;
          }
        }
      }
      await emit(out);
    }
    return header;
  }

  /** Pass 2: the good rows, sealed and indexed, BATCH_ROWS at a time. */
  async prepare(p: PrepareInput, emit: Emit): Promise<void> {
    const bad = new Set(p.badLines);
    const sealer = new Sealer(p.sealing);
    const categories = new Map(this.input.categories.map((c) => [c.key, c]));
    const { now } = this.input;
    let header: HeaderMap | null = null;
    let batch = emptyBatch();
    // Files repeat a handful of reasons over thousands of rows: seal each distinct
    // reason once per batch. Equal ciphertexts reveal only that two rows of one
    // import share a reason; GCM stays safe (same key, IV and plaintext).
    let sealedReasons = new Map<string, string>();
    // The `created` event's detail takes few distinct values: make each once.
    const details = new Map<string, string>();
    const detailOf = (r: ImportRow): string => {
      const status = deriveStatus({ state: r.state, startsAt: r.startsAt, expiresAt: r.expiresAt }, now);
      const key = `${r.level}\u0000${r.category}\u0000${status}`;
      let detail = details.get(key);
      if (detail === undefined) {
        detail = JSON.stringify({
          level: r.level,
          category: r.category,
          source: 'import',
          importId: p.jobId,
          status,
        });
        details.set(key, detail);
      }
      return detail;
    };
    const EW = entryColumns.length;
    const VW = eventColumns.length;
    const add = (r: ImportRow) => {
      const identifier = r.target.identifier;
      const index = identifier ? sealer.blindIndex(identifier.type, identifier.value) : null;
      const targetKey = targetKeyOf(index, r.target.customerId);
      const category = categories.get(r.category);
      const id = newId('blocklistEntry', now);
      const reviewAt =
        r.reviewAt !== undefined
          ? r.reviewAt
          : category?.reviewDays
            ? (r.startsAt ?? now) + category.reviewDays * DAY
            : null;
      let reason = sealedReasons.get(r.reason);
      if (reason === undefined) {
        reason = sealer.encrypt(r.reason);
        sealedReasons.set(r.reason, reason);
      }
      const n = batch.count++;
      batch.targetKeys[n] = targetKey;
      batch.identifierValues[n] = identifier ? identifier.value : null;
      batch.lines[n] = r.line;
      batch.given[n] = (r.reviewAt !== undefined ? GIVEN_REVIEW : 0) | (r.ownerId ? GIVEN_OWNER : 0);
      // Assigned by position into arrays sized for a full batch (in entryColumns order).
      const e = batch.entries;
      let k = n * EW;
      e[k++] = id;
      e[k++] = r.target.customerId;
      e[k++] = identifier?.type ?? null;
      e[k++] = identifier ? sealer.encrypt(identifier.value) : null;
      e[k++] = index;
      e[k++] = targetKey;
      e[k++] = r.level;
      e[k++] = r.limit?.max ?? null;
      e[k++] = r.limit?.windowSeconds ?? null;
      e[k++] = r.allowedChannels ? JSON.stringify(r.allowedChannels) : null;
      e[k++] = r.category;
      e[k++] = reason;
      e[k++] = 'import';
      // A person owns what they import; a command-line actor (`cli:<name>`) is no user to review it.
      e[k++] = r.ownerId ?? (p.actor.type === 'cli' ? null : p.actor.id);
      e[k++] = p.actor.id;
      e[k++] = r.state === 'pending' ? STAGED_PENDING : STAGED;
      e[k++] = r.startsAt;
      e[k++] = r.expiresAt;
      e[k++] = reviewAt;
      e[k++] = null;
      e[k++] = p.jobId;
      e[k++] = now;
      e[k] = now;
      const v = batch.events;
      k = n * VW;
      v[k++] = newId('event', now);
      v[k++] = id;
      v[k++] = now;
      v[k++] = 'created';
      v[k++] = p.actor.type;
      v[k++] = p.actor.id;
      v[k++] = detailOf(r);
      v[k] = null;
    };
    for await (const { rows, bytes } of readRowBatches(this.input.path, this.input.format, this.input)) {
      for (const { line, cells } of rows) {
        if (!header) {
          header = mapHeader(cells);
          continue;
        }
        if (bad.has(line)) continue;
        const result = validateRow(cells, header, line, this.context);
        if (result.kind !== 'row') continue;
        add(result.row);
        if (batch.count >= BATCH_ROWS) {
          batch.bytes = bytes;
          await emit(batch);
          batch = emptyBatch();
          sealedReasons = new Map();
        }
      }
      batch.bytes = bytes;
    }
    if (batch.count > 0) await emit(trimmed(batch));
  }
}

function emptyBatch(): PreparedBatch {
  return {
    type: 'prepared',
    bytes: 0,
    count: 0,
    targetKeys: new Array(BATCH_ROWS),
    identifierValues: new Array(BATCH_ROWS),
    given: new Array(BATCH_ROWS),
    lines: new Array(BATCH_ROWS),
    entries: new Array(BATCH_ROWS * entryColumns.length),
    events: new Array(BATCH_ROWS * eventColumns.length),
  };
}

/** The last batch, cut to the rows it has. */
function trimmed(b: PreparedBatch): PreparedBatch {
  b.targetKeys.length = b.count;
  b.identifierValues.length = b.count;
  b.given.length = b.count;
  b.lines.length = b.count;
  b.entries.length = b.count * entryColumns.length;
  b.events.length = b.count * eventColumns.length;
  return b;
}
