import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, dialects, startTestApp, type TestApp } from '../helpers/app.js';

const problemType = /^application\/problem\+json/;

describe.each(dialects())('foundation over HTTP on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let agent: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = await t.key('admin');
    agent = await t.key('agent');
  });
  afterAll(async () => t?.close());

  it('answers health, readiness, metrics and OpenAPI without credentials', async () => {
    expect((await t.server.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.server.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().storage).toBe(dialect);
    const metrics = await t.server.inject({ url: '/metrics' });
    expect(metrics.body).toContain('warden_http_request_duration_seconds');
    const openapi = (await t.server.inject({ url: '/openapi.json' })).json();
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toContain('/api/v1/customers/{externalId}');
  });

  it('gives every response a request id, echoing a sane one given by the caller', async () => {
    const res = await t.server.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['x-request-id']).toBe('abc-123');
    const other = await t.server.inject({
      url: '/healthz',
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(other.headers['x-request-id']).not.toBe('bad id with spaces');
  });

  it('sets security headers, on problems too', async () => {
    const res = await t.server.inject({ url: '/healthz' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    // Plain HTTP here: HSTS only over https (transport-security.test.ts).
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['cross-origin-embedder-policy']).toBeUndefined();
    const problem = await t.server.inject({ method: 'POST', url: '/api/v1/screen', payload: {} });
    expect(problem.statusCode).toBe(401);
    expect(problem.headers['content-security-policy']).toContain("default-src 'self'");
    expect(problem.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers 401 problem+json without credentials and with a bad key', async () => {
    const none = await t.server.inject({ url: '/api/v1/users' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toMatch(problemType);
    expect(none.json().code).toBe('UNAUTHENTICATED');
    const bad = await t.server.inject({ url: '/api/v1/users', headers: bearer('wdn_not_a_real_key') });
    expect(bad.statusCode).toBe(401);
  });

  it("refuses an agent's key to create users (403) and lets an admin's", async () => {
    const body = {
      email: 'new.agent@example.com',
      name: 'New Agent',
      role: 'agent',
      password: 'correct horse 42',
    };
    const denied = await t.server.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(agent),
      payload: body,
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('FORBIDDEN');
    const ok = await t.server.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(admin),
      payload: body,
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ email: 'new.agent@example.com', role: 'agent' });
    expect(ok.json()).not.toHaveProperty('password_hash');
    const again = await t.server.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(admin),
      payload: body,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('USER_EXISTS');
  });

  it('narrows a key to its scopes', async () => {
    const screenOnly = await t.key('supervisor', ['screen']);
    const res = await t.server.inject({
      url: '/api/v1/customers?identifier=phone:13800138000',
      headers: bearer(screenOnly),
    });
    expect(res.statusCode).toBe(403);
  });

  it('logs in with a password, sets an HttpOnly cookie, and logs out', async () => {
    await t.server.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(admin),
      payload: { email: 'sup@example.com', name: 'Sup', role: 'supervisor', password: 'a-long-password-1' },
    });
    const login = await t.server.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'SUP@example.com', password: 'a-long-password-1' },
    });
    expect(login.statusCode).toBe(200);
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(/warden_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = setCookie.split(';')[0] ?? '';
    const me = await t.server.inject({ url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.json().user.role).toBe('supervisor');
    expect(me.json().permissions).toContain('blocklist:write');
    const out = await t.server.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect((await t.server.inject({ url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('throttles repeated failed logins', async () => {
    const attempt = () =>
      t.server.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '10.9.8.7',
        payload: { email: 'nobody@example.com', password: 'wrong-password-1' },
      });
    for (let i = 0; i < 5; i++) expect((await attempt()).json().code).toBe('INVALID_CREDENTIALS');
    const blocked = await attempt();
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('LOGIN_THROTTLED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  }, 60_000);

  it('finds a customer written with +86 138 0013 8000 by 8613800138000 and by 138-0013-8000', async () => {
    const put = await t.server.inject({
      method: 'PUT',
      url: '/api/v1/customers/crm-1001',
      headers: bearer(admin),
      payload: {
        name: '张三',
        tier: 'vip',
        lifetimeValue: 52000,
        identifiers: [
          { type: 'phone', value: '+86 138 0013 8000' },
          { type: 'email', value: 'Zhang.San@Example.com' },
        ],
      },
    });
    expect(put.statusCode).toBe(201);
    const id = put.json().id as string;
    expect(id).toMatch(/^cus_/);
    expect(put.json().identifiers).toContainEqual({ type: 'phone', value: '+8613800138000' });
    for (const q of [
      'phone:8613800138000',
      'phone:138-0013-8000',
      'phone:+86%20138%200013%208000',
      'email:zhang.san@example.com',
    ]) {
      const res = await t.server.inject({ url: `/api/v1/customers?identifier=${q}`, headers: bearer(agent) });
      expect(res.statusCode, q).toBe(200);
      expect(
        res.json().items.map((c: { id: string }) => c.id),
        q,
      ).toEqual([id]);
    }
    const get = await t.server.inject({ url: `/api/v1/customers/${id}`, headers: bearer(agent) });
    expect(get.json()).toMatchObject({
      name: '张三',
      tier: 'vip',
      lifetimeValue: 52000,
      externalId: 'crm-1001',
    });
    // Upserting again by the same external id updates, not duplicates.
    const again = await t.server.inject({
      method: 'PUT',
      url: '/api/v1/customers/crm-1001',
      headers: bearer(admin),
      payload: { protected: true },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id, protected: true, name: '张三' });
  });

  it('answers 409 IDENTIFIER_CONFLICT when an identifier belongs to another customer, changing nothing', async () => {
    const res = await t.server.inject({
      method: 'PUT',
      url: '/api/v1/customers/crm-2002',
      headers: bearer(admin),
      payload: { name: '李四', identifiers: [{ type: 'phone', value: '13800138000' }] },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('IDENTIFIER_CONFLICT');
    const list = await t.server.inject({ url: '/api/v1/customers', headers: bearer(admin) });
    expect(list.json().items.map((c: { externalId: string }) => c.externalId)).not.toContain('crm-2002');
  });

  describe('bad input gets a 4xx problem+json with a code and changes nothing', () => {
    const cases: [string, { payload: string | object; headers?: Record<string, string> }, number, string][] =
      [
        [
          'malformed JSON',
          { payload: '{"name": ', headers: { 'content-type': 'application/json' } },
          400,
          'MALFORMED_JSON',
        ],
        ['an unknown field', { payload: { name: 'x', shoeSize: 44 } }, 400, 'VALIDATION_FAILED'],
        ['a wrong type', { payload: { lifetimeValue: 'lots' } }, 400, 'VALIDATION_FAILED'],
        [
          'an invalid phone',
          { payload: { identifiers: [{ type: 'phone', value: '12345' }] } },
          400,
          'INVALID_IDENTIFIER',
        ],
        [
          'an unknown identifier type',
          { payload: { identifiers: [{ type: 'fax', value: '1' }] } },
          400,
          'VALIDATION_FAILED',
        ],
        ['an oversize body', { payload: { name: 'x'.repeat(1_100_000) } }, 413, 'PAYLOAD_TOO_LARGE'],
        [
          'a text/plain body',
          { payload: 'hello', headers: { 'content-type': 'text/plain' } },
          415,
          'UNSUPPORTED_MEDIA_TYPE',
        ],
      ];
    it.each(cases)('%s', async (_name, req, status, code) => {
      const before = await t.app.audit.verify();
      const res = await t.server.inject({
        method: 'PUT',
        url: '/api/v1/customers/crm-bad',
        headers: { ...bearer(admin), ...(req.headers ?? {}) },
        payload: req.payload,
      });
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toMatch(problemType);
      const body = res.json();
      expect(body.code).toBe(code);
      expect(body).toMatchObject({
        status,
        title: expect.any(String),
        detail: expect.any(String),
        type: expect.any(String),
      });
      // Nothing was written: no audit row, no customer.
      expect((await t.app.audit.verify()).checked).toBe(before.checked);
      const lookup = await t.server.inject({ url: '/api/v1/customers', headers: bearer(admin) });
      expect(lookup.json().items.map((c: { externalId: string }) => c.externalId)).not.toContain('crm-bad');
    });

    it('names the offending field', async () => {
      const res = await t.server.inject({
        method: 'PUT',
        url: '/api/v1/customers/crm-bad',
        headers: bearer(admin),
        payload: { shoeSize: 44 },
      });
      expect(res.json().errors).toContainEqual({ field: '/body/shoeSize', message: 'is not a known field' });
    });

    it('answers an unknown route with 404 problem+json', async () => {
      const res = await t.server.inject({ url: '/api/v1/nope', headers: bearer(admin) });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('ROUTE_NOT_FOUND');
    });
  });

  it('audits changes and personal-data reads without plaintext identifiers', async () => {
    const res = await t.server.inject({ url: '/api/v1/audit?limit=200', headers: bearer(admin) });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as {
      action: string;
      summary: unknown;
      actor: { type: string };
      target: { type: string | null; id: string | null; label?: string };
      requestId: string;
    }[];
    const actions = items.map((i) => i.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'user.create',
        'customer.create',
        'customer.read',
        'customer.lookup',
        'auth.login',
        'auth.logout',
      ]),
    );
    // The records hold no personal data; a reader with customers:read sees the customer's
    // name beside a record (target.label, a join at read time, with a masked contact).
    const text = JSON.stringify(items);
    for (const secret of ['13800138000', 'zhang.san']) expect(text).not.toContain(secret);
    const records = JSON.stringify(items.map((i) => ({ ...i, target: { ...i.target, label: undefined } })));
    expect(records).not.toContain('张三');
    expect(text).toContain('张三');
    expect(items.find((i) => i.action === 'customer.read')?.requestId).toBeTruthy();
    // Auditors can read it; agents cannot.
    expect(
      (await t.server.inject({ url: '/api/v1/audit', headers: bearer(await t.key('auditor')) })).statusCode,
    ).toBe(200);
    expect((await t.server.inject({ url: '/api/v1/audit', headers: bearer(agent) })).statusCode).toBe(403);
    const verify = await t.server.inject({ url: '/api/v1/audit/verify', headers: bearer(admin) });
    expect(verify.json()).toMatchObject({ ok: true, firstBroken: null });
  });

  it('creates, lists and revokes API keys, showing the secret once', async () => {
    const created = await t.server.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: bearer(admin),
      payload: { name: 'sms gateway', role: 'agent', scopes: ['screen'] },
    });
    expect(created.statusCode).toBe(201);
    const { key, apiKey } = created.json();
    expect(key).toMatch(/^wdn_/);
    const list = await t.server.inject({ url: '/api/v1/api-keys', headers: bearer(admin) });
    expect(list.body).not.toContain(key);
    expect(list.json().items.map((k: { id: string }) => k.id)).toContain(apiKey.id);
    expect(
      (await t.server.inject({ url: '/api/v1/auth/me', headers: bearer(key) })).json().permissions,
    ).toEqual(['screen']);
    await t.server.inject({ method: 'DELETE', url: `/api/v1/api-keys/${apiKey.id}`, headers: bearer(admin) });
    expect((await t.server.inject({ url: '/api/v1/auth/me', headers: bearer(key) })).statusCode).toBe(401);
  });

  if (dialect === 'sqlite') {
    it('keeps no plaintext phone, e-mail or name in the raw SQLite file', async () => {
      const path = t.app.store.sqlitePath as string;
      // Checkpoint the WAL so the main file holds everything, then read raw bytes of both.
      const raw = new Database(path);
      raw.pragma('wal_checkpoint(TRUNCATE)');
      raw.close();
      const { readFileSync, existsSync } = await import('node:fs');
      const bytes = Buffer.concat([
        readFileSync(path),
        existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`) : Buffer.alloc(0),
      ]);
      for (const needle of ['13800138000', '8613800138000', 'zhang.san@example.com', 'Zhang.San', '张三']) {
        expect(bytes.includes(Buffer.from(needle, 'utf8')), needle).toBe(false);
      }
      // The customer is really there (encrypted), so the test can fail.
      expect(bytes.includes(Buffer.from('crm-1001'))).toBe(true);
    });
  }
});
