import type { PortableMigration } from './helpers.js';

/**
 * Erasure (data-subject requests): when a customer's personal data was
 * removed. The row stays, with its identifiers' blind indexes, so blocks and
 * opt-outs on the erased identifiers keep holding.
 */
export const privacy: PortableMigration = {
  name: '0012-privacy',
  async up(db) {
    await db.schema.alterTable('customers').addColumn('erased_at', 'bigint').execute();
  },
};
