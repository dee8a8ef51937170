import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { systemContext } from '../../src/access/audit.js';
import { everyPermission } from '../../src/access/permissions.js';
import type { App } from '../../src/app.js';
import { fileSha256, importerFor } from '../../src/blocklist/import.js';
import { detectFormat } from '../../src/blocklist/import-rows.js';
import { rotateDataKey } from '../../src/storage/keys.js';
import { bearer, freshPostgresDatabase, startTestApp, type TestApp } from '../helpers/app.js';
import { startServerProcess } from '../helpers/server-process.js';

/**
 * "A blocked sender stays blocked": reloads, restarts, CLI imports beside a
 * running server and imports on another node never let a blocked number
 * through, and every change is in force everywhere within a second.
 */

const phone = (i: number) => `139${String(i).padStart(8, '0')}`;

function csvOf(from: number, count: number, reason = 'bulk'): string {
  const lines = ['phone,level,category,reason'];
  for (let i = from; i < from + count; i++) lines.push(`${phone(i)},1,harassment,${reason}${i}`);
  return `${lines.join('\n')}\n`;
}

async function importCsv(app: App, dir: string, csv: string): Promise<void> {
  const path = join(dir, `import-${randomBytes(4).toString('hex')}.csv`);
  writeFileSync(path, csv);
  const format = await detectFormat(path);
  if (!format) throw new Error('not a CSV');
  const importer = importerFor(app);
  const jobId = await importer.createJob(systemContext, {
    fileName: 'bulk.csv',
    fileHash: await fileSha256(path),
    dryRun: false,
    skipInvalid: false,
  });
  const job = await importer.run(systemContext, jobId, {
    path,
    fileName: 'bulk.csv',
    format,
    dryRun: false,
    skipInvalid: false,
    confirm: false,
  });
  if (job.status !== 'succeeded')
    throw new Error(`import ${job.status}: ${JSON.stringify(job.report.errors)}`);
}

const decide = (app: App, value: string) =>
  app.blocklist.evaluate(
    { identifiers: [{ type: 'phone', value: `+86${value}` }], customerId: null },
    'sms',
    null,
  ).decision;

