import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import { notNull, type PortableMigration, withSerialKey } from './helpers.js';

/**
 * The notification outbox. A row is the durable promise to deliver one
 * message; `next_attempt_at` is when it is next due, and while a worker holds
 * it (`status = 'sending'`) it is the lease's end, after which another worker
 * may take it over.
 */
export const notify: PortableMigration = {
  name: '0006-notify',
  async up(db: Kysely<unknown>, dialect: DialectName) {
    await db.schema
      .createTable('notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('channel', 'text', notNull) // sms | email | webhook
      .addColumn('to_enc', 'text') // recipient, encrypted; null for webhook
      .addColumn('data_enc', 'text', notNull) // JSON template values, encrypted
      .addColumn('template', 'text', notNull)
      .addColumn('locale', 'text', notNull)
      .addColumn('subject_type', 'text')
      .addColumn('subject_id', 'text')
      .addColumn('status', 'text', notNull) // pending | sending | sent | failed
      .addColumn('attempts', 'integer', notNull)
      .addColumn('next_attempt_at', 'bigint')
      .addColumn('claim_id', 'text') // fences a worker whose lease ran out
      .addColumn('last_error', 'text') // no secrets, no recipient address
      .addColumn('sent_at', 'bigint')
      .addColumn('created_at', 'bigint', notNull)
      .addColumn('updated_at', 'bigint', notNull)
      .execute();
    await db.schema
      .createIndex('notifications_due')
      .on('notifications')
      .columns(['status', 'next_attempt_at'])
      .execute();
    await db.schema
      .createIndex('notifications_subject')
      .on('notifications')
      .columns(['subject_type', 'subject_id'])
      .execute();

    await withSerialKey(db.schema.createTable('notification_attempts'), 'id', dialect)
      .addColumn('notification_id', 'text', (c) =>
        c.notNull().references('notifications.id').onDelete('cascade'),
      )
      .addColumn('at', 'bigint', notNull)
      .addColumn('ok', 'integer', notNull)
      .addColumn('error', 'text')
      .addColumn('duration_ms', 'integer', notNull)
      .execute();
    await db.schema
      .createIndex('notification_attempts_notification')
      .on('notification_attempts')
      .columns(['notification_id', 'at'])
      .execute();
  },
};
