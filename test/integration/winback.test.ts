import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/access/audit.js';
import { everyPermission } from '../../src/access/permissions.js';
import { ManualClock } from '../../src/core/clock.js';
import { bearer, dialects, startTestApp, type TestApp } from '../helpers/app.js';

// A Monday, so week buckets are easy to read.
const T0 = Date.parse('2026-11-23T02:00:00Z');
const DAY = 86_400_000;
const SCRIPT = '王先生您好，之前限制了您的来电，非常抱歉，现已恢复。';

/**
 * Win-back (挽回) through the API, on each database: a case opens only from a
 * released (or temporarily released) entry, milestones are ticked, an overdue
 * one raises a reminder, the outcome closes the case, every change is in the
 * audit log, and the figures are exact on a small fixed set.
 */
describe.each(dialects())('win-back cases on %s', (dialect) => {
  let t: TestApp;
  let clock: ManualClock;
  let admin: string;
  let sup: string;
  let agent: string;
  let auditor: string;
  let owner1: string;
  let owner2: string;
  let customerId: string;
  let entryId: string;
  let caseId: string;

  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object, key = sup) =>
    t.server.inject({ method, url: `/api/v1${url}`, headers: bearer(key), ...(payload ? { payload } : {}) });
  const block = async (phone: string, category = 'harassment') => {
    const res = await call('POST', '/blocklist', {
      identifier: { type: 'phone', value: phone },
      level: 1,
      category,
      reason: '反复骚扰客服',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const release = async (id: string) => {
    const res = await call('POST', `/blocklist/${id}/release`, { reasonCode: 'resolved' });
    expect(res.statusCode, res.body).toBe(200);
  };
  const makeUser = async (email: string, name: string) =>
    (
      await t.app.access.createUser(
        systemContext,
        { email, name, role: 'supervisor', password: 'correct horse battery 9' },
        everyPermission,
      )
    ).id;

  beforeAll(async () => {
    clock = new ManualClock(T0);
    t = await startTestApp(dialect, { clock });
    admin = await t.key('admin');
    sup = await t.key('supervisor');
    agent = await t.key('agent');
    auditor = await t.key('auditor');
    owner1 = await makeUser('li.na@example.com', '李娜');
    owner2 = await makeUser('zhou.min@example.com', '周敏');
    const c = await call(
      'PUT',
      '/customers/crm-wb-1',
      { name: '王先生', identifiers: [{ type: 'phone', value: '13700137101' }] },
      admin,
    );
    expect(c.statusCode, c.body).toBe(201);
    customerId = c.json().id;
    entryId = await block('13700137101');
  });
  afterAll(async () => t?.close());

  it('refuses a case for an entry still in force, with a stable code, and opens none', async () => {
    const res = await call('POST', '/winback', { entryId, template: 'apology' });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().code).toBe('WINBACK_ENTRY_NOT_RELEASED');
    expect((await call('GET', `/winback?entryId=${entryId}`)).json().items).toEqual([]);
    const missing = await call('POST', '/winback', { entryId: 'blk_nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('BLOCKLIST_ENTRY_NOT_FOUND');
  });

  it('denies agents and auditors, who hold no winback permission', async () => {
    for (const key of [agent, auditor]) {
      const read = await call('GET', '/winback', undefined, key);
      expect(read.statusCode).toBe(403);
      expect(read.json()).toMatchObject({ code: 'FORBIDDEN', permission: 'winback:read' });
      const write = await call('POST', '/winback', { entryId }, key);
      expect(write.statusCode).toBe(403);
      expect(write.json().permission).toBe('winback:write');
    }
  });

  it('opens a case from a released entry with the template’s plan and script, for the customer', async () => {
    await release(entryId);
    const res = await call('POST', '/winback', {
      entryId,
      template: 'apology',
      ownerId: owner1,
      script: SCRIPT,
      notes: '客户曾投诉物流',
      satisfactionBefore: 2,
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    caseId = c.id;
    expect(c).toMatchObject({
      entryId,
      customerId,
      category: 'harassment',
      ownerId: owner1,
      ownerName: '李娜',
      template: 'apology',
      script: SCRIPT,
      notes: '客户曾投诉物流',
      status: 'open',
      outcome: null,
      satisfactionBefore: 2,
    });
    expect(c.plan.length).toBeGreaterThan(1);
    expect(c.plan[0]).toEqual({ text: expect.stringContaining('致歉'), done: false });
    expect(c.milestones).toEqual([
      { kind: 'contacted', dueAt: new Date(T0 + 2 * DAY).toISOString(), doneAt: null, overdue: false },
      { kind: 'responded', dueAt: new Date(T0 + 7 * DAY).toISOString(), doneAt: null, overdue: false },
      { kind: 'repurchased', dueAt: new Date(T0 + 30 * DAY).toISOString(), doneAt: null, overdue: false },
    ]);
    // The customer 360 finds it.
    const mine = (await call('GET', `/winback?customerId=${customerId}`)).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([caseId]);
    expect(mine.items[0].customer).toMatchObject({ id: customerId, name: '王先生' });
  });

  it('keeps script and notes encrypted at rest', async () => {
    const row = await t.app.store.db
      .selectFrom('winback_cases')
      .select(['script_enc', 'notes_enc'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row.script_enc).not.toContain('王先生');
    expect(row.notes_enc).not.toContain('物流');
    expect(t.app.keys.decryptNullable(row.script_enc)).toBe(SCRIPT);
  });

  it('refuses a second open case, an unknown template and an unknown owner, changing nothing', async () => {
    const again = await call('POST', '/winback', { entryId });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'WINBACK_CASE_EXISTS', caseId });
    const other = await block('13700137102');
    await release(other);
    const tpl = await call('POST', '/winback', { entryId: other, template: 'bribe' });
    expect(tpl.statusCode).toBe(400);
    expect(tpl.json().code).toBe('VALIDATION_FAILED');
    const who = await call('POST', '/winback', { entryId: other, ownerId: 'usr_nobody' });
    expect(who.statusCode).toBe(404);
    expect(who.json().code).toBe('USER_NOT_FOUND');
    const bad = await call('PATCH', `/winback/${caseId}`, { satisfactionAfter: 6 });
    expect(bad.statusCode).toBe(400);
    expect((await call('GET', `/winback?entryId=${other}`)).json().items).toEqual([]);
    expect((await call('PATCH', '/winback/wbk_nope', { notes: 'x' })).json().code).toBe(
      'WINBACK_CASE_NOT_FOUND',
    );
  });

  it('ticks a milestone, and reminds the owner once when another is overdue', async () => {
    clock.set(T0 + DAY);
    const ticked = await call('PATCH', `/winback/${caseId}`, {
      milestones: [{ kind: 'contacted', done: true }],
    });
    expect(ticked.statusCode, ticked.body).toBe(200);
    expect(ticked.json().milestones[0]).toMatchObject({
      kind: 'contacted',
      doneAt: new Date(T0 + DAY).toISOString(),
    });
    // Nothing is due yet.
    expect(await t.app.winback.raiseReminders()).toBe(0);
    clock.set(T0 + 8 * DAY);
    expect((await call('GET', `/winback/${caseId}`)).json().milestones[1].overdue).toBe(true);
    expect(
      (await call('GET', '/winback?overdue=true')).json().items.map((i: { id: string }) => i.id),
    ).toEqual([caseId]);
    expect(await t.app.winback.raiseReminders()).toBe(1);
    expect(await t.app.winback.raiseReminders()).toBe(0);
    const alerts = (await call('GET', '/alerts?kind=winback_due')).json().items;
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: 'winback_due',
      target: { type: 'winback_case', id: caseId },
      detail: { milestone: 'responded', ownerId: owner1, overdueDays: 1 },
    });
  });

  it('sets the outcome and satisfaction after, which closes the case', async () => {
    const res = await call('PATCH', `/winback/${caseId}`, {
      milestones: [
        { kind: 'responded', done: true },
        { kind: 'repurchased', done: true },
      ],
      outcome: 'won_back',
      satisfactionAfter: 5,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'closed',
      outcome: 'won_back',
      satisfactionBefore: 2,
      satisfactionAfter: 5,
      closedAt: new Date(T0 + 8 * DAY).toISOString(),
    });
    expect(
      (await call('GET', '/winback?status=closed')).json().items.map((i: { id: string }) => i.id),
    ).toContain(caseId);
  });

  it('opens a case from a temporarily released entry too', async () => {
    const id = await block('13700137103');
    const ex = await call('POST', `/blocklist/${id}/exemptions`, {
      until: new Date(clock.now() + 7 * DAY).toISOString(),
      reasonCode: 'customer_request',
    });
    expect(ex.statusCode, ex.body).toBe(201);
    const res = await call('POST', '/winback', { entryId: id, template: 'offer', locale: 'en' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().plan[0].text).toMatch(/voucher/);
  });

  it('audits every change and read', async () => {
    const res = await call('GET', `/audit?action=winback.&limit=100`, undefined, admin);
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().items as {
      action: string;
      target: { id: string };
      summary: Record<string, unknown>;
    }[];
    const forCase = rows.filter((r) => r.target.id === caseId).map((r) => r.action);
    expect(forCase.filter((a) => a === 'winback.create')).toHaveLength(1);
    expect(forCase.filter((a) => a === 'winback.update')).toHaveLength(2);
    expect(forCase).toContain('winback.read');
    const closed = rows.find((r) => r.target.id === caseId && r.summary.outcome === 'won_back');
    expect(closed?.summary.fields).toEqual(['satisfactionAfter', 'outcome', 'milestones']);
    // Personal text never reaches the audit log.
    expect(JSON.stringify(rows)).not.toContain('王先生');
  });

  it('gives exact win-back rates by category and owner, per week and month', async () => {
    // A fixed set, opened from 2026-12-21 (a Monday) on, apart from the cases above.
    const S0 = T0 + 28 * DAY;
    const fixed: [number, string, string, string | null][] = [
      [S0, 'harassment', owner1, 'won_back'],
      [S0 + DAY, 'harassment', owner1, 'lost'],
      [S0 + DAY, 'spam', owner2, 'won_back'],
      [S0 + 12 * DAY, 'harassment', owner2, 'won_back'],
      [S0 + 12 * DAY, 'spam', owner2, null],
    ];
    let n = 200;
    for (const [at, category, ownerId, outcome] of fixed) {
      clock.set(at);
      const id = await block(`13700137${n++}`, category);
      await release(id);
      const c = await call('POST', '/winback', { entryId: id, ownerId });
      expect(c.statusCode, c.body).toBe(201);
      if (outcome) expect((await call('PATCH', `/winback/${c.json().id}`, { outcome })).statusCode).toBe(200);
    }
    const window = `from=${new Date(S0).toISOString()}&to=${new Date(S0 + 20 * DAY).toISOString()}`;
    const byCategory = await call('GET', `/winback/stats?${window}&groupBy=category&interval=week`);
    expect(byCategory.statusCode, byCategory.body).toBe(200);
    const row = (
      key: string,
      period: string,
      cases: number,
      closed: number,
      won: number,
      lost: number,
      rate: number | null,
    ) => ({
      key,
      period,
      cases,
      closed,
      wonBack: won,
      lost,
      noResponse: 0,
      rate,
    });
    expect(byCategory.json().rows.map(({ label: _l, ...r }: { label: string }) => r)).toEqual([
      row('harassment', '2026-12-21', 2, 2, 1, 1, 0.5),
      row('harassment', '2026-12-28', 1, 1, 1, 0, 1),
      row('spam', '2026-12-21', 1, 1, 1, 0, 1),
      row('spam', '2026-12-28', 1, 0, 0, 0, null),
    ]);
    expect(byCategory.json().totals).toEqual([
      {
        key: 'harassment',
        label: 'harassment',
        cases: 3,
        closed: 3,
        wonBack: 2,
        lost: 1,
        noResponse: 0,
        rate: 0.6667,
      },
      { key: 'spam', label: 'spam', cases: 2, closed: 1, wonBack: 1, lost: 0, noResponse: 0, rate: 1 },
    ]);
    const byOwner = (await call('GET', `/winback/stats?${window}&groupBy=owner&interval=month`)).json();
    const o = (id: string) => byOwner.rows.filter((r: { key: string }) => r.key === id);
    expect(o(owner1)).toEqual([{ ...row(owner1, '2026-12', 2, 2, 1, 1, 0.5), label: '李娜' }]);
    expect(o(owner2)).toEqual([
      { ...row(owner2, '2026-12', 1, 1, 1, 0, 1), label: '周敏' },
      { ...row(owner2, '2027-01', 2, 1, 1, 0, 1), label: '周敏' },
    ]);
    const bad = await call('GET', `/winback/stats?groupBy=tier`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    expect((await call('GET', '/winback/stats', undefined, agent)).statusCode).toBe(403);
  });

  it('hands the cases out in a subject access export, and erasure removes their script and notes', async () => {
    const exported = await call('GET', `/customers/${customerId}/export`, undefined, admin);
    expect(exported.statusCode, exported.body).toBe(200);
    expect(exported.json().winback.map((c: { id: string }) => c.id)).toEqual([caseId]);
    expect(exported.json().winback[0].script).toBe(SCRIPT);
    const erased = await call('POST', `/customers/${customerId}/erase`, { reason: 'DSR-7' }, admin);
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json().winbackCases).toBe(1);
    const after = (await call('GET', `/winback/${caseId}`)).json();
    expect(after).toMatchObject({ script: null, notes: null, outcome: 'won_back', customerId });
  });
});