/** Polls `check` until it passes; returns the milliseconds it took. */
async function until(check: () => Promise<boolean> | boolean, ms = 5_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await check()) return performance.now() - started;
    if (performance.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('a blocked sender stays blocked (SQLite, 200k entries)', () => {
  let t: TestApp;
  const N = 200_000;

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    await importCsv(t.app, t.dataDir, csvOf(0, N));
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });

  it('keeps blocking through a full index refresh: zero allows while it rebuilds', async () => {
    expect(t.app.blocklist.index.size).toBeGreaterThanOrEqual(N);
    let allows = 0;
    let checks = 0;
    let done = false;
    const probe = async () => {
      while (!done) {
        for (const i of [0, 1234, N - 1]) {
          checks++;
          if (decide(t.app, phone(i)) !== 'block') allows++;
        }
        await new Promise((r) => setImmediate(r));
      }
    };
    const probing = probe();
    const loaded = await t.app.blocklist.loadIndex();
    done = true;
    await probing;
    expect(loaded).toBeGreaterThanOrEqual(N);
    expect(checks).toBeGreaterThan(100);
    expect(allows).toBe(0);
  }, 120_000);

  it('a restarted server is ready only with its whole index: the first screen after /readyz 200 blocks', async () => {
    const again = await startTestApp('sqlite', { env: { WARDEN_DATA_DIR: t.dataDir } });
    try {
      const ready = await again.server.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      const key = await again.key('agent', ['screen']);
      for (const i of [0, N - 1]) {
        const r = await again.server.inject({
          method: 'POST',
          url: '/api/v1/screen',
          headers: bearer(key),
          payload: { channel: 'sms', from: { phone: phone(i) }, text: '在吗' },
        });
        expect(r.json().decision).toBe('block');
      }
      // Draining: not ready any more, while still alive.
      again.app.state.draining = true;
      expect((await again.server.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
      expect((await again.server.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await again.close();
    }
  }, 120_000);

  it('a change committed while the index rebuilds is in the swapped index', async () => {
    const key = await t.key('supervisor');
    const rebuilding = t.app.blocklist.loadIndex();
    const res = await t.server.inject({
      method: 'POST',
      url: '/api/v1/blocklist',
      headers: bearer(key),
      payload: {
        identifier: { type: 'phone', value: phone(N + 7) },
        category: 'harassment',
        reason: 'during',
      },
    });
    expect(res.statusCode).toBe(201);
    await rebuilding;
    expect(decide(t.app, phone(N + 7))).toBe('block');
  }, 120_000);
});

describe('a second process on the same SQLite database (what the CLI is)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterAll(async () => {
    await t?.close();
  });
  const N = 0;

  it('a change written by another process on the same database (the CLI) is in force within 1 s', async () => {
    // A second app on the same data directory is exactly what `warden <command>` builds.
    const cli = await startTestApp('sqlite', { env: { WARDEN_DATA_DIR: t.dataDir } });
    try {
      const key = await cli.key('supervisor');
      const res = await cli.server.inject({
        method: 'POST',
        url: '/api/v1/blocklist',
        headers: bearer(key),
        payload: {
          identifier: { type: 'phone', value: phone(N + 8) },
          category: 'harassment',
          reason: 'cli',
        },
      });
      expect(res.statusCode).toBe(201);
      const ms = await until(() => decide(t.app, phone(N + 8)) === 'block');
      expect(ms).toBeLessThan(1_000);
      // An opt-out made by the other process stops marketing here too.
      await cli.app.consent.set(
        systemContext,
        [{ type: 'phone', value: `+86${phone(N + 9)}` }],
        'marketing',
        'opted_out',
        'api',
      );
      const ms2 = await until(() => t.app.consent.isOptedOut({ type: 'phone', value: `+86${phone(N + 9)}` }));
      expect(ms2).toBeLessThan(1_000);
    } finally {
      await cli.close();
    }
  }, 60_000);
});

describe('a real server and the real CLI on one SQLite data directory', () => {
  it('a `warden blocklist import` made while `warden serve` runs blocks within 1 s of the CLI exiting', async () => {
    const server = await startServerProcess({ env: { WARDEN_FEED_POLL_MS: '100' } });
    try {
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(server.admin),
      });
      const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
      const keyRes = await fetch(`${server.url}/api/v1/api-keys`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ name: 'gateway', role: 'supervisor' }),
      });
      const key = ((await keyRes.json()) as { key: string }).key;
      const check = async (value: string) => {
        const r = await fetch(`${server.url}/api/v1/screen`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ channel: 'sms', from: { phone: value }, text: '你好' }),
        });
        return ((await r.json()) as { decision: string }).decision;
      };
      const file = join(server.dataDir, 'cli-import.csv');
      writeFileSync(file, csvOf(500_000, 2_000, 'cli'));
      expect(await check(phone(500_000))).toBe('allow');

      const exitedAt = await new Promise<number>((resolve, reject) => {
        const child = spawn(process.execPath, ['bin/warden.js', 'blocklist', 'import', file], {
          env: { ...process.env, WARDEN_DATA_DIR: server.dataDir, WARDEN_LOG_LEVEL: 'warn' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
        });
        child.stderr.on('data', (d: Buffer) => {
          out += d.toString();
        });
        child.on('exit', (code) => (code === 0 ? resolve(performance.now()) : reject(new Error(out))));
      });
      let seen = 0;
      for (;;) {
        if ((await check(phone(501_999))) === 'block' && (await check(phone(500_000))) === 'block') {
          seen = performance.now();
          break;
        }
        if (performance.now() - exitedAt > 5_000) throw new Error('the import never reached the server');
      }
      expect(seen - exitedAt).toBeLessThan(1_000);
    } finally {
      await server.stop();
    }
  }, 120_000);
});

