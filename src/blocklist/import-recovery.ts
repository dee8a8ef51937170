import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Store } from '../storage/database.js';

const STALE_MS = 10 * 60_000;

/**
 * An import whose process died stays `running` for ever; after ten minutes
 * without progress it is marked failed with a clear message (its committed
 * batches stay, and importing the same file again completes it: imports are
 * idempotent). Uploads left behind by a crash are removed after a day.
 */
export async function recoverInterruptedImports(
  store: Store,
  dataDir: string,
  now: number,
): Promise<{ failed: number; removed: number }> {
  const r = await store.db
    .updateTable('import_jobs')
    .set({
      status: 'failed',
      error:
        'interrupted (the process stopped); rows already written are kept — import the same file again to complete it',
      updated_at: now,
      finished_at: now,
    })
    .where('status', 'in', ['queued', 'running'])
    .where('updated_at', '<', now - STALE_MS)
    .executeTakeFirst();
  let removed = 0;
  const uploads = join(dataDir, 'imports');
  try {
    for (const name of await readdir(uploads)) {
      const path = join(uploads, name);
      if ((await stat(path)).mtimeMs < now - 86_400_000) {
        await rm(path, { force: true, recursive: true });
        removed++;
      }
    }
  } catch {
    // No uploads folder yet.
  }
  return { failed: Number(r.numUpdatedRows), removed };
}
