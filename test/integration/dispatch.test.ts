import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/access/audit.js';
import { everyPermission } from '../../src/access/permissions.js';
import { bearer, dialects, startTestApp, type TestApp } from '../helpers/app.js';

const password = 'correct horse dispatch 42';

describe.each(dialects())('supervisor dispatch and bulk actions on %s', (dialect) => {
  let t: TestApp;
  let supervisor: string;
  let agentKey: string;
  const people: Record<string, string> = {};

  const call = (method: 'GET' | 'POST', url: string, key: string, payload?: object) =>
    t.server.inject({ method, url: `/api/v1${url}`, headers: bearer(key), ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await startTestApp(dialect);
    supervisor = await t.key('supervisor');
    agentKey = await t.key('agent');
    for (const [email, name, role] of [
      ['li.na@example.com', '李娜', 'agent'],
      ['wang.wei@example.com', '王伟', 'agent'],
      ['zhao.lei@example.com', '赵磊', 'supervisor'],
      ['audit@example.com', 'Auditor', 'auditor'],
      ['gone@example.com', '离职员工', 'agent'],
    ] as const) {
      const u = await t.app.access.createUser(
        systemContext,
        { email, name, role, password },
        everyPermission,
      );
      people[email] = u.id;
    }
    await t.app.access.updateUser(
      systemContext,
      people['gone@example.com'] as string,
      { disabled: true },
      everyPermission,
    );
  });
  afterAll(async () => t?.close());

  it('lists assignable people to a supervisor without opening user administration', async () => {
    const res = await call('GET', '/users/assignable', supervisor);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { id: string; name: string; role: string }[];
    const names = items.map((u) => u.name);
    expect(names).toEqual(expect.arrayContaining(['李娜', '王伟', '赵磊']));
    expect(names).not.toContain('Auditor');
    expect(names).not.toContain('离职员工');
    // Only what dispatch needs: no e-mail, no login times.
    for (const u of items) expect(Object.keys(u).sort()).toEqual(['id', 'name', 'role']);
    expect((await call('GET', '/users', supervisor)).statusCode).toBe(403);
    expect((await call('GET', '/users/assignable', agentKey)).statusCode).toBe(403);
  });

  it('assigns several complaints at once; unassigned and mine filter the queue; bad input changes nothing', async () => {
    const ids: string[] = [];
    for (const phone of ['13812340001', '13812340002', '13812340003']) {
      const res = await call('POST', '/complaints', supervisor, {
        channel: 'voice',
        from: { phone },
        text: '快递一个星期还没到，我要投诉',
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id);
    }
    const liNa = people['li.na@example.com'] as string;
    const unassignedBefore = (await call('GET', '/complaints?assignee=none', supervisor)).json().items.length;
    expect(unassignedBefore).toBe(3);

    // An unknown complaint among them: 404, and none is assigned.
    const bad = await call('POST', '/complaints/assign', supervisor, {
      ids: [ids[0], 'cmp_missing'],
      assigneeId: liNa,
    });
    expect(bad.statusCode).toBe(404);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(bad.json()).toMatchObject({ code: 'COMPLAINT_NOT_FOUND', errors: [{ field: '/ids/1' }] });
    const unknownUser = await call('POST', '/complaints/assign', supervisor, {
      ids,
      assigneeId: 'usr_missing',
    });
    expect(unknownUser.statusCode).toBe(404);
    expect(unknownUser.json().code).toBe('USER_NOT_FOUND');
    expect((await call('GET', '/complaints?assignee=none', supervisor)).json().items.length).toBe(3);

    const ok = await call('POST', '/complaints/assign', supervisor, {
      ids: ids.slice(0, 2),
      assigneeId: liNa,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().items.map((c: { assigneeId: string }) => c.assigneeId)).toEqual([liNa, liNa]);
    expect(
      (await call('GET', '/complaints?assignee=none', supervisor))
        .json()
        .items.map((c: { id: string }) => c.id),
    ).toEqual([ids[2]]);
    const detail = (await call('GET', `/complaints/${ids[0]}`, supervisor)).json();
    expect(detail.timeline.some((e: { kind: string }) => e.kind === 'assigned')).toBe(true);
    const audit = await t.app.audit.list({ limit: 50, action: 'complaint.update', targetId: ids[1] });
    expect(audit.items.length).toBe(1);

    // "mine" is the signed-in user's queue; an API key has none.
    const login = await t.server.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'li.na@example.com', password },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
    const mine = await t.server.inject({ url: '/api/v1/complaints?assignee=me', headers: { cookie } });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(
      mine
        .json()
        .items.map((c: { id: string }) => c.id)
        .sort(),
    ).toEqual(ids.slice(0, 2).sort());
    const keyMine = await call('GET', '/complaints?assignee=me', supervisor);
    expect(keyMine.statusCode).toBe(400);
    expect(keyMine.json().code).toBe('VALIDATION_FAILED');

    // Back to the queue with null.
    const back = await call('POST', '/complaints/assign', supervisor, { ids: [ids[1]], assigneeId: null });
    expect(back.json().items[0].assigneeId).toBeNull();
  });

  it('acknowledges several alerts at once, all or none', async () => {
    const raised: string[] = [];
    for (let i = 0; i < 3; i++) {
      const a = await t.app.alerts.raise({ kind: 'complaint_p1', severity: 'critical', title: `P1 ${i}` });
      if (a) raised.push(a.id);
    }
    expect(raised.length).toBe(3);
    const bad = await call('POST', '/alerts/ack', agentKey, { ids: [raised[0], 'alr_missing'] });
    expect(bad.statusCode).toBe(404);
    expect(bad.json().errors).toEqual([{ field: '/ids/1', message: 'no alert alr_missing' }]);
    expect((await t.app.alerts.list({ status: 'open', limit: 10 })).openCount).toBe(3);
    expect((await call('POST', '/alerts/ack', agentKey, { ids: [] })).statusCode).toBe(400);

    const ok = await call('POST', '/alerts/ack', agentKey, { ids: raised.slice(0, 2) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().items.map((a: { status: string }) => a.status)).toEqual(['acked', 'acked']);
    expect((await t.app.alerts.list({ status: 'open', limit: 10 })).openCount).toBe(1);
    const audit = await t.app.audit.list({ limit: 50, action: 'alert.ack' });
    expect(audit.items.length).toBe(2);
  });

  it('shows people, not ids: customer name, masked phone, tier and the assignee name on lists and the detail', async () => {
    const admin = await t.key('admin');
    const upsert = await t.server.inject({
      method: 'PUT',
      url: '/api/v1/customers/crm-vip-77',
      headers: bearer(admin),
      payload: {
        name: '陈静',
        tier: 'vip',
        lifetimeValue: 86000,
        identifiers: [{ type: 'phone', value: '13800138077' }],
      },
    });
    expect(upsert.statusCode, upsert.body).toBe(201);
    const created = await call('POST', '/complaints', supervisor, {
      channel: 'voice',
      from: { phone: '+86 138 0013 8077' },
      text: '退款十天还没到账，我要投诉',
    });
    const id = created.json().id as string;
    await call('POST', '/complaints/assign', supervisor, {
      ids: [id],
      assigneeId: people['wang.wei@example.com'],
    });
    const card = {
      name: '陈静',
      contact: '+86 138****8077',
      tier: 'vip',
      keyCustomer: true,
    };
    const listed = (
      await call('GET', '/complaints?assignee=' + people['wang.wei@example.com'], supervisor)
    ).json();
    expect(listed.items[0]).toMatchObject({ id, customer: card, assigneeName: '王伟' });
    const detail = (await call('GET', `/complaints/${id}`, supervisor)).json();
    expect(detail).toMatchObject({ customer: card, assigneeName: '王伟' });

    const entry = await call('POST', '/blocklist', supervisor, {
      customerId: detail.customerId,
      level: 2,
      limit: { max: 3, windowSeconds: 86400 },
      category: 'complaint_abuse',
      reason: '每天重复投诉',
      confirm: true,
    });
    expect(entry.statusCode, entry.body).toBe(201);
    const entries = (await call('GET', '/blocklist', supervisor)).json().items as {
      id: string;
      customer: unknown;
    }[];
    expect(entries.find((e) => e.id === entry.json().id)?.customer).toMatchObject(card);
    // The full number is nowhere in the list answer.
    expect(JSON.stringify(entries)).not.toContain('13800138077');
  });
});