const haveCluster = () => Boolean(inject('pgUrl') && inject('redisUrl'));

describe.runIf(haveCluster())('two nodes on PostgreSQL and Redis', () => {
  let a: TestApp;
  let b: TestApp;
  let env: Record<string, string>;

  beforeAll(async () => {
    env = {
      WARDEN_DATABASE_URL: await freshPostgresDatabase(),
      WARDEN_REDIS_URL: inject('redisUrl'),
      WARDEN_MASTER_KEY: randomBytes(32).toString('base64'),
    };
    a = await startTestApp('postgres', { env });
    b = await startTestApp('postgres', { env });
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('an import on node A blocks on node B within 1 s of its commit', async () => {
    const importing = importCsv(a.app, a.dataDir, csvOf(600_000, 3_000, 'node-a'));
    await importing;
    const done = performance.now();
    const ms = await until(
      () => decide(b.app, phone(602_999)) === 'block' && decide(b.app, phone(600_000)) === 'block',
    );
    expect(performance.now() - done).toBeLessThan(1_000);
    expect(ms).toBeLessThan(1_000);
    // Every row of the file, not just the first and last.
    for (let i = 600_000; i < 603_000; i += 97) expect(decide(b.app, phone(i))).toBe('block');
  }, 60_000);

  it('an API key revoked on node A stops working on node B within 1 s', async () => {
    const { key, info } = await a.app.access.createApiKey(
      systemContext,
      { name: 'gw', role: 'agent', scopes: [] },
      everyPermission,
    );
    const onB = () => b.server.inject({ method: 'GET', url: '/api/v1/alerts', headers: bearer(key) });
    expect((await onB()).statusCode).toBe(200); // now cached on B
    await a.app.access.revokeApiKey(systemContext, info.id, everyPermission);
    const ms = await until(async () => (await onB()).statusCode === 401);
    expect(ms).toBeLessThan(1_000);
  });

  it('a key rotation on a third process never makes a running node fail a read, and loses no entry', async () => {
    const key = await a.key('supervisor');
    const keyB = await b.key('supervisor');
    const created = await a.server.inject({
      method: 'POST',
      url: '/api/v1/blocklist',
      headers: bearer(key),
      payload: {
        identifier: { type: 'phone', value: phone(700_001) },
        category: 'harassment',
        reason: '轮换前',
      },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const c = await startTestApp('postgres', { env });
    const failures: string[] = [];
    let reads = 0;
    let stop = false;
    const reader = (async () => {
      while (!stop) {
        for (const [t, k] of [
          [a, key],
          [b, keyB],
        ] as const) {
          const r = await t.server.inject({
            method: 'GET',
            url: `/api/v1/blocklist/${id}`,
            headers: bearer(k),
          });
          reads++;
          if (r.statusCode !== 200) failures.push(`${r.statusCode} ${r.body}`);
        }
        // Writes during the rotation are sealed with whichever key is active, and both nodes read them.
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    try {
      const result = await rotateDataKey(c.app.store, c.app.keys, { feed: c.app.feed, batchSize: 50 });
      expect(result.version).toBe(2);
      // Written after the rotation, read on the nodes that did not rotate.
      const after = await c.server.inject({
        method: 'PATCH',
        url: `/api/v1/blocklist/${id}`,
        headers: bearer(await c.key('supervisor')),
        payload: { reason: '轮换后' },
      });
      expect(after.statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      stop = true;
      await reader;
      await c.close();
    }
    expect(reads).toBeGreaterThan(10);
    expect(failures).toEqual([]);
    const r = await b.server.inject({ method: 'GET', url: `/api/v1/blocklist/${id}`, headers: bearer(keyB) });
    expect(r.json().reason).toBe('轮换后');
    // The index still holds everything it held: the rebuild decrypts with the new key.
    await b.app.blocklist.loadIndex();
    expect(decide(b.app, phone(700_001))).toBe('block');
    expect(decide(b.app, phone(600_000))).toBe('block');
  }, 60_000);
});
