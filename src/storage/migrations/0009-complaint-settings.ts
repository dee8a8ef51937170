import type { Kysely } from 'kysely';
import { notNull, type PortableMigration } from './helpers.js';

/**
 * Settings a team changes at run time (one JSON document per section, with a
 * version that every write bumps), and two facts on complaints: whether it
 * came from a blocklisted sender, and its short human reference number
 * (`TS-20261205-0042`), numbered per day from `complaint_reference_days`.
 */
export const complaintSettings: PortableMigration = {
  name: '0009-complaint-settings',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('settings')
      .addColumn('section', 'text', (c) => c.primaryKey()) // e.g. `complaints`, `opt-out`
      .addColumn('data', 'text', notNull) // JSON document of the section
      .addColumn('version', 'integer', notNull)
      .addColumn('updated_by', 'text') // user or API key id
      .addColumn('updated_at', 'bigint', notNull)
      .execute();

    await db.schema
      .createTable('complaint_reference_days')
      .addColumn('day', 'text', (c) => c.primaryKey()) // YYYYMMDD in the reference time zone
      .addColumn('last', 'integer', notNull)
      .execute();

    await db.schema
      .alterTable('complaints')
      .addColumn('from_blocked_sender', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('complaints').addColumn('reference', 'text').execute();
    await db.schema
      .createIndex('complaints_reference')
      .on('complaints')
      .column('reference')
      .unique()
      .execute();
  },
};
