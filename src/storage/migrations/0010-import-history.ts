import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import type { PortableMigration } from './helpers.js';

/**
 * Imports that survive a crash, and history that keeps everything.
 *
 * - `blocklist_entries.import_id` gets an index: an import writes its rows
 *   staged (state `staged` / `staged_pending`, in force nowhere) and flips them
 *   live by import id in one final transaction, or deletes them by it when the
 *   import fails or its process died.
 * - `import_jobs.runner` names the process running a job (`host:pid:nonce`), so
 *   start-up can tell an interrupted job from one another process is running.
 * - `blocklist_events.change_enc`: the personal fields of a change (the reason,
 *   before and after) as encrypted JSON; `detail` keeps the rest, unencrypted.
 */
export const importHistory: PortableMigration = {
  name: '0010-import-history',
  async up(db: Kysely<unknown>, _dialect: DialectName) {
    await db.schema
      .createIndex('blocklist_entries_import')
      .on('blocklist_entries')
      .column('import_id')
      .execute();
    await db.schema.alterTable('import_jobs').addColumn('runner', 'text').execute();
    await db.schema.alterTable('blocklist_events').addColumn('change_enc', 'text').execute();
  },
};
