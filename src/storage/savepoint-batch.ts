import type { Kysely, Transaction } from 'kysely';
import type { Settled } from '../core/group-commit.js';
import type { Database } from './schema.js';

/**
 * Writes a batch in ONE transaction, each item in a savepoint of its own and
 * in order (an item sees what the items before it wrote). An item that throws
 * is rolled back to its savepoint and reported as failed; the others commit.
 * On PostgreSQL the savepoint also clears the aborted state a failed statement
 * leaves behind, so the items after it can still run.
 *
 * `beforeCommit` runs last, in the same transaction, with every outcome; if it
 * (or the commit) throws, the whole batch is rolled back and this rejects.
 *
 * Nothing inside may use the store's own `db`: on SQLite it has one
 * connection, held by this transaction until the commit.
 */
export async function eachInSavepoint<T, R>(
  db: Kysely<Database>,
  items: readonly T[],
  write: (trx: Transaction<Database>, item: T) => Promise<R>,
  beforeCommit?: (trx: Transaction<Database>, outcomes: readonly Settled<R>[]) => Promise<void>,
): Promise<Settled<R>[]> {
  const trx = await db.startTransaction().execute();
  try {
    const outcomes: Settled<R>[] = [];
    for (const item of items) {
      const inItem = await trx.savepoint('batch_item').execute();
      try {
        const value = await write(inItem, item);
        await inItem.releaseSavepoint('batch_item').execute();
        outcomes.push({ ok: true, value });
      } catch (error) {
        // ROLLBACK TO keeps the savepoint; RELEASE then drops it, so the next item starts clean.
        await inItem.rollbackToSavepoint('batch_item').execute();
        await inItem.releaseSavepoint('batch_item').execute();
        outcomes.push({ ok: false, error });
      }
    }
    await beforeCommit?.(trx, outcomes);
    await trx.commit().execute();
    return outcomes;
  } catch (err) {
    // A failed COMMIT leaves Kysely's connection held; ROLLBACK releases it either way.
    if (!trx.isCommitted && !trx.isRolledBack)
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
    throw err;
  }
}
