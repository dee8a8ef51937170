import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { bearer, dialects, startTestApp, type TestApp } from '../helpers/app.js';

const T0 = Date.parse('2026-11-20T09:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * A small fixed data set over three UTC days (2026-11-20 … 22), then the exact
 * figures of /analytics/overview, /analytics/rules and /workbench.
 */
describe.each(dialects())('workbench and analytics on %s', (dialect) => {
  let t: TestApp;
  let supervisor: string;
  let agent: string;
  const clock = new ManualClock(T0);
  const ids: Record<string, string> = {};

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, key: string, payload?: object) =>
    t.server.inject({ method, url: `/api/v1${url}`, headers: bearer(key), ...(payload ? { payload } : {}) });
  const screen = async (phone: string, text: string) => {
    const res = await call('POST', '/screen', supervisor, { channel: 'sms', from: { phone }, text });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { messageId: string; decision: string };
  };
  const mark = async (id: string, m: string) =>
    expect((await call('POST', `/messages/${id}/marks`, supervisor, { mark: m })).statusCode).toBe(200);
  const block = async (phone: string, extra: object = {}) => {
    const res = await call('POST', '/blocklist', supervisor, {
      identifier: { type: 'phone', value: phone },
      category: 'harassment',
      reason: '多次辱骂客服',
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const complain = async (phone: string) => {
    const res = await call('POST', '/complaints', supervisor, {
      channel: 'phone',
      from: { phone },
      text: '快递一个星期还没到，我要投诉',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; priority: string; slaDueAt: string; reference: string };
  };

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock });
    supervisor = await t.key('supervisor');
    agent = await t.key('agent');
  });
  afterAll(async () => t?.close());

  it('builds the data set', async () => {
    // Day 1, 2026-11-20.
    const r1 = await call('POST', '/rules', supervisor, {
      name: '广告引流',
      stage: 'filter',
      mode: 'enforce',
      conditions: { keywords: { list: ['加微信'] } },
      actions: [{ type: 'mark_spam' }],
    });
    const r2 = await call('POST', '/rules', supervisor, {
      name: '返现观察',
      stage: 'filter',
      mode: 'shadow',
      conditions: { keywords: { list: ['返现'] } },
      actions: [{ type: 'mark_spam' }],
    });
    expect(r1.statusCode, r1.body).toBe(201);
    expect(r2.statusCode, r2.body).toBe(201);
    ids.r1 = r1.json().id;
    ids.r2 = r2.json().id;
    const a = await screen('13700000001', '加微信领红包');
    expect(a.decision).toBe('spam');
    const b = await screen('13700000002', '好评返现');
    expect(b.decision).toBe('allow');
    expect((await screen('13700000003', '你好，请问营业时间')).decision).toBe('allow');
    ids.e1 = await block('13900000001');
    ids.e2 = await block('13900000002', { status: 'pending' });
    ids.e3 = await block('13900000003', { reviewAt: new Date(T0 + HOUR).toISOString() });
    const c1 = await complain('13600000001');
    ids.c1 = c1.id;

    // Day 2, 2026-11-21.
    clock.advance(DAY);
    const c = await screen('13700000004', '加微信有惊喜');
    const d = await screen('13700000005', '加微信');
    expect([c.decision, d.decision]).toEqual(['spam', 'spam']);
    expect((await screen('13700000006', '下单返现')).decision).toBe('allow');
    await mark(a.messageId, 'spam');
    await mark(c.messageId, 'spam');
    await mark(d.messageId, 'not_spam');
    await mark(b.messageId, 'not_spam');
    expect(
      (await call('POST', `/blocklist/${ids.e1}/release`, supervisor, { reason: '误拉黑' })).statusCode,
    ).toBe(200);
    const customer = await call('PUT', '/customers/crm-2', supervisor, {
      name: '王芳',
      tier: 'vip',
      identifiers: [{ type: 'phone', value: '13600000002' }],
    });
    expect(customer.statusCode, customer.body).toBe(201);
    const c2 = await complain('13600000002');
    ids.c2 = c2.id;
    ids.c2Due = c2.slaDueAt;
    ids.c2Priority = c2.priority;
    expect(c2.reference).toMatch(/^TS-20261121-\d{4}$/);
    for (const status of ['processing', 'resolved'])
      expect((await call('PATCH', `/complaints/${ids.c1}`, supervisor, { status })).statusCode).toBe(200);

    // Day 3, 2026-11-22: two alerts, one a surge.
    clock.advance(DAY);
    expect((await t.app.alerts.list({ limit: 10, status: 'open' })).openCount).toBe(0);
    await t.app.alerts.raise({ kind: 'surge', severity: 'warning', title: 'surge', dedupeKey: 's1' });
    await t.app.alerts.raise({ kind: 'complaint_p1', severity: 'critical', title: 'p1', dedupeKey: 'p1' });
  });

  it('overview: screened by decision, complaints opened and resolved, blocks added and released per day', async () => {
    const res = await call('GET', '/analytics/overview?days=3', agent);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      days: 3,
      screened: [
        { day: '2026-11-20', total: 3, byDecision: { spam: 1, allow: 2 } },
        { day: '2026-11-21', total: 3, byDecision: { spam: 2, allow: 1 } },
        { day: '2026-11-22', total: 0, byDecision: {} },
      ],
      complaints: [
        { day: '2026-11-20', opened: 1, resolved: 0 },
        { day: '2026-11-21', opened: 1, resolved: 1 },
        { day: '2026-11-22', opened: 0, resolved: 0 },
      ],
      blocks: [
        { day: '2026-11-20', added: 3, released: 0 },
        { day: '2026-11-21', added: 0, released: 1 },
        { day: '2026-11-22', added: 0, released: 0 },
      ],
      openAlerts: 2,
    });
    // One day only: today's figures.
    const today = (await call('GET', '/analytics/overview?days=1', agent)).json();
    expect(today.screened).toEqual([{ day: '2026-11-22', total: 0, byDecision: {} }]);
  });

  it('rules: hits per day, shadow and enforced apart, precision from the marks', async () => {
    const res = await call('GET', '/analytics/rules?days=3', agent);
    expect(res.statusCode, res.body).toBe(200);
    const rules = res.json().rules as { ruleId: string }[];
    expect(rules.find((r) => r.ruleId === ids.r1)).toEqual({
      ruleId: ids.r1,
      name: '广告引流',
      mode: 'enforce',
      enabled: true,
      hits: 3,
      enforced: 3,
      shadow: 0,
      marks: { spam: 2, notSpam: 1, invalid: 0 },
      precision: 2 / 3,
      perDay: [
        { day: '2026-11-20', enforced: 1, shadow: 0 },
        { day: '2026-11-21', enforced: 2, shadow: 0 },
        { day: '2026-11-22', enforced: 0, shadow: 0 },
      ],
    });
    expect(rules.find((r) => r.ruleId === ids.r2)).toMatchObject({
      name: '返现观察',
      mode: 'shadow',
      hits: 2,
      enforced: 0,
      shadow: 2,
      marks: { spam: 0, notSpam: 1, invalid: 0 },
      precision: 0,
      perDay: [
        { day: '2026-11-20', enforced: 0, shadow: 1 },
        { day: '2026-11-21', enforced: 0, shadow: 1 },
        { day: '2026-11-22', enforced: 0, shadow: 0 },
      ],
    });
    // The last day alone: no hits, no marks, no precision.
    const today = (await call('GET', '/analytics/rules?days=1', agent)).json();
    expect(today.rules.find((r: { ruleId: string }) => r.ruleId === ids.r1)).toMatchObject({
      hits: 0,
      precision: null,
    });
  });

  it('refuses a bad window with problem+json', async () => {
    for (const url of ['/analytics/overview?days=0', '/analytics/rules?days=367', '/analytics/rules?x=1']) {
      const res = await call('GET', url, agent);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
  });

  it('workbench: counts and first items of what needs someone now, sections by permission', async () => {
    const due = Date.parse(ids.c2Due as string);
    const urgent = ['P1', 'P2'].includes(ids.c2Priority as string) ? 1 : 0;
    clock.set(due - HOUR);
    let w = (await call('GET', '/workbench', supervisor)).json();
    expect(w.overdue).toEqual({ count: 0, items: [] });
    expect(w.dueSoon.count).toBe(1);
    expect(w.dueSoon.items[0]).toMatchObject({
      id: ids.c2,
      reference: expect.stringMatching(/^TS-20261121-/),
      assigneeId: null,
      customer: { name: '王芳', contact: '+86 136****0002', tier: 'vip', keyCustomer: true },
    });
    expect(w.unassignedUrgent.count).toBe(urgent);
    expect(w.pendingApprovals).toMatchObject({ count: 1, items: [{ id: ids.e2, category: 'harassment' }] });
    expect(w.pendingApprovals.items[0].identifier).toBe('+86 139****0002');
    expect(w.reviewsDue).toMatchObject({ count: 1, items: [{ id: ids.e3 }] });
    expect(w.openAlerts.count).toBe(2);
    expect(w.openSurges).toMatchObject({ count: 1, items: [{ kind: 'surge' }] });

    clock.set(due + HOUR);
    w = (await call('GET', '/workbench', agent)).json();
    expect(w.overdue).toMatchObject({ count: 1, items: [{ id: ids.c2 }] });
    expect(w.dueSoon.count).toBe(0);
    // The queue's own filter finds the same.
    const overdue = (await call('GET', '/complaints?due=overdue', agent)).json();
    expect(overdue.items.map((c: { id: string }) => c.id)).toEqual([ids.c2]);
    expect((await call('GET', '/complaints?due=soon', agent)).json().items).toEqual([]);

    // A key that may read complaints only sees the complaint sections; one that may only screen, none.
    const narrow = (await call('GET', '/workbench', await t.key('agent', ['complaints:read']))).json();
    expect(Object.keys(narrow).sort()).toEqual(['dueSoon', 'overdue', 'unassignedUrgent']);
    const screenOnly = await call('GET', '/workbench', await t.key('agent', ['screen']));
    expect(screenOnly.statusCode).toBe(200);
    expect(screenOnly.json()).toEqual({});
  });

  it('shows the customer as a person on screened messages, listed and read', async () => {
    const m = await screen('13600000002', '请问什么时候发货');
    const customer = { name: '王芳', contact: '+86 136****0002', tier: 'vip', keyCustomer: true };
    const one = (await call('GET', `/messages/${m.messageId}`, agent)).json();
    expect(one.customer).toMatchObject(customer);
    const list = (await call('GET', `/messages?customerId=${one.customerId}`, agent)).json();
    expect(list.items[0].customer).toMatchObject(customer);
    // A sender no customer owns has none.
    const stranger = await screen('13700000009', '你好');
    expect((await call('GET', `/messages/${stranger.messageId}`, agent)).json().customer).toBeNull();
  });
});
