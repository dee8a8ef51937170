import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/access/audit.js';
import { everyPermission } from '../../src/access/permissions.js';
import { createApp } from '../../src/app.js';
import { INTERRUPTED_MESSAGE } from '../../src/blocklist/import-recovery.js';
import { loadConfig } from '../../src/core/config.js';
import { createLogger } from '../../src/core/logging.js';
import { SQLITE_FILE } from '../../src/storage/database.js';
import { freePort } from '../helpers/server-process.js';

const root = resolve(import.meta.dirname, '../..');
const ROWS = 200_000;

function bigCsv(): Buffer {
  const lines = ['手机号,分类,原因'];
  for (let i = 0; i < ROWS; i++) lines.push(`13${String(i).padStart(9, '0')},spam,群发广告 ${i}`);
  return Buffer.from(`${lines.join('\n')}\n`);
}

/**
 * Issue 15, item 3: an import is all-or-nothing across a kill -9. A real
 * server process (from source, through tsx) is killed with SIGKILL while it
 * writes; after the restart nothing of the import is in force or stored, the
 * job is failed (not "running"), and the upload is gone.
 */
describe('kill -9 during an import (SQLite, real process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-import-kill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves nothing of the import, and resolves the job at start-up', async () => {
    const env = { WARDEN_DATA_DIR: dir, WARDEN_LOG_LEVEL: 'warn' };
    const setup = await createApp(loadConfig(env), { log: createLogger('silent') });
    const { key } = await setup.access.createApiKey(
      systemContext,
      {
        name: 'importer',
        role: 'admin',
        scopes: [],
      },
      everyPermission,
    );
    await setup.close();

    const port = await freePort();
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        "import('./src/cli/main.ts').then((m) => m.main(['node', 'warden', 'serve']))",
      ],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '/tmp',
          ...env,
          WARDEN_PORT: String(port),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let log = '';
    child.stdout?.on('data', (d) => {
      log += String(d);
    });
    child.stderr?.on('data', (d) => {
      log += String(d);
    });
    const exited = new Promise((r) => child.once('exit', r));
    const base = `http://127.0.0.1:${port}`;
    try {
      for (let i = 0; i < 600; i++) {
        const ok = await fetch(`${base}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const form = new FormData();
      form.append('file', new Blob([bigCsv()]), 'big.csv');
      const res = await fetch(`${base}/api/v1/blocklist/import?wait=0`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}` },
        body: form,
      });
      expect(res.status, log).toBe(202);
      const jobId = ((await res.json()) as { id: string }).id;
      // Wait until some batches are staged, then kill it. The server's event loop is
      // busy writing, so its HTTP answers lag; the file itself is read directly, in a
      // tight loop, so the kill lands inside the write phase however fast it is.
      const watch = new SQLite(join(dir, SQLITE_FILE), { readonly: true, fileMustExist: true });
      const stagedNow = watch.prepare(
        "select count(*) as n from blocklist_entries where import_id = ? and state = 'staged'",
      );
      const jobNow = watch.prepare('select status from import_jobs where id = ?');
      let seen = { staged: 0, status: '' };
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline) {
        seen = {
          staged: (stagedNow.get(jobId) as { n: number }).n,
          status: (jobNow.get(jobId) as { status: string }).status,
        };
        if (seen.staged >= 10_000 || (seen.status !== 'running' && seen.status !== 'queued')) break;
        await new Promise((r) => setTimeout(r, 1));
      }
      child.kill('SIGKILL');
      await exited;
      watch.close();
      expect(seen.status, log).toBe('running');
      expect(seen.staged).toBeGreaterThanOrEqual(10_000);

      // Before any recovery: rows were written (staged), the job says running, the upload is there.
      const raw = new SQLite(join(dir, SQLITE_FILE));
      const staged = raw
        .prepare("select count(*) as n from blocklist_entries where import_id = ? and state = 'staged'")
        .get(jobId) as { n: number };
      const live = raw
        .prepare("select count(*) as n from blocklist_entries where state = 'approved'")
        .get() as {
        n: number;
      };
      raw.close();
      expect(staged.n).toBeGreaterThan(0);
      expect(live.n).toBe(0);
      expect(readdirSync(join(dir, 'imports'))).toHaveLength(1);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }

    // The next start resolves it at once.
    const app = await createApp(loadConfig(env), { log: createLogger('silent') });
    try {
      const jobs = await app.store.db.selectFrom('import_jobs').select(['status', 'error']).execute();
      expect(jobs).toEqual([{ status: 'failed', error: INTERRUPTED_MESSAGE }]);
      expect(await app.store.db.selectFrom('blocklist_entries').select('id').execute()).toEqual([]);
      expect(await app.store.db.selectFrom('blocklist_events').select('id').execute()).toEqual([]);
      expect(readdirSync(join(dir, 'imports'))).toEqual([]);
      expect(app.blocklist.index.size).toBe(0);
    } finally {
      await app.close();
    }
  }, 300_000);
});
