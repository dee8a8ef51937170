import type { IntakeOutcome, PreparedIntake } from '../complaints/intake-writer.js';
import type { LiveComplaintSettings } from '../complaints/team-settings.js';
import type { NotifyConfig } from '../core/config.js';
import type { Settled } from '../core/group-commit.js';
import type { DialectName } from '../storage/database.js';
import type { BlocklistEventTable, MessageRuleHitTable, MessageTable } from '../storage/schema.js';

/**
 * The positional form of a screened message's record, as the recorder's
 * writers take it: one array of column values per row, in the column order
 * below. Plain arrays of strings, numbers and nulls cross to the writer
 * thread (postMessage) far more cheaply than objects with named keys.
 */
export type SqlValue = string | number | null;
/** `[message, rule hits, blocklist violation events]` of one screened message. */
export type RecordRow = [message: SqlValue[], ruleHits: SqlValue[][], violations: SqlValue[][]];

export const MESSAGE_COLUMNS = [
  'id',
  'received_at',
  'channel',
  'source',
  'customer_id',
  'sender_index',
  'identifiers_enc',
  'text_enc',
  'decision',
  'reasons',
  'actions',
  'external_id',
  'session_id',
  'complaint_id',
  'mark',
  'marked_by',
  'marked_at',
  'created_at',
] as const satisfies readonly (keyof MessageTable)[];

export const RULE_HIT_COLUMNS = [
  'message_id',
  'rule_id',
  'mode',
  'at',
] as const satisfies readonly (keyof MessageRuleHitTable)[];

/** `id` and `entry_id` first: a dropped violation is reported by them. */
export const EVENT_COLUMNS = [
  'id',
  'entry_id',
  'at',
  'kind',
  'actor_type',
  'actor_id',
  'detail',
  'note_enc',
  'change_enc',
] as const satisfies readonly (keyof BlocklistEventTable)[];

// Fails to compile when one of the tables gains a column that the lists above miss.
type Missing<T, C extends readonly (keyof T)[]> = Exclude<keyof T, C[number]>;
export type RecorderColumnsComplete = [
  Missing<MessageTable, typeof MESSAGE_COLUMNS>,
  Missing<MessageRuleHitTable, typeof RULE_HIT_COLUMNS>,
  Missing<BlocklistEventTable, typeof EVENT_COLUMNS>,
] extends [never, never, never]
  ? true
  : never;
export const recorderColumnsComplete: RecorderColumnsComplete = true;

export interface MessageRecordInput {
  message: MessageTable;
  ruleHits: MessageRuleHitTable[];
  violations: BlocklistEventTable[];
}

export function toRecordRow(record: MessageRecordInput): RecordRow {
  const m = record.message;
  return [
    MESSAGE_COLUMNS.map((c) => m[c]),
    record.ruleHits.map((h) => RULE_HIT_COLUMNS.map((c) => h[c])),
    record.violations.map((e) => EVENT_COLUMNS.map((c) => e[c] ?? null)),
  ];
}

export const TABLES = {
  messages: MESSAGE_COLUMNS,
  message_rule_hits: RULE_HIT_COLUMNS,
  blocklist_events: EVENT_COLUMNS,
} as const;
export type RecordTable = keyof typeof TABLES;

const statements = new Map<string, string>();

/** `insert into <table> (…) values (…),(…)` for `rows` rows, made once per dialect, table and row count. */
export function insertSql(dialect: DialectName, table: RecordTable, rows: number): string {
  const key = `${dialect}:${table}:${rows}`;
  const cached = statements.get(key);
  if (cached) return cached;
  const columns = TABLES[table];
  let n = 0;
  const tuple = () => `(${columns.map(() => (dialect === 'postgres' ? `$${++n}` : '?')).join(',')})`;
  const values: string[] = [];
  for (let i = 0; i < rows; i++) values.push(tuple());
  const text = `insert into ${table} (${columns.join(',')}) values ${values.join(',')}`;
  statements.set(key, text);
  return text;
}

/**
 * Whether a failed batch is worth retrying record by record: a constraint or
 * bad value belongs to one record, while a busy lock, a full disk or a lost
 * connection would fail every record again (and, for a lock, wait each time).
 */
