import type { Kysely } from 'kysely';
import { notNull, type PortableMigration } from './helpers.js';

export const blocklist: PortableMigration = {
  name: '0002-blocklist',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('blocklist_categories')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('label_zh', 'text', notNull)
      .addColumn('label_en', 'text', notNull)
      .addColumn('default_level', 'integer', notNull)
      .addColumn('default_limit_max', 'integer')
      .addColumn('default_limit_window', 'integer')
      .addColumn('review_days', 'integer')
      .addColumn('builtin', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', notNull)
      .addColumn('updated_at', 'bigint', notNull)
      .execute();

    await db.schema
      .createTable('blocklist_entries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('customer_id', 'text')
      .addColumn('identifier_type', 'text')
      .addColumn('identifier_enc', 'text')
      .addColumn('identifier_index', 'text')
      // One key for "the same target" across both kinds: the identifier's blind index or the customer id.
      .addColumn('target_key', 'text', notNull)
      .addColumn('level', 'integer', notNull)
      .addColumn('limit_max', 'integer')
      .addColumn('limit_window', 'integer')
      .addColumn('allowed_channels', 'text')
      .addColumn('category', 'text', (c) => c.notNull().references('blocklist_categories.key'))
      .addColumn('reason_enc', 'text', notNull)
      .addColumn('source', 'text', notNull)
      .addColumn('owner_id', 'text')
      .addColumn('created_by', 'text')
      .addColumn('state', 'text', notNull)
      .addColumn('starts_at', 'bigint')
      .addColumn('expires_at', 'bigint')
      .addColumn('review_at', 'bigint')
      .addColumn('released_at', 'bigint')
      .addColumn('import_id', 'text')
      .addColumn('created_at', 'bigint', notNull)
      .addColumn('updated_at', 'bigint', notNull)
      .execute();
    await db.schema
      .createIndex('blocklist_entries_target')
      .on('blocklist_entries')
      .columns(['target_key', 'state'])
      .execute();
    await db.schema
      .createIndex('blocklist_entries_review')
      .on('blocklist_entries')
      .columns(['state', 'review_at'])
      .execute();
    await db.schema
      .createIndex('blocklist_entries_customer')
      .on('blocklist_entries')
      .column('customer_id')
      .execute();

    await db.schema
      .createTable('blocklist_exemptions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('entry_id', 'text', (c) =>
        c.notNull().references('blocklist_entries.id').onDelete('cascade'),
      )
      .addColumn('from_at', 'bigint')
      .addColumn('until_at', 'bigint')
      .addColumn('session_id', 'text')
      .addColumn('channel', 'text')
      .addColumn('reason_enc', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'bigint', notNull)
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('blocklist_exemptions_entry')
      .on('blocklist_exemptions')
      .column('entry_id')
      .execute();

    await db.schema
      .createTable('blocklist_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('entry_id', 'text', (c) =>
        c.notNull().references('blocklist_entries.id').onDelete('cascade'),
      )
      .addColumn('at', 'bigint', notNull)
      .addColumn('kind', 'text', notNull)
      .addColumn('actor_type', 'text', notNull)
      .addColumn('actor_id', 'text')
      .addColumn('detail', 'text', notNull) // JSON without personal data
      .addColumn('note_enc', 'text') // free text (release reason, review note), encrypted
      .execute();
    await db.schema
      .createIndex('blocklist_events_entry')
      .on('blocklist_events')
      .columns(['entry_id', 'at'])
      .execute();
    await db.schema
      .createIndex('blocklist_events_kind_at')
      .on('blocklist_events')
      .columns(['kind', 'at'])
      .execute();

    await db.schema
      .createTable('blocklist_reminders')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('entry_id', 'text', (c) =>
        c.notNull().references('blocklist_entries.id').onDelete('cascade'),
      )
      .addColumn('owner_id', 'text')
      .addColumn('due_at', 'bigint', notNull)
      .addColumn('created_at', 'bigint', notNull)
      .addColumn('done_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('blocklist_reminders_once')
      .on('blocklist_reminders')
      .columns(['entry_id', 'due_at'])
      .unique()
      .execute();

    await db.schema
      .createTable('import_jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', notNull)
      .addColumn('file_name', 'text', notNull)
      .addColumn('file_hash', 'text', notNull)
      .addColumn('dry_run', 'integer', notNull)
      .addColumn('skip_invalid', 'integer', notNull)
      .addColumn('status', 'text', notNull) // queued | running | succeeded | failed
      .addColumn('total_rows', 'integer')
      .addColumn('processed_rows', 'integer', notNull)
      .addColumn('report', 'text') // JSON: counts and bad rows (line, reason; never values)
      .addColumn('error', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'bigint', notNull)
      .addColumn('updated_at', 'bigint', notNull)
      .addColumn('finished_at', 'bigint')
      .execute();
  },
};
