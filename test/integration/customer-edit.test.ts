import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/access/audit.js';
import { bearer, dialects, freshPostgresDatabase, startTestApp, type TestApp } from '../helpers/app.js';

async function eventually(check: () => Promise<void>, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe.each(dialects())('customer create and edit over HTTP on %s', (dialect) => {
  // Two nodes on one database: what one writes, the other's in-memory directory learns.
  let a: TestApp;
  let b: TestApp;
  let supervisor: string;
  let agent: string;
  let screener: string;

  beforeAll(async () => {
    const env: Record<string, string> =
      dialect === 'postgres'
        ? { WARDEN_DATABASE_URL: await freshPostgresDatabase() }
        : { WARDEN_DATA_DIR: mkdtempSync(join(tmpdir(), 'warden-customers-')) };
    env.WARDEN_MASTER_KEY = Buffer.alloc(32, 7).toString('base64');
    env.WARDEN_FEED_POLL_MS = '50';
    a = await startTestApp(dialect, { env });
    b = await startTestApp(dialect, { env });
    supervisor = await a.key('supervisor');
    agent = await a.key('agent');
    screener = await b.key('agent');
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const call = (method: 'POST' | 'PATCH' | 'GET', url: string, payload?: unknown, key = supervisor) =>
    a.server.inject({ method, url: `/api/v1${url}`, headers: bearer(key), ...(payload ? { payload } : {}) });
  const auditOf = async (id: string) =>
    (await a.app.audit.list({ limit: 20, targetId: id })).items.map((r) => r.action);

  it('creates a customer with encrypted name and identifiers, audited', async () => {
    const res = await call('POST', '/customers', {
      name: '钱多多',
      tier: 'gold',
      lifetimeValue: 12_000,
      attributes: { 城市: '杭州' },
      identifiers: [
        { type: 'phone', value: '139 0000 1001' },
        { type: 'email', value: ' Qian@Example.com ' },
      ],
    });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      id: expect.stringMatching(/^cus_/),
      externalId: null,
      name: '钱多多',
      tier: 'gold',
      lifetimeValue: 12_000,
      protected: false,
      attributes: { 城市: '杭州' },
      identifiers: [
        { type: 'phone', value: '+8613900001001' },
        { type: 'email', value: 'qian@example.com' },
      ],
    });
    const row = await a.app.store.db
      .selectFrom('customers')
      .select(['name_enc', 'attributes_enc'])
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row.name_enc).not.toContain('钱多多');
    expect(row.attributes_enc).not.toContain('杭州');
    expect(await auditOf(c.id)).toContain('customer.create');
  });

  it('edits only the fields given, and the other node screens with the new tier', async () => {
    const made = (
      await call('POST', '/customers', {
        name: '孙小美',
        identifiers: [{ type: 'phone', value: '13900001002' }],
      })
    ).json();
    const patched = await call('PATCH', `/customers/${made.id}`, { tier: 'vip', protected: true });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      name: '孙小美',
      tier: 'vip',
      protected: true,
      identifiers: [{ type: 'phone', value: '+8613900001002' }],
    });
    expect(await auditOf(made.id)).toContain('customer.update');
    await eventually(async () => {
      const r = await b.server.inject({
        method: 'POST',
        url: '/api/v1/screen',
        headers: bearer(screener),
        payload: { channel: 'sms', from: { phone: '13900001002' }, text: '你好' },
      });
      expect(r.json().customer).toMatchObject({ id: made.id, tier: 'vip' });
    });
    // Now a key customer: blocking needs the second confirmation.
    const block = await call('POST', '/blocklist', {
      customerId: made.id,
      level: 1,
      category: 'harassment',
      reason: '测试',
    });
    expect(block.statusCode).toBe(428);
    expect(block.json().code).toBe('CONFIRMATION_REQUIRED');
    // Clearing the name and changing identifiers replaces them.
    const cleared = await call('PATCH', `/customers/${made.id}`, {
      name: null,
      identifiers: [{ type: 'email', value: 'sun@example.com' }],
    });
    expect(cleared.json()).toMatchObject({
      name: null,
      identifiers: [{ type: 'email', value: 'sun@example.com' }],
    });
  });

  it('answers bad input with a coded problem and changes nothing', async () => {
    const made = (
      await call('POST', '/customers', {
        name: '周一',
        externalId: 'crm-zhou',
        identifiers: [{ type: 'phone', value: '13900001003' }],
      })
    ).json();
    const other = (
      await call('POST', '/customers', {
        name: '吴二',
        identifiers: [{ type: 'phone', value: '13900001004' }],
      })
    ).json();
    const cases: [unknown, number, string, string?][] = [
      [{}, 400, 'VALIDATION_FAILED'],
      [{ tier: 'Gold!' }, 400, 'VALIDATION_FAILED'],
      [{ lifetimeValue: -1 }, 400, 'VALIDATION_FAILED'],
      [{ nickname: 'x' }, 400, 'VALIDATION_FAILED'],
      [{ identifiers: [{ type: 'phone', value: 'abc' }] }, 400, 'INVALID_IDENTIFIER', '/identifiers/0/value'],
      [
        { identifiers: [{ type: 'phone', value: '13900001003' }] },
        409,
        'IDENTIFIER_CONFLICT',
        '/identifiers/0/value',
      ],
      [{ externalId: 'crm-zhou' }, 409, 'EXTERNAL_ID_TAKEN', '/externalId'],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await call('PATCH', `/customers/${other.id}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().code).toBe(code);
      if (field) expect(res.json().errors?.[0]?.field).toBe(field);
    }
    const after = (await call('GET', `/customers/${other.id}`)).json();
    expect(after).toMatchObject({
      name: '吴二',
      tier: 'standard',
      externalId: null,
      identifiers: [{ type: 'phone', value: '+8613900001004' }],
    });
    expect(await auditOf(other.id)).not.toContain('customer.update');

    expect((await call('PATCH', '/customers/cus_nope', { tier: 'gold' })).json().code).toBe(
      'CUSTOMER_NOT_FOUND',
    );
    const taken = await call('POST', '/customers', { name: 'x', externalId: 'crm-zhou' });
    expect(taken.json().code).toBe('EXTERNAL_ID_TAKEN');
    expect(made.externalId).toBe('crm-zhou');
  });

  it('needs customers:write: an agent may read but not create or change', async () => {
    const made = (await call('POST', '/customers', { name: '郑三' })).json();
    const create = await call('POST', '/customers', { name: '冯四' }, agent);
    expect(create.statusCode).toBe(403);
    expect(create.json()).toMatchObject({ code: 'FORBIDDEN', permission: 'customers:write' });
    const change = await call('PATCH', `/customers/${made.id}`, { tier: 'vip' }, agent);
    expect(change.statusCode).toBe(403);
    expect((await call('GET', `/customers/${made.id}`, undefined, agent)).json().tier).toBe('standard');
  });

  it('refuses to change an erased customer', async () => {
    const made = (
      await call('POST', '/customers', {
        name: '陈五',
        identifiers: [{ type: 'phone', value: '13900001005' }],
      })
    ).json();
    await a.app.privacy.erase(systemContext, made.id, 'data-subject request');
    const res = await call('PATCH', `/customers/${made.id}`, { name: '陈五五' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CUSTOMER_ERASED');
  });
});
