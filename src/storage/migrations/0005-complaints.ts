import type { Kysely } from 'kysely';
import { notNull, type PortableMigration } from './helpers.js';

export const complaints: PortableMigration = {
  name: '0005-complaints',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('complaints')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('customer_id', 'text')
      // customer id, or `i:<blind index>` of an unknown sender: whose complaint it is
      .addColumn('subject_key', 'text', notNull)
      .addColumn('channel', 'text', notNull) // first channel
      .addColumn('channels', 'text', notNull) // JSON array, every channel it came in on
      .addColumn('category', 'text', notNull)
      .addColumn('sentiment', 'real', notNull)
      .addColumn('risk_words', 'text', notNull) // JSON array
      .addColumn('severity', 'integer', notNull)
      .addColumn('factors', 'text', notNull) // JSON [{name, points, detail}]
      .addColumn('priority', 'text', notNull)
      .addColumn('team', 'text', notNull)
      .addColumn('queue', 'text', notNull)
      .addColumn('tier', 'text')
      .addColumn('assignee_id', 'text')
      .addColumn('status', 'text', notNull)
      .addColumn('order_id', 'text')
      .addColumn('text_enc', 'text', notNull) // first text, encrypted
      .addColumn('contact_enc', 'text') // JSON {phone?, email?} for notifications, encrypted
      .addColumn('locale', 'text', notNull)
      .addColumn('message_count', 'integer', notNull)
      .addColumn('sla_due_at', 'bigint', notNull)
      .addColumn('escalated_at', 'bigint')
      .addColumn('resolved_at', 'bigint')
      .addColumn('last_message_at', 'bigint', notNull)
      .addColumn('created_at', 'bigint', notNull)
      .addColumn('updated_at', 'bigint', notNull)
      .execute();
    await db.schema
      .createIndex('complaints_subject')
      .on('complaints')
      .columns(['subject_key', 'category', 'status'])
      .execute();
    await db.schema
      .createIndex('complaints_queue')
      .on('complaints')
      .columns(['status', 'priority', 'severity', 'created_at'])
      .execute();
    await db.schema
      .createIndex('complaints_customer')
      .on('complaints')
      .columns(['customer_id', 'id'])
      .execute();
    await db.schema.createIndex('complaints_created').on('complaints').column('created_at').execute();
    await db.schema
      .createIndex('complaints_sla')
      .on('complaints')
      .columns(['sla_due_at', 'status'])
      .execute();

    // Every submission that made or joined a complaint: frequency, channels and surges count these.
    await db.schema
      .createTable('complaint_messages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id').onDelete('cascade'))
      .addColumn('message_id', 'text') // the screened message, null when posted directly
      .addColumn('subject_key', 'text', notNull)
      .addColumn('channel', 'text', notNull)
      .addColumn('category', 'text', notNull)
      .addColumn('topics', 'text', notNull) // JSON array of risk words and category keywords
      .addColumn('text_enc', 'text', notNull)
      .addColumn('at', 'bigint', notNull)
      .execute();
    await db.schema
      .createIndex('complaint_messages_subject')
      .on('complaint_messages')
      .columns(['subject_key', 'at'])
      .execute();
    await db.schema.createIndex('complaint_messages_at').on('complaint_messages').column('at').execute();
    await db.schema
      .createIndex('complaint_messages_complaint')
      .on('complaint_messages')
      .columns(['complaint_id', 'at'])
      .execute();

    await db.schema
      .createTable('complaint_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id').onDelete('cascade'))
      .addColumn('at', 'bigint', notNull)
      .addColumn('kind', 'text', notNull)
      .addColumn('actor_type', 'text', notNull)
      .addColumn('actor_id', 'text')
      .addColumn('detail', 'text', notNull) // JSON, no plaintext personal data
      .addColumn('note_enc', 'text')
      .execute();
    await db.schema
      .createIndex('complaint_events_complaint')
      .on('complaint_events')
      .columns(['complaint_id', 'at'])
      .execute();
  },
};
