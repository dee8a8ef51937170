import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

/**
 * Copies a live SQLite database with the online backup API, off the main
 * thread. All pages go in one step, under one read snapshot: writers (in WAL
 * mode) go on meanwhile, and no write from another connection can make the
 * copy restart. The copy is checked and left in rollback-journal mode, one
 * self-contained file.
 */
const { source, dest } = workerData as { source: string; dest: string };

async function run(): Promise<{ pages: number }> {
  const db = new SQLite(source, { fileMustExist: true });
  let pages = 0;
  try {
    db.pragma('busy_timeout = 5000');
    const r = await db.backup(dest, { progress: () => 0x7fffffff });
    pages = r.totalPages;
  } finally {
    db.close();
  }
  const copy = new SQLite(dest, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the copy failed its integrity check: ${String(check)}`);
  } finally {
    copy.close();
  }
  return { pages };
}

run().then(
  (r) => parentPort?.postMessage({ ok: true, pages: r.pages }),
  (err: unknown) =>
    parentPort?.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) }),
);
