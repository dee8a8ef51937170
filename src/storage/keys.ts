import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { KeyRing, unwrapWithMaster, wrapWithMaster } from '../core/crypto/keyring.js';
import type { ChangeFeed } from './change-feed.js';
import type { Store } from './database.js';
import { encryptedColumns } from './encrypted-columns.js';

/**
 * Loads the data keys from the database (unwrapping them with the master key),
 * creating version 1 on first start.
 */
export async function loadKeyRing(store: Store, masterKey: Buffer, now = Date.now()): Promise<KeyRing> {
  let rows = await store.db.selectFrom('encryption_keys').selectAll().orderBy('version').execute();
  if (rows.length === 0) {
    // Two nodes starting together: the primary key makes the second insert fail; reread.
    try {
      await store.db
        .insertInto('encryption_keys')
        .values({
          version: 1,
          wrapped: wrapWithMaster(masterKey, randomBytes(32)),
          active: 1,
          created_at: now,
        })
        .execute();
    } catch {
      /* another node made it */
    }
    rows = await store.db.selectFrom('encryption_keys').selectAll().orderBy('version').execute();
  }
  let keys: { version: number; key: Buffer }[];
  try {
    keys = rows.map((r) => ({ version: r.version, key: unwrapWithMaster(masterKey, r.wrapped) }));
  } catch (cause) {
    throw new Error(
      'cannot unlock the data keys: this master key is not the one the database was created with (check WARDEN_MASTER_KEY or the key file)',
      { cause },
    );
  }
  const active = rows.filter((r) => r.active === 1).map((r) => r.version);
  return new KeyRing(masterKey, keys, Math.max(...active, 1));
}

/** Picks up keys added by another node (after a rotation elsewhere). */
export async function refreshKeyRing(store: Store, ring: KeyRing, masterKey: Buffer): Promise<void> {
  const rows = await store.db.selectFrom('encryption_keys').selectAll().orderBy('version').execute();
  for (const r of rows) {
    if (!ring.has(r.version) || (r.active === 1 && ring.activeVersion !== r.version)) {
      ring.add({ version: r.version, key: unwrapWithMaster(masterKey, r.wrapped) }, r.active === 1);
    }
  }
}

export interface RotationProgress {
  table: string;
  reencrypted: number;
}

/**
 * Adds a new data key, makes it active, and re-encrypts every encrypted column
 * in batches of `batchSize` rows, each batch its own short transaction, so the
 * service keeps running. Blind indexes do not change (their key is separate).
 */
export async function rotateDataKey(
  store: Store,
  ring: KeyRing,
  options: {
    batchSize?: number;
    onProgress?: (p: RotationProgress) => void;
    now?: number;
    /** Tells running servers through the change feed. */
    feed?: ChangeFeed;
    /** How long running servers get to load the new key before anything is sealed with it (ms). */
    propagateMs?: number;
  } = {},
): Promise<{ version: number; reencrypted: number }> {
  const batchSize = options.batchSize ?? 500;
  const key = randomBytes(32);
  const version = Math.max(0, ...ring.versions) + 1;
  // Two steps, so no server ever reads a value sealed with a key it has not
  // loaded: first every server learns the new key, then it becomes active.
  await store.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('encryption_keys')
      .values({ version, wrapped: ring.wrap(key), active: 0, created_at: options.now ?? Date.now() })
      .execute();
    await options.feed?.append(trx, [{ topic: 'keys', target: String(version) }]);
  });
  ring.add({ version, key }, false);
  options.feed?.hint();
  const wait = options.propagateMs ?? (options.feed ? 2_000 : 0);
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  await store.db.transaction().execute(async (trx) => {
    await trx.updateTable('encryption_keys').set({ active: 0 }).execute();
    await trx.updateTable('encryption_keys').set({ active: 1 }).where('version', '=', version).execute();
    await options.feed?.append(trx, [{ topic: 'keys', target: String(version) }]);
  });
  ring.add({ version, key }, true);
  options.feed?.hint();

  let total = 0;
  for (const spec of encryptedColumns) {
    let after = '';
    let done = 0;
    for (;;) {
      // Dynamic table and column names come from our own registry, never from input.
      const rows = await sql<Record<string, string | null>>`select ${sql.ref(spec.key)} as k, ${sql.join(
        spec.columns.map((c) => sql.ref(c)),
      )} from ${sql.table(spec.table)} where ${sql.ref(spec.key)} > ${after} order by ${sql.ref(spec.key)} limit ${batchSize}`.execute(
        store.db,
      );
      if (rows.rows.length === 0) break;
      await store.db.transaction().execute(async (trx) => {
        for (const row of rows.rows) {
          const set: Record<string, string> = {};
          for (const c of spec.columns) {
            const v = row[c];
            if (typeof v === 'string' && ring.isStale(v)) set[c] = ring.encrypt(ring.decrypt(v));
          }
          if (Object.keys(set).length === 0) continue;
          await sql`update ${sql.table(spec.table)} set ${sql.join(
            Object.entries(set).map(([c, v]) => sql`${sql.ref(c)} = ${v}`),
          )} where ${sql.ref(spec.key)} = ${row.k}`.execute(trx);
          done++;
        }
      });
      after = String(rows.rows[rows.rows.length - 1]?.k);
      options.onProgress?.({ table: spec.table, reencrypted: done });
    }
    total += done;
  }
  return { version, reencrypted: total };
}

/**
 * Moves plaintext written before migration 0011 into its encrypted column:
 * alert details and complaint order ids. Idempotent and cheap once done (each
 * look-up is an index seek that finds nothing); run at start-up, after the
 * key ring is loaded and before anything else writes. Returns how many rows
 * it changed.
 */
export async function encryptLegacyPlaintext(store: Store, ring: KeyRing, batchSize = 500): Promise<number> {
  let changed = 0;
  // SQLite would keep the overwritten plaintext in the page's free space: the
  // store's connection runs with secure_delete on (see openStore), which zeroes it.
  const sqlite = store.dialect === 'sqlite';
  for (;;) {
    const alerts = await store.db
      .selectFrom('alerts')
      .select(['id', 'detail'])
      .where('detail_enc', 'is', null)
      .limit(batchSize)
      .execute();
    if (alerts.length === 0) break;
    await store.db.transaction().execute(async (trx) => {
      for (const a of alerts) {
        await trx
          .updateTable('alerts')
          .set({ detail: '{}', detail_enc: ring.encrypt(a.detail) })
          .where('id', '=', a.id)
          .where('detail_enc', 'is', null)
          .execute();
      }
    });
    changed += alerts.length;
  }
  for (;;) {
    const complaints = await store.db
      .selectFrom('complaints')
      .select(['id', 'order_id'])
      .where('order_id', 'is not', null)
      .limit(batchSize)
      .execute();
    if (complaints.length === 0) break;
    await store.db.transaction().execute(async (trx) => {
      for (const c of complaints) {
        await trx
          .updateTable('complaints')
          .set({ order_id: null, order_id_enc: ring.encrypt(String(c.order_id)) })
          .where('id', '=', c.id)
          .where('order_id', 'is not', null)
          .execute();
      }
    });
    changed += complaints.length;
  }
  // Copy the zeroed pages into the main file and empty the WAL.
  if (sqlite && changed > 0) await sql`pragma wal_checkpoint(truncate)`.execute(store.db);
  return changed;
}
