import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  sql,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { Logger } from '../core/logging.js';
import { LruCache } from '../core/lru.js';
import type { Database } from './schema.js';
import { WriteGate } from './write-gate.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Where the SQLite file lives, for tests and backups; null on PostgreSQL. */
  sqlitePath: string | null;
  /**
   * SQLite: the turn every writer of this process takes, the Kysely connection
   * (for each query or transaction) and the recorder's writer thread (for each
   * batch); see WriteGate. Null on PostgreSQL.
   */
  gate: WriteGate | null;
  /** PostgreSQL: the pool behind `db`, for what Kysely cannot do (COPY: pg-copy.ts). */
  pgPool?: pg.Pool | null;
  close(): Promise<void>;
}

export type Executor = Kysely<Database> | Transaction<Database>;

// BIGINT (epoch ms, counts) comes back from pg as a string by default; every
// value we store fits a double exactly, so parse it once here.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
// NUMERIC / double precision as numbers too.
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

export const SQLITE_FILE = 'warden.db';

/**
 * Page cache of the main SQLite connection, in KiB (SQLite's default is 2 MiB).
 * The blocklist's target index alone is ~60 MB at a million entries; with 2 MiB
 * every look-up of an import batch went to the OS for its pages.
 */
export const SQLITE_CACHE_KIB = 64 * 1024;

/** PostgreSQL pool timeouts in ms (WARDEN_DB_*_TIMEOUT_MS); a statement timeout of 0 sets no statement limits. */
export interface PoolTimeouts {
  statementTimeoutMs: number;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
}

export const defaultPoolTimeouts: PoolTimeouts = {
  statementTimeoutMs: 5_000,
  connectTimeoutMs: 5_000,
  idleTimeoutMs: 30_000,
};

/**
 * Opens the store named by the config: PostgreSQL when a URL is given, else
 * SQLite in the data directory (WAL, foreign keys, busy timeout, full sync so
 * an acknowledged write survives a crash).
 */
export function openStore(options: {
  databaseUrl?: string | undefined;
  dataDir: string;
  timeouts?: PoolTimeouts;
  log?: Logger;
}): Store {
  if (options.databaseUrl) {
    const pool = createPool(options.databaseUrl, options.timeouts ?? defaultPoolTimeouts, options.log);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', sqlitePath: null, gate: null, pgPool: pool, close: () => db.destroy() };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const path = join(options.dataDir, SQLITE_FILE);
  const database = new SQLite(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  // Deleted and overwritten content (erasure, retention) is zeroed in the file,
  // not left in free space; flushWal() then removes the old page images.
  database.pragma('secure_delete = ON');
  const gate = new WriteGate();
  const db = sqliteKysely(database, gate);
  return { db, dialect: 'sqlite', sqlitePath: path, gate, close: () => db.destroy() };
}

/**
 * A pool that survives the database going away: a connection that breaks
 * (backend terminated, server restarted, network cut) emits 'error' on its
 * client — on the pool while idle — and an 'error' event with no listener
 * ends the process. We log it; the pool drops the broken client and the next
 * query opens a new connection. The timeouts make a frozen or unreachable
 * database fail a request instead of stalling it (and /readyz) forever.
 */
function createPool(url: string, t: PoolTimeouts, log: Logger | undefined): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: t.connectTimeoutMs,
    idleTimeoutMillis: t.idleTimeoutMs,
    keepAlive: true,
    // 0: no statement limits (migrations, which may rewrite big tables).
    ...(t.statementTimeoutMs > 0
      ? {
          // Server-side: cancels the statement, and ends a transaction left idle.
          statement_timeout: t.statementTimeoutMs,
          idle_in_transaction_session_timeout: Math.max(t.statementTimeoutMs * 2, 10_000),
          // Client-side: a query whose answer never comes (server frozen, packets dropped).
          query_timeout: t.statementTimeoutMs + 1_000,
        }
      : {}),
  });
  pool.on('error', (err) => log?.warn({ err: errSummary(err) }, 'database connection lost (idle)'));
  pool.on('connect', (client) => {
    client.on('error', (err) => log?.warn({ err: errSummary(err) }, 'database connection lost'));
  });
  return pool;
}

/** The part of a pg error worth a log line (its stack says nothing new on every broken connection). */
const errSummary = (err: Error & { code?: string }) => ({ message: err.message, code: err.code });

