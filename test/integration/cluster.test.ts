import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RedisCounters } from '../../src/storage/redis.js';
import { bearer, freshPostgresDatabase, startTestApp, type TestApp } from '../helpers/app.js';

const haveCluster = () => Boolean(inject('pgUrl') && inject('redisUrl'));

/** Polls until `check` passes: other nodes hear of changes through Redis pub/sub, a moment later. */
async function eventually(check: () => Promise<void>, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe.runIf(haveCluster())('two nodes on one PostgreSQL and one Redis', () => {
  let a: TestApp;
  let b: TestApp;
  let keyA: string;
  let keyB: string;

  beforeAll(async () => {
    const env = {
      WARDEN_DATABASE_URL: await freshPostgresDatabase(),
      WARDEN_REDIS_URL: inject('redisUrl'),
      WARDEN_MASTER_KEY: randomBytes(32).toString('base64'),
    };
    a = await startTestApp('postgres', { env });
    b = await startTestApp('postgres', { env });
    keyA = await a.key('supervisor');
    keyB = await b.key('supervisor');
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  const screen = (t: TestApp, key: string, phone: string, text = '你好') =>
    t.server
      .inject({
        method: 'POST',
        url: '/api/v1/screen',
        headers: bearer(key),
        payload: { channel: 'sms', from: { phone }, text },
      })
      .then((r) => r.json() as { decision: string; customer: { tier: string } | null });

  it('a blocklist entry added on one node blocks on the other', async () => {
    const res = await a.server.inject({
      method: 'POST',
      url: '/api/v1/blocklist',
      headers: bearer(keyA),
      payload: {
        identifier: { type: 'phone', value: '13800000011' },
        category: 'harassment',
        reason: 'cluster',
      },
    });
    expect(res.statusCode).toBe(201);
    expect((await screen(a, keyA, '13800000011')).decision).toBe('block');
    await eventually(async () => expect((await screen(b, keyB, '13800000011')).decision).toBe('block'));
    await a.server.inject({
      method: 'POST',
      url: `/api/v1/blocklist/${res.json().id}/release`,
      headers: bearer(keyA),
      payload: { reason: 'done' },
    });
    await eventually(async () => expect((await screen(b, keyB, '13800000011')).decision).toBe('allow'));
  });

  it('shares level-2 counters across nodes', async () => {
    await a.server.inject({
      method: 'POST',
      url: '/api/v1/blocklist',
      headers: bearer(keyA),
      payload: {
        identifier: { type: 'phone', value: '13800000012' },
        level: 2,
        limit: { max: 2, windowSeconds: 3600 },
        category: 'complaint_abuse',
        reason: 'cluster',
      },
    });
    await eventually(async () => expect(b.app.blocklist.index.size).toBe(a.app.blocklist.index.size));
    expect((await screen(a, keyA, '13800000012')).decision).toBe('allow');
    expect((await screen(b, keyB, '13800000012')).decision).toBe('allow');
    expect((await screen(a, keyA, '13800000012')).decision).toBe('limit');
  });

  it('a rule created on one node applies on the other', async () => {
    const res = await a.server.inject({
      method: 'POST',
      url: '/api/v1/rules',
      headers: bearer(keyA),
      payload: {
        name: '集群规则',
        stage: 'filter',
        mode: 'enforce',
        conditions: { keywords: { list: ['集群测试词'] } },
        actions: [{ type: 'reject' }],
      },
    });
    expect(res.statusCode).toBe(201);
    await eventually(async () =>
      expect((await screen(b, keyB, '13800000013', '这是集群测试词')).decision).toBe('block'),
    );
  });

  it('customers and opt-outs written on one node are known to the other', async () => {
    const admin = await a.key('admin');
    await a.server.inject({
      method: 'PUT',
      url: '/api/v1/customers/c-cluster',
      headers: bearer(admin),
      payload: { tier: 'gold', identifiers: [{ type: 'phone', value: '13800000014' }] },
    });
    await eventually(async () => expect((await screen(b, keyB, '13800000014')).customer?.tier).toBe('gold'));
    await screen(a, keyA, '13800000015', '退订');
    await eventually(async () => {
      const r = await b.server.inject({
        method: 'POST',
        url: '/api/v1/outbound/check',
        headers: bearer(keyB),
        payload: { to: { phone: '13800000015' }, channel: 'sms', purpose: 'marketing' },
      });
      expect(r.json().allowed).toBe(false);
    });
  });
});

describe.runIf(Boolean(inject('redisUrl')))('RedisCounters against a real redis-server', () => {
  let c: RedisCounters;
  beforeAll(async () => {
    c = new RedisCounters(inject('redisUrl'), `test:${randomBytes(4).toString('hex')}:`);
    // Commands fail fast while not connected (the app falls back); wait for the connection.
    expect(await c.waitUp(5_000)).toBe(true);
  });
  afterAll(async () => c?.close());

  it.each([
    [[0, 1000, 2000], 5000, 3],
    [[0, 2000, 6000], 5000, 2],
    [[0, 5000], 5000, 1],
    [[0, 4999], 5000, 2],
  ])('counts %j in a %i ms window like the memory counters', async (times, windowMs, expected) => {
    const key = randomBytes(4).toString('hex');
    let n = 0;
    for (const t of times) n = await c.hit(key, windowMs, t + 1_700_000_000_000, 100);
    expect(n).toBe(expected);
  });

  it('caps the count per key', async () => {
    let n = 0;
    for (let i = 0; i < 60; i++) n = await c.hit('cap', 60_000, 1_700_000_000_000 + i, 51);
    expect(n).toBe(51);
    expect(await c.count('cap', 60_000, 1_700_000_000_059)).toBe(51);
  });
});
