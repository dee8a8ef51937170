import type { Kysely } from 'kysely';
import { notNull, type PortableMigration } from './helpers.js';

/**
 * Job leases: a scheduled job runs on the node that holds its row until
 * `expires_at`; others take it over once that has passed (see jobs.ts).
 */
export const jobLeases: PortableMigration = {
  name: '0008-job-leases',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('job_leases')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('holder', 'text', notNull)
      .addColumn('expires_at', 'bigint', notNull)
      .addColumn('last_run_at', 'bigint')
      .addColumn('last_result', 'text')
      .execute();
  },
};
