/**
 * PostgreSQL's COPY for bulk writes: rows stream in the text format, with no
 * statement to parse and plan per batch and no parameters to bind, which made
 * a 5,000-row `insert … select * from unnest($1…$20)` about twice the server
 * time of copying the same rows (issue 13's import row).
 *
 * COPY needs the connection itself, which Kysely does not hand out, so a
 * caller takes one client from the store's pool and gets a Kysely bound to it
 * as well: statements through that Kysely (a transaction included) and COPYs
 * through the client run on the same session, in the same transaction.
 *
 * @example
 *   await withPgSession(store, (db, copy) =>
 *     db.transaction().execute(async (trx) => {
 *       await copy('blocklist_events', eventColumns, rows); // inside trx
 *       await trx.updateTable('import_jobs').set(…).execute();
 *     }));
 */
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Store } from './database.js';
import type { Database } from './schema.js';

/** Writes `rows` (row-major: `columns.length` values a row) into `table`, in the session's transaction. */
export type CopyRows = (table: string, columns: readonly string[], rows: readonly unknown[]) => Promise<void>;

/** Text-format bytes handed to the COPY stream at a time. */
const CHUNK_CHARS = 1 << 20;

/**
 * One value in COPY's text format: `\N` for null, and the backslash, tab,
 * newline and carriage return escaped; numbers and bigints as their digits.
 */
export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const s = typeof v === 'string' ? v : String(v);
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : s;
}

/** Rows (row-major, `width` values each) as COPY text lines. */
export function* copyText(rows: readonly unknown[], width: number): Generator<string> {
  let chunk = '';
  for (let i = 0; i < rows.length; i += width) {
    for (let k = 0; k < width; k++) {
      if (k > 0) chunk += '\t';
      chunk += copyValue(rows[i + k]);
    }
    chunk += '\n';
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** COPYs rows through one client (which must not run anything else meanwhile). */
export async function copyRows(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[],
): Promise<void> {
  if (rows.length === 0) return;
  if (rows.length % columns.length !== 0)
    throw new Error(`${rows.length} values do not make rows of ${columns.length} columns`);
  await pipeline(
    copyText(rows, columns.length),
    client.query(copyFrom(`copy ${table} (${columns.join(',')}) from stdin`)),
  );
}

/**
 * Runs `f` with one client of the store's pool, as a Kysely and as a COPY
 * function on the same session; the client goes back to the pool after.
 */
export async function withPgSession<T>(
  store: Store,
  f: (db: Kysely<Database>, copy: CopyRows) => Promise<T>,
): Promise<T> {
  const pool = store.pgPool;
  if (!pool) throw new Error('withPgSession needs a PostgreSQL store');
  const client = await pool.connect();
  // Kysely releases its connection after every query or transaction; this
  // session keeps the client until `f` is done, so that release does nothing.
  const held = new Proxy(client, {
    get(target, key) {
      if (key === 'release') return () => undefined;
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: { connect: async () => held, end: async () => undefined } }),
  });
  let broken: Error | undefined;
  try {
    return await f(db, (table, columns, rows) => copyRows(client, table, columns, rows));
  } catch (err) {
    // A COPY cut off mid-stream can leave the session unusable; do not pool it again.
    broken = err instanceof Error ? err : new Error(String(err));
    throw err;
  } finally {
    await db.destroy();
    client.release(broken);
  }
}
