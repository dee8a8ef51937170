import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/core/config.js';
import { createLogger } from '../../src/core/logging.js';
import { freePort } from '../helpers/postgres.js';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'bin/warden.js');

/**
 * Acknowledged means durable: a stream of screen calls, the server killed with
 * SIGKILL mid-stream, and every message that got a 200 must be in the database
 * when it comes back.
 */
describe('kill -9 during a stream of screen calls (built server, SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-kill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loses no acknowledged message', async () => {
    if (!existsSync(join(root, 'dist/server/cli/main.js')))
      throw new Error('run `npm run build` first (npm test does)');
    const env = { PATH: process.env.PATH ?? '', WARDEN_DATA_DIR: dir, WARDEN_LOG_LEVEL: 'warn' };
    const made = spawnSync(
      process.execPath,
      [bin, 'apikeys', 'create', '--name', 'gateway', '--role', 'agent', '--scopes', 'screen'],
      { env, encoding: 'utf8' },
    );
    const key = /^wdn_\S+$/m.exec(made.stdout)?.[0];
    expect(key, made.stderr).toBeTruthy();

    const port = await freePort();
    const child = spawn(process.execPath, [bin, 'serve'], {
      env: { ...env, WARDEN_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (d) => {
      out += String(d);
    });
    let err = '';
    child.stderr?.on('data', (d) => {
      err += String(d);
    });
    // Up to a minute: a loaded CI machine starts a process slowly.
    for (let i = 0; i < 600 && !out.includes('Console:') && child.exitCode === null; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(out, err).toContain('Console:');

    const acked: string[] = [];
    let stop = false;
    const worker = async (w: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const res = await fetch(`http://127.0.0.1:${port}/api/v1/screen`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
            body: JSON.stringify({
              channel: 'sms',
              from: { phone: `1380000${String(w).padStart(2, '0')}${String(i % 100).padStart(2, '0')}` },
              text: `第${i}条 from ${w}`,
            }),
          });
          if (res.status === 200) acked.push(((await res.json()) as { messageId: string }).messageId);
        } catch {
          // Connection cut by the kill: not acknowledged.
          if (stop) return;
        }
      }
    };
    const workers = Array.from({ length: 16 }, (_, w) => worker(w));
    while (acked.length < 300) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    stop = true;
    await Promise.all(workers);
    expect(acked.length).toBeGreaterThanOrEqual(300);

    const app = await createApp(loadConfig(env), { log: createLogger('silent') });
    try {
      const stored = new Set<string>();
      for (let i = 0; i < acked.length; i += 500) {
        const rows = await app.store.db
          .selectFrom('messages')
          .select('id')
          .where('id', 'in', acked.slice(i, i + 500))
          .execute();
        for (const r of rows) stored.add(r.id);
      }
      const lost = acked.filter((id) => !stored.has(id));
      expect(lost).toEqual([]);
    } finally {
      await app.close();
    }
  }, 60_000);
});
