import type { Kysely } from 'kysely';
import type { PortableMigration } from './helpers.js';

/**
 * Encryption where it was missing: alert details (a surge's sample complaint
 * texts) and complaint order ids get ciphertext columns. Rows written before
 * keep their plaintext until start-up moves it over (`encryptLegacyPlaintext`
 * in src/storage/keys.ts: a migration cannot reach the key ring); the indexes
 * let that sweep find the leftovers without scanning the tables.
 */
export const security: PortableMigration = {
  name: '0011-security',
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('alerts').addColumn('detail_enc', 'text').execute();
    await db.schema.alterTable('complaints').addColumn('order_id_enc', 'text').execute();
    await db.schema.createIndex('alerts_plain_detail').on('alerts').column('detail_enc').execute();
    await db.schema.createIndex('complaints_plain_order_id').on('complaints').column('order_id').execute();
  },
};
