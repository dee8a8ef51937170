import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../helpers/app.js';
import { type PostgresServer, startPostgres } from '../helpers/postgres.js';
import { type RedisServer, startRedis } from '../helpers/redis.js';

// The faults here stop and restart servers, so this suite runs its own
// PostgreSQL and redis-server rather than the run's shared ones.
const haveServers = () => Boolean(inject('pgUrl') && inject('redisUrl'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Fails the test on any unhandled rejection while faults are driven (a fire-and-forget promise without a catch). */
function strictRejections(): { seen: unknown[]; dispose(): void } {
  const seen: unknown[] = [];
  const handler = (reason: unknown) => {
    seen.push(reason);
  };
  process.on('unhandledRejection', handler);
  return { seen, dispose: () => process.off('unhandledRejection', handler) };
}

async function createDatabase(adminUrl: string): Promise<string> {
  const name = `warden_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  return adminUrl.replace(/\/postgres$/, `/${name}`);
}

interface Answer {
  at: number;
  phone: string;
  status: number;
  decision?: string;
  recorded?: boolean;
  messageId?: string;
  code?: string;
}

/** Screens the given senders in turn until stopped, keeping every answer. */
function screenContinuously(t: TestApp, key: string, phones: string[]) {
  const answers: Answer[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      for (const phone of phones) {
        const r = await t.server.inject({
          method: 'POST',
          url: '/api/v1/screen',
          headers: bearer(key),
          payload: { channel: 'sms', from: { phone }, text: '你好，请问订单到哪了' },
        });
        const body = r.json() as { decision?: string; recorded?: boolean; messageId?: string; code?: string };
        answers.push({ at: Date.now(), phone, status: r.statusCode, ...body });
      }
      await sleep(10);
    }
  })();
  return {
    answers,
    async stop() {
      running = false;
      await done;
    },
  };
}

async function until(check: () => Promise<boolean> | boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe.runIf(haveServers())('faults are survived, not fatal', () => {
  let pgServer: PostgresServer;
  let redis: RedisServer;

  beforeAll(async () => {
    const p = await startPostgres();
    const r = await startRedis();
    if (!p || !r) throw new Error('PostgreSQL and redis-server are needed (the run found them before)');
    pgServer = p;
    redis = r;
  });
  afterAll(async () => {
    pgServer?.stop();
    await redis?.stop();
  });

  it('screens on through terminated connections and a PostgreSQL restart; nothing acknowledged is lost', async () => {
    const strict = strictRejections();
    const url = await createDatabase(pgServer.url);
    const t = await startTestApp('postgres', {
      env: {
        WARDEN_DATABASE_URL: url,
        WARDEN_REDIS_URL: redis.url,
        WARDEN_DB_STATEMENT_TIMEOUT_MS: '2000',
        WARDEN_DB_CONNECT_TIMEOUT_MS: '1000',
      },
    });
    const admin = new pg.Client({ connectionString: pgServer.url });
    try {
      const key = await t.key('supervisor');
      const blocked = '13900000001';
      const ordinary = '13900000002';
      const add = await t.server.inject({
        method: 'POST',
        url: '/api/v1/blocklist',
        headers: bearer(key),
        payload: {
          identifier: { type: 'phone', value: blocked },
          level: 1,
          category: 'harassment',
          reason: 'x',
        },
      });
      expect(add.statusCode).toBe(201);

      const loop = screenContinuously(t, key, [blocked, ordinary]);
      await sleep(500);
      // (1) Every connection of the pool is cut from the server's side.
      await admin.connect();
      const killed = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [url.slice(url.lastIndexOf('/') + 1)],
      );
      await admin.end();
      expect(killed.rowCount).toBeGreaterThan(0);
      await sleep(500);
      // (2) The server restarts (every connection cut again, refused meanwhile).
      const restartedAt = Date.now();
      pgServer.restart();
      // Screens resume recording by themselves.
      await until(
        () => loop.answers.some((a) => a.at > restartedAt + 200 && a.recorded === true),
        20_000,
        'a recorded screen after the restart',
      );
      await sleep(300);
      await loop.stop();

      const answers = loop.answers;
      expect(answers.length).toBeGreaterThan(20);
      // The decision, made in memory, is answered throughout: never a 5xx, never an allow of the blocked sender.
      expect(answers.filter((a) => a.status !== 200)).toEqual([]);
      expect(answers.filter((a) => a.phone === blocked && a.decision !== 'block')).toEqual([]);
      expect(answers.filter((a) => a.phone === ordinary && a.decision !== 'allow')).toEqual([]);
      // Every screen acknowledged as recorded is in the database.
      const acknowledged = answers.filter((a) => a.recorded === true).map((a) => a.messageId as string);
      expect(acknowledged.length).toBeGreaterThan(10);
      const stored = new Set<string>();
      for (let i = 0; i < acknowledged.length; i += 500) {
        const rows = await t.app.store.db
          .selectFrom('messages')
          .select('id')
          .where('id', 'in', acknowledged.slice(i, i + 500))
          .execute();
        for (const r of rows) stored.add(r.id);
      }
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
      // Writes work again without a restart of the node.
      const after = await t.server.inject({
        method: 'POST',
        url: '/api/v1/blocklist',
        headers: bearer(key),
        payload: {
          identifier: { type: 'phone', value: '13900000003' },
          level: 1,
          category: 'harassment',
          reason: 'y',
        },
      });
      expect(after.statusCode).toBe(201);
      expect(strict.seen).toEqual([]);
    } finally {
      strict.dispose();
      await t.close();
    }
  }, 90_000);

  it('a screen whose record cannot be made is answered recorded:false while the database is down, 503 for an opt-out', async () => {
    const strict = strictRejections();
    const url = await createDatabase(pgServer.url);
    const t = await startTestApp('postgres', {
      env: {
        WARDEN_DATABASE_URL: url,
        WARDEN_DB_STATEMENT_TIMEOUT_MS: '1000',
        WARDEN_DB_CONNECT_TIMEOUT_MS: '500',
      },
    });
    try {
      const key = await t.key('supervisor');
      const screen = (phone: string, text: string) =>
        t.server.inject({
          method: 'POST',
          url: '/api/v1/screen',
          headers: bearer(key),
          payload: { channel: 'sms', from: { phone }, text },
        });
      expect((await screen('13900000011', '你好')).json().recorded).toBe(true);
      pgServer.halt();
      try {
        const down = await screen('13900000011', '你好');
        expect(down.statusCode).toBe(200);
        expect(down.json()).toMatchObject({ decision: 'allow', recorded: false });
        const optOut = await screen('13900000012', '退订');
        expect(optOut.statusCode, optOut.body).toBe(503);
        expect(optOut.headers['content-type']).toContain('application/problem+json');
        expect(optOut.json().code).toBe('RECORD_UNAVAILABLE');
        // The metrics say so.
        const metrics = await t.server.inject({ method: 'GET', url: '/metrics' });
        expect(metrics.body).toMatch(/^warden_database_up 0$/m);
      } finally {
        pgServer.resume();
      }
      await until(
        async () => (await screen('13900000011', '你好')).json().recorded === true,
        15_000,
        'recording',
      );
      const metrics = await t.server.inject({ method: 'GET', url: '/metrics' });
      expect(metrics.body).toMatch(/^warden_database_up 1$/m);
      expect(strict.seen).toEqual([]);
    } finally {
      strict.dispose();
      await t.close();
    }
  }, 60_000);

  it('writes succeed and screening goes on while Redis is stopped for 10 s; one alert; counters come back', async () => {
    const strict = strictRejections();
    const env = {
      WARDEN_DATABASE_URL: await createDatabase(pgServer.url),
      WARDEN_REDIS_URL: redis.url,
      WARDEN_MASTER_KEY: randomBytes(32).toString('base64'),
      WARDEN_REDIS_COMMAND_TIMEOUT_MS: '300',
    };
    const a = await startTestApp('postgres', { env });
    const b = await startTestApp('postgres', { env });
    try {
      const key = await a.key('supervisor');
      const limited = '13900000021';
      const entry = await a.server.inject({
        method: 'POST',
        url: '/api/v1/blocklist',
        headers: bearer(key),
        payload: {
          identifier: { type: 'phone', value: limited },
          level: 2,
          limit: { max: 2, windowSeconds: 3600 },
          category: 'complaint_abuse',
          reason: 'limit',
        },
      });
      expect(entry.statusCode).toBe(201);
      const screen = (phone: string, text = '你好') =>
        a.server.inject({
          method: 'POST',
          url: '/api/v1/screen',
          headers: bearer(key),
          payload: { channel: 'sms', from: { phone }, text },
        });

      await redis.halt();
      const haltedAt = Date.now();
      const writes: { what: string; status: number }[] = [];
      let n = 0;
      while (Date.now() - haltedAt < 10_000) {
        n++;
        const phone = `1370000${String(n).padStart(4, '0')}`;
        const node = n % 2 ? a : b;
        const blk = await node.server.inject({
          method: 'POST',
          url: '/api/v1/blocklist',
          headers: bearer(key),
          payload: {
            identifier: { type: 'phone', value: phone },
            level: 1,
            category: 'spam',
            reason: 'outage',
          },
        });
        writes.push({ what: 'blocklist', status: blk.statusCode });
        const rule = await node.server.inject({
          method: 'POST',
          url: '/api/v1/rules',
          headers: bearer(key),
          payload: {
            name: `outage ${n}`,
            stage: 'filter',
            mode: 'enforce',
            enabled: true,
            priority: 10,
            conditions: { all: [{ keywords: { list: [`暗号${n}`] } }] },
            actions: [{ type: 'tag', value: 'outage' }],
          },
        });
        writes.push({ what: 'rule', status: rule.statusCode });
        const consent = await node.server.inject({
          method: 'PUT',
          url: `/api/v1/consents?identifier=phone:${phone}`,
          headers: bearer(key),
          payload: { status: 'opted_out' },
        });
        writes.push({ what: 'consent', status: consent.statusCode });
        await sleep(200);
      }
      // Screening with counters on this node's memory (the default policy): the limit still holds here.
      const limitedAnswers = [];
      for (let i = 0; i < 4; i++) limitedAnswers.push((await screen(limited)).json().decision);
      await redis.resume();

      expect(writes.filter((w) => w.status >= 500)).toEqual([]);
      expect(writes.filter((w) => w.what === 'blocklist' && w.status !== 201)).toEqual([]);
      expect(writes.filter((w) => w.what === 'rule' && w.status !== 201)).toEqual([]);
      expect(writes.filter((w) => w.what === 'consent' && w.status !== 200)).toEqual([]);
      expect(limitedAnswers).toEqual(['allow', 'allow', 'limit', 'limit']);
      // Every rule made during the outage exists once (no retry duplicated it).
      const rules = await a.app.rules.list();
      expect(rules.filter((r) => r.name.startsWith('outage ')).length).toBe(n);

      // Counters use Redis again once it answers.
      await until(
        async () => {
          await screen(limited);
          const m = await a.server.inject({ method: 'GET', url: '/metrics' });
          return /^warden_redis_up 1$/m.test(m.body);
        },
        15_000,
        'redis counters back',
      );
      const alerts = await a.app.store.db
        .selectFrom('alerts')
        .select('id')
        .where('kind', '=', 'redis_down')
        .execute();
      expect(alerts.length).toBe(1);
      expect(strict.seen).toEqual([]);
    } finally {
      strict.dispose();
      await a.close();
      await b.close();
    }
  }, 90_000);
});
