import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freshPostgresDatabase } from '../helpers/app.js';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';

describe.runIf(Boolean(inject('pgUrl')))('three nodes started together on an empty PostgreSQL', () => {
  const nodes: ServerProcess[] = [];
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
  });

  it('all come up, migrate once, make one admin and one data key; jobs run on leases, never on WARDEN_JOBS=off', async () => {
    const databaseUrl = await freshPostgresDatabase();
    const env = {
      WARDEN_DATABASE_URL: databaseUrl,
      WARDEN_MASTER_KEY: randomBytes(32).toString('base64'),
    };
    const admin = { email: 'admin@cluster.test', password: 'correct-horse-42' };
    const extras: Record<string, string>[] = [{}, {}, { WARDEN_JOBS: 'off' }];
    const started = await Promise.allSettled(
      extras.map((extra) =>
        startServerProcess({ env: { ...env, ...extra }, admin, fromSource: true, startTimeoutMs: 90_000 }),
      ),
    );
    for (const s of started) if (s.status === 'fulfilled') nodes.push(s.value);
    // Every node is up (a failure carries the node's output).
    expect(
      started.filter((s) => s.status === 'rejected').map((s) => String((s as PromiseRejectedResult).reason)),
    ).toEqual([]);

    // Each node signs the one admin in.
    for (const n of nodes) {
      const login = await fetch(`${n.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(admin),
      });
      expect(login.status).toBe(200);
    }
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const users = await db.query('select email, role from users');
      expect(users.rows).toEqual([{ email: admin.email, role: 'admin' }]);
      const keys = await db.query('select version from encryption_keys');
      expect(keys.rows).toEqual([{ version: 1 }]);
      const migrations = await db.query('select name from warden_migrations');
      expect(new Set(migrations.rows.map((r) => r.name)).size).toBe(migrations.rowCount);
      expect(migrations.rows.map((r) => r.name)).toContain('0008-job-leases');
      // Each job is leased to one node; none to the node with WARDEN_JOBS=off.
      const deadline = Date.now() + 10_000;
      let leases: { name: string; holder: string }[] = [];
      while (Date.now() < deadline) {
        leases = (await db.query('select name, holder from job_leases where expires_at > $1', [Date.now()]))
          .rows;
        if (leases.length >= 6) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(new Set(leases.map((l) => l.name)).size).toBe(leases.length);
      expect(leases.length).toBeGreaterThanOrEqual(6);
    } finally {
      await db.end();
    }
    const held = async (n: ServerProcess) => {
      const body = await (await fetch(`${n.url}/metrics`)).text();
      return [...body.matchAll(/^warden_job_lease_held\{job="([^"]+)"\} 1$/gm)].map((m) => m[1]);
    };
    const [h0, h1, h2] = await Promise.all(nodes.map(held));
    expect(h2).toEqual([]);
    // Together the two job nodes hold every job once.
    const all = [...(h0 ?? []), ...(h1 ?? [])];
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThanOrEqual(6);
  }, 180_000);
});
