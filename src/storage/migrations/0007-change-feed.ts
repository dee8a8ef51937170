import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import { notNull, type PortableMigration } from './helpers.js';

/**
 * The change feed: one row per change that in-memory state depends on, written
 * in the change's own transaction. `version` is assigned under the audit
 * chain's lock (max + 1), so versions commit in order and a reader that has
 * seen version N has seen every change before it.
 */
export const changeFeed: PortableMigration = {
  name: '0007-change-feed',
  async up(db: Kysely<unknown>, _dialect: DialectName) {
    await db.schema
      .createTable('change_feed')
      .addColumn('version', 'bigint', (c) => c.primaryKey())
      .addColumn('topic', 'text', notNull) // blocklist.entry | blocklist.entries | rules | customer | …
      .addColumn('target', 'text') // an id or key, never personal data
      .addColumn('payload', 'text') // JSON, ids only
      .addColumn('origin', 'text', notNull) // the process that made the change
      .addColumn('created_at', 'bigint', notNull)
      .execute();
    await db.schema.createIndex('change_feed_created').on('change_feed').column('created_at').execute();
  },
};
