import { type Kysely, type Migration, type MigrationResultSet, Migrator, sql } from 'kysely';
import type { DialectName, Store } from './database.js';
import { foundation } from './migrations/0001-foundation.js';
import { blocklist } from './migrations/0002-blocklist.js';
import { screening } from './migrations/0004-screening.js';
import { complaints } from './migrations/0005-complaints.js';
import { notify } from './migrations/0006-notify.js';
import { changeFeed } from './migrations/0007-change-feed.js';
import { jobLeases } from './migrations/0008-job-leases.js';
import { complaintSettings } from './migrations/0009-complaint-settings.js';
import { importHistory } from './migrations/0010-import-history.js';
import { security } from './migrations/0011-security.js';
import { privacy } from './migrations/0012-privacy.js';
import { winback } from './migrations/0013-winback.js';
import type { PortableMigration } from './migrations/helpers.js';

/** Every migration, in order. Names are permanent once released. */
export const migrations: PortableMigration[] = [
  foundation,
  blocklist,
  screening,
  complaints,
  notify,
  changeFeed,
  jobLeases,
  complaintSettings,
  importHistory,
  security,
  privacy,
  winback,
];

function provider(dialect: DialectName) {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      const out: Record<string, Migration> = {};
      for (const m of migrations) {
        out[m.name] = {
          up: async (db: Kysely<unknown>) => {
            // A migration may rewrite a big table: WARDEN_DB_STATEMENT_TIMEOUT_MS is for requests,
            // not for this (PostgreSQL runs each migration in a transaction; `local` ends with it).
            if (dialect === 'postgres') await sql`set local statement_timeout = 0`.execute(db);
            await m.up(db, dialect);
          },
        };
      }
      return out;
    },
  };
}

export interface MigrationReport {
  applied: string[];
}

/**
 * Brings the schema up to date. Kysely's migrator takes a lock (a table lock on
 * PostgreSQL), so many nodes starting at once apply each migration once.
 */
export async function migrateToLatest(store: Store): Promise<MigrationReport> {
  const migrator = new Migrator({
    db: store.db as unknown as Kysely<unknown>,
    provider: provider(store.dialect),
    migrationTableName: 'warden_migrations',
    migrationLockTableName: 'warden_migrations_lock',
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return {
    applied: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
  };
}