/**
 * SQLite transactions that take the write lock at BEGIN, and writes only in
 * this process's turn (WriteGate): a transaction from BEGIN to its end, a
 * write outside one for its statement. The message recorder writes through
 * its own connection on a worker thread; a deferred transaction here that
 * reads and then writes after that connection committed would fail at once
 * with SQLITE_BUSY ("database is locked": its read snapshot is stale, and
 * SQLite does not wait in that case), where BEGIN IMMEDIATE waits for the
 * lock instead — for another process's writer; this process's take turns.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(
    private readonly settings: SqliteDialectConfig,
    private readonly gate: WriteGate,
  ) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings, this.gate);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  /** Passes the gate on; set while a transaction holds it. */
  private passTurn: (() => void) | null = null;
  private gated: DatabaseConnection | null = null;

  constructor(
    config: SqliteDialectConfig,
    private readonly gate: WriteGate,
  ) {
    super(config);
  }

  /**
   * The one connection, wrapped: a write outside a transaction takes the gate
   * for its statement. Reads never do (WAL readers do not wait for the writer).
   */
  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    this.gated ??= gatedConnection(connection, this.gate, () => this.passTurn !== null);
    return this.gated;
  }

  /** A transaction takes the gate at BEGIN and passes it on at COMMIT or ROLLBACK. */
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    // Held before BEGIN runs, so the statement itself does not ask for the turn again.
    this.passTurn = await this.gate.acquire();
    try {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    } catch (err) {
      this.endTurn();
      throw err;
    }
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.commitTransaction(connection);
    } finally {
      this.endTurn();
    }
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.rollbackTransaction(connection);
    } finally {
      this.endTurn();
    }
  }

  private endTurn(): void {
    const passTurn = this.passTurn;
    this.passTurn = null;
    passTurn?.();
  }
}

const writeNodes = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);

/** True unless the statement is sure to only read (raw SQL counts as a write unless it is a SELECT). */
function mayWrite(query: CompiledQuery): boolean {
  const kind = query.query.kind;
  if (writeNodes.has(kind)) return true;
  if (kind === 'RawNode') return !/^\s*(select|with|explain|pragma\s+\w+\s*$)/i.test(query.sql);
  return kind !== 'SelectQueryNode';
}

function gatedConnection(
  connection: DatabaseConnection,
  gate: WriteGate,
  inTransaction: () => boolean,
): DatabaseConnection {
  return {
    async executeQuery(query) {
      if (inTransaction() || !mayWrite(query)) return connection.executeQuery(query);
      const passTurn = await gate.acquire();
      try {
        return await connection.executeQuery(query);
      } finally {
        passTurn();
      }
    },
    streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
  };
}

/**
 * A Kysely over an open SQLite connection, with this module's transactions
 * (BEGIN IMMEDIATE, in turns of `gate`) and statement cache: the recorder's
 * writer thread runs complaint intakes through one on its own connection.
 */
export function sqliteKysely(database: SQLite.Database, gate = new WriteGate()): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(database) }, gate),
  });
}

/** Statements kept prepared, by SQL text. */
const STATEMENT_CACHE = 512;

/**
 * Kysely's SQLite driver prepares every query it runs; preparing cost more
 * than running for the short queries of a complaint intake (a third of its
 * time). Handing it this wrapper keeps the statements of the queries the
 * application repeats. Kysely holds the one connection for a query (or a
 * transaction) at a time, so a cached statement is never in use twice.
 */
function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const statements = new LruCache<string, SQLite.Statement>(STATEMENT_CACHE);
  return {
    close: () => database.close(),
    prepare(text: string) {
      let statement = statements.get(text);
      if (statement === undefined) {
        statement = database.prepare(text);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

/** PostgreSQL error classes that mean "the server is away", not "the statement is wrong". */
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-3]|53300|57014)/;
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|ECONNREFUSED|ECONNRESET|EPIPE|Client has encountered a connection error/i;

/**
 * True when a query failed because the database could not be reached or
 * answered too late (connection refused or cut, server shutting down, too
 * many connections, statement timeout) — a 503 to retry, not a 500 bug.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as Error & { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_MESSAGE.test(code)))
      return true;
    if (UNAVAILABLE_MESSAGE.test(e.message)) return true;
  }
  return false;
}

/** A cheap round trip for /readyz. */
export async function ping(store: Store): Promise<void> {
  await sql`select 1`.execute(store.db);
}

/**
 * SQLite: copies the write-ahead log into the database file and truncates it,
 * so page images from before an erasure are gone from disk too. Waits (up to
 * `timeoutMs`) while a reader holds an older snapshot. No-op on PostgreSQL.
 * Returns false if the log could not be truncated in time.
 */
export async function flushWal(store: Store, timeoutMs = 10_000): Promise<boolean> {
  if (store.dialect !== 'sqlite') return true;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(store.db);
    if (rows[0]?.busy === 0) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}
