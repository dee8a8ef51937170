import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'bin/warden.js');
const baseEnv = () => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '/tmp',
  WARDEN_LOG_LEVEL: 'warn',
});

function warden(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    env: { ...baseEnv(), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `warden …` as a child process that runs while the test goes on. */
function wardenAsync(args: string[], env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, [bin, ...args], {
    cwd: root,
    env: { ...baseEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) =>
    child.once('exit', (code) => done({ code, stdout, stderr })),
  );
}

describe('backup and restore (built CLI, a live server under write load)', () => {
  let server: ServerProcess;
  let adminKey: string;
  let gatewayKey: string;
  const dirs: string[] = [];
  const tempDir = (prefix: string) => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };

  const api = async (method: string, path: string, key: string, body?: unknown) =>
    fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });

  beforeAll(async () => {
    if (!existsSync(join(root, 'dist/server/cli/main.js'))) throw new Error('run `npm run build` first');
    server = await startServerProcess({ env: { WARDEN_BACKUP_KEEP: '2' } });
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(server.admin),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const mk = async (role: string, scopes: string[]) => {
      const r = await fetch(`${server.url}/api/v1/api-keys`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `bk ${role}`, role, scopes }),
      });
      expect(r.status).toBe(201);
      return ((await r.json()) as { key: string }).key;
    };
    adminKey = await mk('admin', []);
    gatewayKey = await mk('agent', ['screen']);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('a backup taken during steady writes restores to a verified chain holding every acknowledged write', async () => {
    const acked: { kind: 'message' | 'entry'; id: string; at: number }[] = [];
    let stop = false;
    let n = 0;
    const writer = async () => {
      while (!stop) {
        const i = n++;
        if (i % 10 === 9) {
          // Audited writes too: blocklist entries.
          const r = await api('POST', '/blocklist', adminKey, {
            identifier: { type: 'phone', value: `1390${String(1_000_000 + i).slice(-7)}` },
            level: 1,
            category: 'spam',
            reason: `load ${i}`,
          });
          if (r.status === 201)
            acked.push({ kind: 'entry', id: ((await r.json()) as { id: string }).id, at: Date.now() });
          else throw new Error(`blocklist write ${r.status}: ${await r.text()}`);
        } else {
          const r = await api('POST', '/screen', gatewayKey, {
            channel: 'sms',
            from: { phone: `1380${String(1_000_000 + (i % 500)).slice(-7)}` },
            text: `第${i}条消息 hello ${i}`,
          });
          if (r.status !== 200) throw new Error(`screen ${r.status}: ${await r.text()}`);
          acked.push({
            kind: 'message',
            id: ((await r.json()) as { messageId: string }).messageId,
            at: Date.now(),
          });
        }
      }
    };
    const writers = [writer(), writer(), writer(), writer()];
    // A steady load first (at least 30 acknowledged writes, some of them audited blocklist entries).
    const warm = Date.now() + 60_000;
    while ((acked.length < 30 || !acked.some((a) => a.kind === 'entry')) && Date.now() < warm)
      await new Promise((r) => setTimeout(r, 100));

    const to = tempDir('warden-bk-');
    const began = Date.now();
    const before = acked.filter((a) => a.at < began);
    const backup = await wardenAsync(['backup', '--to', to], { WARDEN_DATA_DIR: server.dataDir });
    const during = acked.length - before.length;
    await new Promise((r) => setTimeout(r, 300));
    stop = true;
    await Promise.all(writers);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/backup written: .*warden-\d{8}T\d{9}Z\.db \(\d+ bytes\)/);
    expect(before.length).toBeGreaterThan(20);
    expect(during, 'writes went on while the backup ran').toBeGreaterThan(0);
    const files = readdirSync(to);
    expect(files).toHaveLength(1);
    console.info(
      `backup under load: ${before.length} writes acknowledged before it began, ${during} while the CLI ran; ${backup.stdout.trim()}`,
    );

    // Restore into an empty data dir that holds only the master key.
    const restored = tempDir('warden-restored-');
    copyFileSync(join(server.dataDir, 'master.key'), join(restored, 'master.key'));
    const r = warden(['restore', join(to, files[0] as string)], { WARDEN_DATA_DIR: restored });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('the master key opens the backup');

    const verify = warden(['audit', 'verify'], { WARDEN_DATA_DIR: restored });
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toContain('audit chain intact');

    const db = new SQLite(join(restored, 'warden.db'), { readonly: true });
    try {
      const messages = new Set(
        (db.prepare('select id from messages').all() as { id: string }[]).map((m) => m.id),
      );
      const entries = new Set(
        (db.prepare('select id from blocklist_entries').all() as { id: string }[]).map((m) => m.id),
      );
      const missing = before.filter((a) => !(a.kind === 'message' ? messages : entries).has(a.id));
      expect(missing).toEqual([]);
      expect(before.some((a) => a.kind === 'entry')).toBe(true);
    } finally {
      db.close();
    }

    // A second restore into the now non-empty directory is refused, changing nothing.
    const again = warden(['restore', join(to, files[0] as string)], { WARDEN_DATA_DIR: restored });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is not empty');
    expect(warden(['audit', 'verify'], { WARDEN_DATA_DIR: restored }).code).toBe(0);
  }, 240_000);

  it('refuses a restore with the wrong master key, and a file that is not a backup', () => {
    const to = tempDir('warden-bk2-');
    const made = warden(['backup', '--to', to], { WARDEN_DATA_DIR: server.dataDir });
    expect(made.code, made.stderr).toBe(0);
    const file = join(to, readdirSync(to)[0] as string);
    const target = tempDir('warden-wrongkey-');
    const wrong = warden(['restore', file], {
      WARDEN_DATA_DIR: target,
      WARDEN_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('does not open this backup');
    expect(readdirSync(target)).toEqual([]);
    const junk = join(tempDir('warden-junk-'), 'junk.db');
    writeFileSync(junk, 'not a database at all');
    const bad = warden(['restore', junk], { WARDEN_DATA_DIR: target });
    expect(bad.code).toBe(1);
    expect(readdirSync(target)).toEqual([]);
  }, 120_000);

  it('takes backups through the API, rotates them, and reports the status', async () => {
    expect((await api('GET', '/backups', gatewayKey)).status).toBe(403);
    for (let i = 0; i < 3; i++) expect((await api('POST', '/backups', adminKey)).status).toBe(201);
    const status = (await (await api('GET', '/backups', adminKey)).json()) as {
      supported: boolean;
      keep: number;
      backups: { name: string; bytes: number }[];
      last: { path: string; bytes: number } | null;
      schedule: string;
    };
    expect(status).toMatchObject({ supported: true, keep: 2, schedule: 'off' });
    expect(status.backups).toHaveLength(2);
    expect(status.last?.bytes).toBeGreaterThan(4096);
    expect(existsSync(status.last?.path as string)).toBe(true);
  }, 60_000);

  it('on PostgreSQL, backup and restore print the pg_dump advice and exit non-zero', () => {
    const env = {
      WARDEN_DATA_DIR: tempDir('warden-pg-'),
      WARDEN_DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    };
    const b = warden(['backup'], env);
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('pg_dump');
    const r = warden(['restore', '/nonexistent'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('pg_restore');
  }, 120_000);
});
