import { randomBytes } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Executor, Store } from '../storage/database.js';
import { BATCH_ROWS, STAGED, STAGED_PENDING } from './import-passes.js';

/** A job whose runner is on another host is taken for dead after this long without progress. */
const STALE_MS = 10 * 60_000;
/** Uploads of no living process are removed; any upload older than this too. */
const UPLOAD_MAX_AGE_MS = 86_400_000;

export const INTERRUPTED_MESSAGE =
  'interrupted (the process stopped); nothing was imported — import the same file again';

/** This process, as recorded on the jobs it runs and the uploads it keeps: `host:pid:nonce`. */
export const thisRunner = `${hostname()}:${process.pid}:${randomBytes(6).toString('hex')}`;

/**
 * Whether the process named by `runner` (`host:pid:nonce`) may still be
 * running: true for this process and for a live pid on this host; false for
 * this pid with another nonce (the process before a restart, e.g. pid 1 in a
 * container) or a pid that is gone; null when it cannot tell (another host).
 */
export function runnerAlive(runner: string | null | undefined): boolean | null {
  if (!runner) return null;
  const [host, pidText, nonce] = runner.split(':');
  if (host !== hostname()) return null;
  const pid = Number(pidText);
  if (runner === thisRunner) return true;
  if (pid === process.pid) return nonce === thisRunner.split(':')[2];
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Deletes what an unfinished import staged: its rows and their events. Idempotent. */
export async function discardStaged(db: Executor, importId: string, chunk = BATCH_ROWS): Promise<number> {
  // In chunks: one DELETE of a million staged rows outlasts PostgreSQL's statement timeout.
  let deleted = 0;
  for (;;) {
    const ids = (
      await db
        .selectFrom('blocklist_entries')
        .select('id')
        .where('import_id', '=', importId)
        .where('state', 'in', [STAGED, STAGED_PENDING])
        .limit(chunk)
        .execute()
    ).map((r) => r.id);
    if (ids.length === 0) return deleted;
    await db.deleteFrom('blocklist_events').where('entry_id', 'in', ids).execute();
    const r = await db.deleteFrom('blocklist_entries').where('id', 'in', ids).executeTakeFirst();
    deleted += Number(r.numDeletedRows);
    if (ids.length < chunk) return deleted;
  }
}

/**
 * Resolves imports whose process died (kill -9, power cut): their staged rows
 * are deleted and the job marked failed, so nothing of them is in force and no
 * job stays `running`. Runs at start-up (at once: a job of a dead process on
 * this host is known to be dead) and every few minutes (jobs of other hosts,
 * after STALE_MS without progress). Uploads left behind by a dead process are
 * removed.
 */
export async function recoverInterruptedImports(
  store: Store,
  dataDir: string,
  now: number,
): Promise<{ failed: number; removed: number }> {
  const open = await store.db
    .selectFrom('import_jobs')
    .select(['id', 'runner', 'updated_at'])
    .where('status', 'in', ['queued', 'running'])
    .execute();
  let failed = 0;
  for (const job of open) {
    const alive = runnerAlive(job.runner);
    if (alive === true) continue;
    if (alive === null && job.updated_at >= now - STALE_MS) continue;
    await store.db.transaction().execute(async (trx) => {
      await discardStaged(trx, job.id);
      const r = await trx
        .updateTable('import_jobs')
        .set({ status: 'failed', error: INTERRUPTED_MESSAGE, updated_at: now, finished_at: now })
        .where('id', '=', job.id)
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirst();
      failed += Number(r.numUpdatedRows);
    });
  }
  return { failed, removed: await sweepUploads(dataDir, now) };
}

/**
 * Uploads are named `<runner with : as _>.<id>.upload` while their job runs and
 * deleted when it ends; this removes those of processes that are gone.
 */
async function sweepUploads(dataDir: string, now: number): Promise<number> {
  let removed = 0;
  const uploads = join(dataDir, 'imports');
  let names: string[];
  try {
    names = await readdir(uploads);
  } catch {
    return 0; // No uploads folder yet.
  }
  for (const name of names) {
    const path = join(uploads, name);
    const runner = uploadRunner(name);
    const alive = runnerAlive(runner);
    let old = false;
    try {
      old = (await stat(path)).mtimeMs < now - UPLOAD_MAX_AGE_MS;
    } catch {
      continue; // gone meanwhile
    }
    if (alive === false || (alive === null && runner !== null && old) || (runner === null && old)) {
      await rm(path, { force: true, recursive: true });
      removed++;
    }
  }
  return removed;
}

/** The file name for an upload of this process. */
export function uploadName(id: string): string {
  return `${thisRunner.replaceAll(':', '_')}.${id}.upload`;
}

function uploadRunner(name: string): string | null {
  const m = /^(.+)_(\d+)_([0-9a-f]+)\.[^.]+\.upload$/.exec(name);
  return m ? `${m[1]}:${m[2]}:${m[3]}` : null;
}
