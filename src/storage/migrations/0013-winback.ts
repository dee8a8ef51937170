import type { Kysely } from 'kysely';
import { notNull, type PortableMigration } from './helpers.js';

/**
 * Win-back (挽回): a case per released blocklist entry, with an owner, a plan
 * from a template, a script and notes (encrypted: they speak of the person),
 * an outcome and satisfaction before and after; and its milestones, each
 * with a due date, when it was done and when its reminder went out.
 *
 * Also `blocklist_entries.start_notice_at`: when the optional customer notice
 * of an entry whose start was scheduled was dealt with, so it goes once.
 */
export const winback: PortableMigration = {
  name: '0013-winback',
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('blocklist_entries').addColumn('start_notice_at', 'bigint').execute();
    await db.schema
      .createTable('winback_cases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('entry_id', 'text', notNull)
      .addColumn('customer_id', 'text')
      .addColumn('category', 'text', notNull) // the entry's, kept for the figures
      .addColumn('owner_id', 'text')
      .addColumn('template', 'text') // the plan template key it started from
      .addColumn('plan', 'text', notNull) // JSON list of steps {text, done}
      .addColumn('script_enc', 'text')
      .addColumn('notes_enc', 'text')
      .addColumn('status', 'text', notNull) // open | closed
      .addColumn('outcome', 'text') // won_back | lost | no_response
      .addColumn('satisfaction_before', 'integer')
      .addColumn('satisfaction_after', 'integer')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'bigint', notNull)
      .addColumn('updated_at', 'bigint', notNull)
      .addColumn('closed_at', 'bigint')
      .execute();
    await db.schema.createIndex('winback_cases_entry').on('winback_cases').column('entry_id').execute();
    await db.schema.createIndex('winback_cases_customer').on('winback_cases').column('customer_id').execute();
    await db.schema.createIndex('winback_cases_created').on('winback_cases').column('created_at').execute();
    await db.schema
      .createTable('winback_milestones')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('winback_cases.id').onDelete('cascade'))
      .addColumn('kind', 'text', notNull) // contacted | responded | repurchased
      .addColumn('due_at', 'bigint')
      .addColumn('done_at', 'bigint')
      .addColumn('reminded_due_at', 'bigint') // the due date whose reminder went out
      .execute();
    await db.schema
      .createIndex('winback_milestones_case_kind')
      .on('winback_milestones')
      .columns(['case_id', 'kind'])
      .unique()
      .execute();
    await db.schema
      .createIndex('winback_milestones_due')
      .on('winback_milestones')
      .columns(['done_at', 'due_at'])
      .execute();
  },
};
