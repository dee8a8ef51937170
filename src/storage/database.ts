import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  sql,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Where the SQLite file lives, for tests and backups; null on PostgreSQL. */
  sqlitePath: string | null;
  /**
   * The raw SQLite connection Kysely uses, for bulk writes with cached prepared
   * statements (imports). Use it only inside a Kysely transaction callback, which
   * holds the connection; null on PostgreSQL.
   */
  sqlite: SQLite.Database | null;
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
 * Opens the store named by the config: PostgreSQL when a URL is given, else
 * SQLite in the data directory (WAL, foreign keys, busy timeout, full sync so
 * an acknowledged write survives a crash).
 */
export function openStore(options: { databaseUrl?: string | undefined; dataDir: string }): Store {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', sqlitePath: null, sqlite: null, close: () => db.destroy() };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const path = join(options.dataDir, SQLITE_FILE);
  const database = new SQLite(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database }) });
  return { db, dialect: 'sqlite', sqlitePath: path, sqlite: database, close: () => db.destroy() };
}

/**
 * SQLite transactions that take the write lock at BEGIN. The message recorder
 * writes through its own connection on a worker thread; a deferred
 * transaction here that reads and then writes after that connection committed
 * would fail at once with SQLITE_BUSY ("database is locked": its read snapshot
 * is stale, and SQLite does not wait in that case), where BEGIN IMMEDIATE
 * waits up to busy_timeout for the lock instead.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** A cheap round trip for /readyz. */
export async function ping(store: Store): Promise<void> {
  await sql`select 1`.execute(store.db);
}