export function isRecordError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return err instanceof TypeError || err instanceof RangeError;
  if (code.startsWith('SQLITE_')) return !environmentalSqlite.test(code);
  // PostgreSQL SQLSTATE: 22 data exception, 23 integrity constraint violation.
  return /^2[23][0-9A-Z]{3}$/.test(code);
}
const environmentalSqlite =
  /^SQLITE_(BUSY|LOCKED|IOERR|FULL|READONLY|CORRUPT|NOMEM|CANTOPEN|NOTADB|PROTOCOL|INTERRUPT|PERM|ABORT|SCHEMA|AUTH|NOLFS)/;

/** Whether an error inserting a violation event says its blocklist entry is gone. */
export function isMissingEntry(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503';
}

/** A complaint intake that commits with its message's record (complaints/intake-writer.ts). */
export interface RecordIntake {
  prepared: PreparedIntake;
  /** The settings it was prepared under; the writer needs them by `prepared.settingsVersion`. */
  live: LiveComplaintSettings;
}

/** What became of a batch that was written (committed), possibly record by record. */
export interface BatchOutcome {
  /** Each record's intake, by index in the batch: null where it had none (or its record failed). */
  intakes: (Settled<IntakeOutcome> | null)[];
  /** Records not written, by index in the batch; the others committed. */
  failed: { index: number; error: Error }[];
  /** Violation events left out because their blocklist entry no longer exists (the message was written). */
  dropped: { index: number; eventId: string; entryId: string }[];
  /** The batch failed as a whole and was written again record by record. */
  retried: boolean;
}

/**
 * Writes batches of records. `write` resolves once the batch has committed
 * (with the records it had to leave out), and rejects when nothing of it was
 * written (the error applies to every record).
 */
export interface RecordWriter {
  write(rows: RecordRow[], intakes: readonly (RecordIntake | null)[]): Promise<BatchOutcome>;
  close(): Promise<void>;
}

/** Intakes of the records that were written: a failed record's intake is left out with it. */
export function intakesOfWritten(
  intakes: readonly (RecordIntake | null)[],
  failed: readonly { index: number }[],
): (PreparedIntake | null)[] {
  const out = intakes.map((i) => i?.prepared ?? null);
  for (const f of failed) out[f.index] = null;
  return out;
}

// -- worker protocol (recorder-sqlite.ts ⇄ recorder-worker.ts) -------------------

export interface RecorderWorkerData {
  path: string;
  busyTimeoutMs: number;
}

/** What the writer thread needs to write complaint intakes: the keys and the outbox's channels. */
export interface WorkerIntakeSetup {
  masterKey: Buffer;
  notify: NotifyConfig;
  /** The thread's own log lines (the outbox's warnings) at the app's level. */
  logLevel: string;
}

export type WorkerRequest =
  | {
      type: 'write';
      id: number;
      rows: RecordRow[];
      /** Complaint intakes by record index (absent when the batch has none). */
      intakes?: (PreparedIntake | null)[];
      /** Complaint settings documents the thread has not been sent yet, by version. */
      settings?: { version: number; document: LiveComplaintSettings['document'] }[];
      /** The main thread's key ring (`active/count`): when it differs, the thread reloads its own. */
      keyState?: string;
    }
  | { type: 'setup'; setup: WorkerIntakeSetup }
  | { type: 'close' };

/** An intake's outcome on the wire: its complaint (audit rows already written), or the error. */
export type WireIntake = [true, Omit<IntakeOutcome, 'audit'>] | [false, string | null, string] | null;

/** Errors travel as `[code, message]`; failed records as `[index, code, message]`, drops as `[index, eventId, entryId]`. */
export type WorkerReply =
  | {
      type: 'written';
      id: number;
      failed: [number, string | null, string][];
      dropped: [number, string, string][];
      retried: boolean;
      intakes?: WireIntake[];
      ms: number;
    }
  | { type: 'failed'; id: number; code: string | null; message: string; ms: number };

export function errorOf(code: string | null, message: string): Error {
  const err = new Error(message);
  if (code) Object.assign(err, { code });
  return err;
}
