import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/access/audit.js';
import { everyPermission } from '../../src/access/permissions.js';
import { ManualClock } from '../../src/core/clock.js';
import { bearer, dialects, startTestApp, type TestApp } from '../helpers/app.js';

const T0 = Date.parse('2026-11-23T02:00:00Z');
const HOUR = 3_600_000;

interface Complaint {
  id: string;
  customerId: string | null;
  channel: string;
  channels: string[];
  category: string;
  riskWords: string[];
  severity: number;
  factors: { name: string; points: number; detail: string }[];
  priority: string;
  team: string;
  queue: string;
  status: string;
  createdAt: string;
  escalatedAt: string | null;
  timeline: { kind: string; note: string | null; detail: Record<string, unknown> }[];
}

describe.each(dialects())('complaints over HTTP on %s', (dialect) => {
  let t: TestApp;
  let sup: string;
  let agent: string;
  let gateway: string;
  const clock = new ManualClock(T0);

  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
    key = agent,
  ) =>
    t.server.inject({ method, url: `/api/v1${url}`, headers: bearer(key), ...(payload ? { payload } : {}) });
  const screen = async (channel: string, from: Record<string, string>, text: string) => {
    const res = await call('POST', '/screen', { channel, from, text }, gateway);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const post = async (body: object) => {
    const res = await call('POST', '/complaints', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Complaint;
  };
  const get = async (id: string) => {
    const res = await call('GET', `/complaints/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Complaint;
  };
  const patch = (id: string, body: object) => call('PATCH', `/complaints/${id}`, body);
  const customer = async (externalId: string, phone: string, tier = 'standard') => {
    const res = await call(
      'PUT',
      `/customers/${externalId}`,
      { tier, identifiers: [{ type: 'phone', value: phone }] },
      sup,
    );
    expect(res.statusCode, res.body).toBeLessThan(300);
    const id = res.json().id as string;
    // Screening resolves senders from the in-memory directory, refreshed through the change bus.
    for (let i = 0; i < 100 && t.app.directory.get(id)?.tier !== tier; i++)
      await new Promise((r) => setTimeout(r, 10));
    return id;
  };

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock });
    sup = await t.key('supervisor');
    agent = await t.key('agent');
    gateway = await t.key('agent', ['screen']);
  });
  afterAll(async () => t?.close());

  it('makes a complaint from a screened SMS and answers it in the screen result', async () => {
    const r = await screen('sms', { phone: '+86 138 0013 8000' }, '你们再不退款我就去12315投诉，太气人了');
    expect(r.decision).toBe('allow');
    expect(r.complaint).toMatchObject({ id: expect.stringMatching(/^cmp_/), priority: expect.any(String) });
    const c = await get(r.complaint.id);
    expect(c).toMatchObject({
      channel: 'sms',
      category: 'billing_refund',
      team: 'billing',
      queue: 'billing',
      status: 'received',
      severity: r.complaint.severity,
      priority: r.complaint.priority,
      customerId: null,
    });
    expect(c.riskWords).toEqual(expect.arrayContaining(['退款', '12315', '投诉']));
    expect(c.factors.map((f) => f.name)).toEqual(expect.arrayContaining(['base', 'risk_words', 'sentiment']));
    expect(c.factors.reduce((s, f) => s + f.points, 0)).toBe(c.severity);
    expect(c.timeline.map((e) => e.kind)).toContain('created');
    // The customer is told it was received, by SMS to the sender's phone, in the same transaction.
    // No SMS provider here: the delivery failed, with a code the console words.
    expect(c.timeline.find((e) => e.kind === 'notification')?.detail).toMatchObject({
      channel: 'sms',
      template: 'complaint.received',
      lastError: 'channel not configured',
      lastErrorCode: { code: 'delivery.not_configured', params: {} },
      history: [],
    });
    // Text at rest is ciphertext.
    const row = await t.app.store.db
      .selectFrom('complaints')
      .select(['text_enc'])
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row.text_enc).not.toContain('退款');
    // Every change is audited.
    const audit = await t.app.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', c.id)
      .execute();
    expect(audit.map((a) => a.action)).toContain('complaint.create');
  });

  it('ignores ordinary messages and messages from blocked senders', async () => {
    expect((await screen('sms', { phone: '13800000011' }, '你好，请问营业时间')).complaint).toBeNull();
    await call(
      'POST',
      '/blocklist',
      { identifier: { type: 'phone', value: '13800000012' }, category: 'harassment', reason: 'x' },
      sup,
    );
    const r = await screen('sms', { phone: '13800000012' }, '快递三天了还没到，我要投诉');
    expect(r.decision).toBe('block');
    expect(r.complaint).toBeNull();
  });

  it('joins the same customer on chat and phone into one complaint with the multi-channel factor', async () => {
    const id = await customer('multi-1', '13900000101');
    const first = await screen('chat', { phone: '13900000101' }, '快递三天了还没到，我要投诉');
    expect(first.complaint).not.toBeNull();
    const before = await get(first.complaint.id);
    expect(before.customerId).toBe(id);
    expect(before.factors.map((f) => f.name)).not.toContain('multi_channel');
    clock.advance(HOUR);
    const second = await post({
      channel: 'phone',
      from: { phone: '+86 139 0000 0101' },
      text: '包裹还没到，很失望，快递太慢了',
    });
    expect(second.id).toBe(first.complaint.id);
    expect(second.channels.sort()).toEqual(['chat', 'phone']);
    expect(second.factors.find((f) => f.name === 'multi_channel')?.detail).toContain('chat, phone');
    expect(second.severity).toBeGreaterThan(before.severity);
    expect(second.timeline.map((e) => e.kind)).toContain('message_added');
    // A different category is a different complaint.
    const other = await post({ channel: 'phone', from: { phone: '13900000101' }, text: '客服态度太差了' });
    expect(other.id).not.toBe(first.complaint.id);
    expect(other.team).toBe('service-quality');
  });

  it('takes a complaint posted directly, and answers a low-risk one with the FAQ', async () => {
    const c = await post({
      channel: 'email',
      from: { email: 'kim@example.com' },
      text: 'Where is my order? It has been a week.',
      category: 'logistics',
      orderId: 'SO-1001',
    });
    expect(c).toMatchObject({ category: 'logistics', team: 'logistics', priority: 'P4', status: 'received' });
    expect(c.timeline.map((e) => e.kind)).toContain('auto_reply');
    const sent = c.timeline.filter((e) => e.kind === 'notification').map((e) => e.detail);
    expect(sent).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: 'email', template: 'complaint.received' }),
        expect.objectContaining({ channel: 'email', template: 'complaint.auto_reply' }),
      ]),
    );
    const bad = await call('POST', '/complaints', { channel: 'sms', from: { phone: '12' }, text: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('INVALID_IDENTIFIER');
    // Which identifier and what is wrong, coded for a console to word (the detail is English).
    expect(bad.json().identifier).toEqual({ code: 'INVALID_PHONE', params: { problem: 'too_short' } });
    const auditor = await t.key('auditor');
    expect(
      (
        await call(
          'POST',
          '/complaints',
          { channel: 'sms', from: { phone: '13800000013' }, text: 'x' },
          auditor,
        )
      ).statusCode,
    ).toBe(403);
  });

  it('raises a P1 alert for an angry VIP with risk words', async () => {
    await customer('vip-1', '13900000201', 'vip');
    const r = await screen('sms', { phone: '13900000201' }, '你们再不退款我就去12315投诉，太气人了');
    const first = await get(r.complaint.id);
    expect(first.queue).toBe('senior');
    expect(first.team).toBe('billing');
    expect(first.factors.map((f) => f.name)).toContain('vip_tier');
    expect(first.priority).not.toBe('P1');
    expect((await call('GET', '/alerts?kind=complaint_p1')).json().items).toHaveLength(0);
    // The same issue again on chat: now on two channels, it becomes P1.
    const again = await screen('chat', { phone: '13900000201' }, '说好的退款到现在还没退，我要去12315投诉');
    expect(again.complaint).toMatchObject({ id: first.id, priority: 'P1' });
    const c = await get(first.id);
    expect(c.factors.map((f) => f.name)).toContain('multi_channel');
    const alerts = (await call('GET', '/alerts?kind=complaint_p1')).json().items;
    expect(alerts.map((a: { target: { id: string } }) => a.target.id)).toContain(c.id);
  });

  it('lists the queue by priority, severity and age, with filters and cursor pages', async () => {
    const all = (await call('GET', '/complaints?limit=500')).json().items as Complaint[];
    expect(all.length).toBeGreaterThanOrEqual(5);
    const rank = (c: Complaint) => [Number(c.priority.slice(1)), -c.severity, Date.parse(c.createdAt)];
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [rank(all[i - 1] as Complaint), rank(all[i] as Complaint)];
      const cmp = (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0) || (a[2] ?? 0) - (b[2] ?? 0);
      expect(cmp).toBeLessThanOrEqual(0);
    }
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call('GET', `/complaints?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json();
      paged.push(...page.items.map((c: Complaint) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.map((c) => c.id));

    const logistics = (await call('GET', '/complaints?team=logistics')).json().items as Complaint[];
    expect(logistics.length).toBeGreaterThan(0);
    expect(logistics.every((c) => c.team === 'logistics')).toBe(true);
    const phone = (await call('GET', '/complaints?channel=phone')).json().items as Complaint[];
    expect(phone.every((c) => c.channels.includes('phone'))).toBe(true);
    expect(phone.length).toBeGreaterThanOrEqual(2);
    const p1 = (await call('GET', '/complaints?priority=P1')).json().items as Complaint[];
    expect(p1.length).toBeGreaterThan(0);
    expect(p1.every((c) => c.priority === 'P1')).toBe(true);
    const cust = all.find((c) => c.customerId)?.customerId;
    const mine = (await call('GET', `/complaints?customerId=${cust}`)).json().items as Complaint[];
    expect(mine.every((c) => c.customerId === cust)).toBe(true);
    expect((await call('GET', '/complaints?cursor=nonsense')).statusCode).toBe(400);
  });

  it('moves through the lifecycle, refuses invalid moves and assigns', async () => {
    const c = await post({ channel: 'sms', from: { phone: '13800000021' }, text: '手机屏幕坏了，质量太差' });
    const bad = await patch(c.id, { status: 'resolved' });
    expect(bad.statusCode).toBe(409);
    expect(bad.json().code).toBe('COMPLAINT_TRANSITION_INVALID');
    expect((await patch(c.id, { assigneeId: 'usr_nobody' })).statusCode).toBe(404);
    const user = await t.app.access.createUser(
      systemContext,
      {
        email: 'agent.li@example.com',
        name: 'Li',
        role: 'agent',
        password: 'correct horse battery',
      },
      everyPermission,
    );
    const assigned = (await patch(c.id, { assigneeId: user.id })).json();
    expect(assigned.assigneeId).toBe(user.id);
    expect(
      (await call('GET', `/complaints?assignee=${user.id}`)).json().items.map((x: Complaint) => x.id),
    ).toEqual([c.id]);
    const steps: [string, number][] = [
      ['processing', 200],
      ['closed', 409],
      ['resolved', 200],
      ['closed', 200],
      ['processing', 409],
      ['reopened', 200],
      ['processing', 200],
    ];
    for (const [status, code] of steps) {
      const res = await patch(c.id, { status, note: `to ${status}` });
      expect(res.statusCode, `${status}: ${res.body}`).toBe(code);
    }
    const done = await get(c.id);
    expect(done.status).toBe('processing');
    const moves = done.timeline.filter((e) => e.kind === 'status');
    expect(moves.map((e) => e.detail.to)).toEqual([
      'processing',
      'resolved',
      'closed',
      'reopened',
      'processing',
    ]);
    expect(moves[0]?.note).toBe('to processing');
    expect(done.timeline.map((e) => e.kind)).toContain('assigned');
    const templates = done.timeline.filter((e) => e.kind === 'notification').map((e) => e.detail.template);
    expect(templates).toEqual(
      expect.arrayContaining(['complaint.received', 'complaint.processing', 'complaint.resolved']),
    );
    const noteRow = await t.app.store.db
      .selectFrom('complaint_events')
      .select('note_enc')
      .where('complaint_id', '=', c.id)
      .where('note_enc', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(noteRow.note_enc).not.toContain('to processing');
    expect((await patch('cmp_missing', { status: 'processing' })).statusCode).toBe(404);
  });

  it('shows one customer across channels in the 360 view', async () => {
    const id = await customer('c360', '13900000301');
    await call(
      'PUT',
      '/consents?identifier=phone:13900000301',
      { purpose: 'marketing', status: 'opted_out' },
      sup,
    );
    await call(
      'POST',
      '/blocklist',
      {
        customerId: id,
        level: 2,
        limit: { max: 5, windowSeconds: 86400 },
        category: 'complaint_abuse',
        reason: 'x',
      },
      sup,
    );
    await screen('sms', { phone: '13900000301' }, '快递三天了还没到，我要投诉');
    await screen('chat', { phone: '13900000301' }, '你好');
    await post({ channel: 'phone', from: { phone: '13900000301' }, text: '客服态度太差了' });
    const res = await call('GET', `/customers/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json();
    expect(v).toMatchObject({
      id,
      tier: 'standard',
      identifiers: [{ type: 'phone', value: '+8613900000301' }],
    });
    expect(v.blocklist).toEqual([
      expect.objectContaining({ target: 'customer', level: 2, category: 'complaint_abuse' }),
    ]);
    expect(v.recentMessages.map((m: { channel: string }) => m.channel).sort()).toEqual(['chat', 'sms']);
    expect(v.complaints.items).toHaveLength(2);
    expect(v.complaints.countsByChannel).toEqual({ sms: 1, phone: 1 });
    expect(v.complaints.open).toBe(2);
    expect(Array.isArray(v.consent)).toBe(true);
  });

  it('escalates an overdue complaint once, with an alert', async () => {
    const c = await post({ channel: 'sms', from: { phone: '13800000031' }, text: '快递一直不送货，太慢了' });
    expect(c.priority).toBe('P3');
    clock.advance(23 * HOUR);
    await t.app.jobs.runNow('complaints.sla-escalation');
    expect((await get(c.id)).escalatedAt).toBeNull();
    clock.advance(2 * HOUR);
    expect(await t.app.jobs.runNow('complaints.sla-escalation')).toBeGreaterThanOrEqual(1);
    const after = await get(c.id);
    expect(after).toMatchObject({ priority: 'P2', escalatedAt: new Date(clock.now()).toISOString() });
    expect(after.factors.map((f) => f.name)).toContain('sla_overdue');
    expect(after.timeline.find((e) => e.kind === 'escalated')?.detail).toMatchObject({
      from: 'P3',
      to: 'P2',
    });
    const alerts = (await call('GET', '/alerts?kind=escalation&limit=500')).json().items;
    expect(alerts.filter((a: { target: { id: string } }) => a.target.id === c.id)).toHaveLength(1);
    expect(await t.app.jobs.runNow('complaints.sla-escalation')).toBe(0);
    expect((await get(c.id)).priority).toBe('P2');
  });

  it('gives the figures', async () => {
    await post({ channel: 'sms', from: { phone: '13800000041' }, text: '快递丢件了，我要投诉！' });
    const lifecycle = (await call('GET', '/complaints?team=quality')).json().items[0] as Complaint;
    await patch(lifecycle.id, { status: 'resolved' });
    const res = await call('GET', '/analytics/complaints?days=7');
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json();
    const all = (await call('GET', '/complaints?limit=500')).json().items as Complaint[];
    expect(f.total).toBe(all.length);
    expect(f.perDay).toHaveLength(7);
    const sum = (k: 'byCategory' | 'byChannel' | 'byPriority') =>
      f.perDay.reduce(
        (n: number, d: Record<string, Record<string, number>>) =>
          n + Object.values(d[k] ?? {}).reduce((a, b) => a + b, 0),
        0,
      );
    expect(sum('byCategory')).toBe(all.length);
    expect(sum('byChannel')).toBe(all.length);
    expect(sum('byPriority')).toBe(all.length);
    expect(f.topRiskWords[0]).toMatchObject({ word: '投诉' });
    expect(f.sla.resolved).toBe(1);
    expect(f.sla.metPercent).toBe(0); // resolved a day after it was due
    const perCustomer = new Map<string, number>();
    for (const c of all)
      if (c.customerId) perCustomer.set(c.customerId, (perCustomer.get(c.customerId) ?? 0) + 1);
    const repeat = [...perCustomer].filter(([, n]) => n >= 2).map(([id]) => id);
    expect(repeat.length).toBeGreaterThanOrEqual(2); // multi-1 and c360
    expect(f.repeatComplainants).toEqual({ count: repeat.length, customerIds: repeat.sort() });
  });
});
