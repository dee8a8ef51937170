import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import { notNull, type PortableMigration, withSerialKey } from './helpers.js';

export const foundation: PortableMigration = {
  name: '0001-foundation',
  async up(db: Kysely<unknown>, dialect: DialectName) {
    await db.schema
      .createTable('encryption_keys')
      .addColumn('version', 'integer', (c) => c.primaryKey())
      .addColumn('wrapped', 'text', notNull)
      .addColumn('active', 'integer', notNull)
      .addColumn('created_at', 'bigint', notNull)
      .execute();

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', notNull)
      .addColumn('role', 'text', notNull)
      .addColumn('password_hash', 'text', notNull)
      .addColumn('locale', 'text')
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', notNull)
      .addColumn('updated_at', 'bigint', notNull)
      .addColumn('last_login_at', 'bigint')
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', 'bigint', notNull)
      .addColumn('expires_at', 'bigint', notNull)
      .execute();

    await db.schema
      .createTable('api_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', notNull)
      .addColumn('role', 'text', notNull)
      .addColumn('scopes', 'text', notNull)
      .addColumn('prefix', 'text', notNull)
      .addColumn('key_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'bigint', notNull)
      .addColumn('last_used_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .execute();

    await db.schema
      .createTable('setup_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('created_at', 'bigint', notNull)
      .addColumn('expires_at', 'bigint', notNull)
      .addColumn('used_at', 'bigint')
      .execute();

    await withSerialKey(db.schema.createTable('audit_log'), 'seq', dialect)
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('at', 'bigint', notNull)
      .addColumn('actor_type', 'text', notNull)
      .addColumn('actor_id', 'text')
      .addColumn('actor_role', 'text')
      .addColumn('action', 'text', notNull)
      .addColumn('target_type', 'text')
      .addColumn('target_id', 'text')
      .addColumn('request_id', 'text')
      .addColumn('summary', 'text', notNull)
      .addColumn('prev_hash', 'text', notNull)
      .addColumn('hash', 'text', notNull)
      .execute();
    await db.schema
      .createIndex('audit_log_target')
      .on('audit_log')
      .columns(['target_type', 'target_id'])
      .execute();
    await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();

    await db.schema
      .createTable('customers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('external_id', 'text', (c) => c.unique())
      .addColumn('name_enc', 'text')
      .addColumn('tier', 'text', notNull)
      .addColumn('lifetime_value', 'double precision', (c) => c.notNull().defaultTo(0))
      .addColumn('protected', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('attributes_enc', 'text')
      .addColumn('created_at', 'bigint', notNull)
      .addColumn('updated_at', 'bigint', notNull)
      .execute();

    await db.schema
      .createTable('customer_identifiers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
      .addColumn('type', 'text', notNull)
      .addColumn('value_enc', 'text', notNull)
      .addColumn('value_index', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'bigint', notNull)
      .execute();
    await db.schema
      .createIndex('customer_identifiers_customer')
      .on('customer_identifiers')
      .column('customer_id')
      .execute();
  },
};
