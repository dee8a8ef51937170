import type { Kysely } from 'kysely';
import { notNull, type PortableMigration } from './helpers.js';

export const screening: PortableMigration = {
  name: '0004-screening',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('rules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', notNull)
      .addColumn('stage', 'text', notNull)
      .addColumn('mode', 'text', notNull)
      .addColumn('enabled', 'integer', notNull)
      .addColumn('priority', 'integer', notNull)
      .addColumn('conditions', 'text', notNull)
      .addColumn('actions', 'text', notNull)
      .addColumn('version', 'integer', notNull)
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'bigint', notNull)
      .addColumn('updated_at', 'bigint', notNull)
      .addColumn('deleted_at', 'bigint')
      .execute();

    await db.schema
      .createTable('messages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('received_at', 'bigint', notNull)
      .addColumn('channel', 'text', notNull)
      .addColumn('source', 'text')
      .addColumn('customer_id', 'text')
      .addColumn('sender_index', 'text') // blind index of the first identifier, for "messages from this sender"
      .addColumn('identifiers_enc', 'text', notNull) // JSON [{type, value}], encrypted
      .addColumn('text_enc', 'text', notNull)
      .addColumn('decision', 'text', notNull)
      .addColumn('reasons', 'text', notNull) // JSON, no personal data
      .addColumn('actions', 'text', notNull) // JSON: autoReply, tags, route, priority
      .addColumn('external_id', 'text')
      .addColumn('session_id', 'text')
      .addColumn('complaint_id', 'text')
      .addColumn('mark', 'text')
      .addColumn('marked_by', 'text')
      .addColumn('marked_at', 'bigint')
      .addColumn('created_at', 'bigint', notNull)
      .execute();
    await db.schema.createIndex('messages_received').on('messages').column('received_at').execute();
    await db.schema
      .createIndex('messages_customer')
      .on('messages')
      .columns(['customer_id', 'received_at'])
      .execute();
    await db.schema
      .createIndex('messages_sender')
      .on('messages')
      .columns(['sender_index', 'received_at'])
      .execute();

    await db.schema
      .createTable('message_rule_hits')
      .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
      .addColumn('rule_id', 'text', notNull)
      .addColumn('mode', 'text', notNull)
      .addColumn('at', 'bigint', notNull)
      .addPrimaryKeyConstraint('message_rule_hits_pk', ['message_id', 'rule_id'])
      .execute();
    await db.schema
      .createIndex('message_rule_hits_rule')
      .on('message_rule_hits')
      .columns(['rule_id', 'at'])
      .execute();

    await db.schema
      .createTable('consents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('identifier_type', 'text', notNull)
      .addColumn('identifier_index', 'text', notNull)
      .addColumn('identifier_enc', 'text', notNull)
      .addColumn('purpose', 'text', notNull)
      .addColumn('status', 'text', notNull) // opted_in | opted_out
      .addColumn('method', 'text', notNull) // inbound_keyword | console | api | import
      .addColumn('created_at', 'bigint', notNull)
      .addColumn('updated_at', 'bigint', notNull)
      .execute();
    await db.schema
      .createIndex('consents_identifier_purpose')
      .on('consents')
      .columns(['identifier_index', 'purpose'])
      .unique()
      .execute();

    await db.schema
      .createTable('alerts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', notNull)
      .addColumn('severity', 'text', notNull) // info | warning | critical
      .addColumn('title', 'text', notNull)
      .addColumn('detail', 'text', notNull) // JSON, no plaintext identifiers
      .addColumn('target_type', 'text')
      .addColumn('target_id', 'text')
      .addColumn('dedupe_key', 'text', (c) => c.unique())
      .addColumn('status', 'text', notNull) // open | acked
      .addColumn('created_at', 'bigint', notNull)
      .addColumn('acked_at', 'bigint')
      .addColumn('acked_by', 'text')
      .execute();
    await db.schema
      .createTable('models')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('data', 'text', notNull) // serialised model: counts of hashed n-grams, no text
      .addColumn('updated_at', 'bigint', notNull)
      .execute();

    await db.schema.createIndex('alerts_status').on('alerts').columns(['status', 'created_at']).execute();
  },
};
