import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { bearer, dialects, startTestApp, type TestApp } from '../helpers/app.js';

const T0 = Date.parse('2026-11-23T02:00:00Z');
const HOUR = 3_600_000;

describe.each(dialects())('screening over HTTP on %s', (dialect) => {
  let t: TestApp;
  let sup: string;
  let agent: string;
  let gateway: string;
  const clock = new ManualClock(T0);

  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
    key = sup,
  ) =>
    t.server.inject({ method, url: `/api/v1${url}`, headers: bearer(key), ...(payload ? { payload } : {}) });
  const screen = async (from: Record<string, string>, text: string, extra: object = {}) => {
    const res = await call('POST', '/screen', { channel: 'sms', from, text, ...extra }, gateway);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock });
    sup = await t.key('supervisor');
    agent = await t.key('agent');
    gateway = await t.key('agent', ['screen']);
    const admin = await t.key('admin');
    await call(
      'PUT',
      '/customers/vip-9',
      { tier: 'vip', identifiers: [{ type: 'phone', value: '13900000009' }] },
      admin,
    );
  });
  afterAll(async () => t?.close());

  it('allows an ordinary message and records it, durably, with its reasons', async () => {
    const r = await screen({ phone: '+86 138 0013 8000' }, '你好，我想问一下订单什么时候发货', {
      externalId: 'msg-1',
    });
    expect(r).toMatchObject({ decision: 'allow', reasons: [], customer: null });
    expect(r.messageId).toMatch(/^msg_/);
    const stored = (await call('GET', `/messages/${r.messageId}`, undefined, agent)).json();
    expect(stored).toMatchObject({
      decision: 'allow',
      text: '你好，我想问一下订单什么时候发货',
      externalId: 'msg-1',
      from: [{ type: 'phone', value: '+8613800138000' }],
    });
  });

  it('rejects a bad sender with 400 problem+json and records nothing', async () => {
    const before = (await call('GET', '/messages?limit=500', undefined, agent)).json().items.length;
    const res = await call(
      'POST',
      '/screen',
      { channel: 'sms', from: { phone: '12345' }, text: 'x' },
      gateway,
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INVALID_IDENTIFIER', errors: [{ field: '/from/phone' }] });
    expect(
      (await call('POST', '/screen', { channel: 'fax', from: { phone: '13800138000' }, text: 'x' }, gateway))
        .statusCode,
    ).toBe(400);
    expect((await call('POST', '/screen', { channel: 'sms', from: {}, text: 'x' }, gateway)).statusCode).toBe(
      400,
    );
    expect((await call('GET', '/messages?limit=500', undefined, agent)).json().items.length).toBe(before);
  });

  it('blocks a level-1 sender, lists the entry as the reason and records a violation', async () => {
    const e = (
      await call('POST', '/blocklist', {
        identifier: { type: 'phone', value: '13800000001' },
        category: 'harassment',
        reason: '辱骂',
      })
    ).json();
    const r = await screen({ phone: '13800000001' }, '在吗');
    expect(r.decision).toBe('block');
    expect(r.reasons[0]).toMatchObject({
      kind: 'blocklist',
      id: e.id,
      detail: 'level 1: full block',
      code: 'blocklist.full_block',
      params: {},
    });
    const history = (await call('GET', `/blocklist/${e.id}`)).json().history;
    expect(history.map((h: { kind: string }) => h.kind)).toContain('violation');
    expect(history.find((h: { kind: string }) => h.kind === 'violation').detail.messageId).toBe(r.messageId);
  });

  it('exempts one session only', async () => {
    const e = (
      await call('POST', '/blocklist', {
        identifier: { type: 'phone', value: '13800000002' },
        category: 'harassment',
        reason: 'x',
      })
    ).json();
    await call('POST', `/blocklist/${e.id}/exemptions`, { sessionId: 'c-812' });
    expect((await screen({ phone: '13800000002' }, '售后问题', { sessionId: 'c-812' })).decision).toBe(
      'allow',
    );
    expect((await screen({ phone: '13800000002' }, '售后问题', { sessionId: 'c-813' })).decision).toBe(
      'block',
    );
  });

  it('rate-limits level 2 and lets the sender through again after the window', async () => {
    await call('POST', '/blocklist', {
      identifier: { type: 'phone', value: '13800000003' },
      level: 2,
      limit: { max: 2, windowSeconds: 3600 },
      category: 'complaint_abuse',
      reason: 'x',
    });
    const decisions: string[] = [];
    for (let i = 0; i < 3; i++) decisions.push((await screen({ phone: '13800000003' }, `第${i}条`)).decision);
    expect(decisions).toEqual(['allow', 'allow', 'limit']);
    clock.advance(HOUR - 1);
    expect((await screen({ phone: '13800000003' }, 'still inside')).decision).toBe('limit');
    clock.advance(HOUR + 1);
    expect((await screen({ phone: '13800000003' }, 'next window')).decision).toBe('allow');
    clock.set(T0);
  });

  it('restricts level 3 to its allowed channels', async () => {
    await call('POST', '/blocklist', {
      identifier: { type: 'email', value: 'only-mail@example.com' },
      level: 3,
      allowedChannels: ['email'],
      category: 'spam',
      reason: 'x',
    });
    expect((await screen({ email: 'only-mail@example.com' }, 'hi')).decision).toBe('restrict');
    expect(
      (
        await call(
          'POST',
          '/screen',
          { channel: 'email', from: { email: 'only-mail@example.com' }, text: 'hi' },
          gateway,
        )
      ).json().decision,
    ).toBe('allow');
  });

  it('applies a keyword rule through evasive spellings, and a rule change on the very next message', async () => {
    const created = await call('POST', '/rules', {
      name: '广告引流',
      stage: 'filter',
      mode: 'enforce',
      conditions: { all: [{ keywords: { list: ['加微信', '刷单'] } }] },
      actions: [{ type: 'mark_spam' }, { type: 'tag', value: 'ad' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const rule = created.json();
    for (const text of [
      '加微信领红包',
      '加 微 信领红包',
      '加-微-信',
      '加\u200b微信',
      '加微信（繁体）',
      '刷 单 兼职',
    ]) {
      const r = await screen({ phone: '13700000001' }, text);
      expect(r.decision, text).toBe('spam');
      expect(r.actions.tags, text).toContain('ad');
      expect(r.reasons[0], text).toMatchObject({ kind: 'rule', id: rule.id, name: '广告引流' });
    }
    expect((await screen({ phone: '13700000001' }, '微信支付失败了')).decision).toBe('allow');
    // Switch to shadow: recorded, not enforced, from the next message on.
    await call('PATCH', `/rules/${rule.id}`, { mode: 'shadow' });
    const shadow = await screen({ phone: '13700000001' }, '加微信');
    expect(shadow.decision).toBe('allow');
    expect(shadow.reasons[0]).toMatchObject({ id: rule.id, mode: 'shadow' });
    await call('PATCH', `/rules/${rule.id}`, {
      conditions: { keywords: { list: ['返现'] } },
      mode: 'enforce',
    });
    expect((await screen({ phone: '13700000001' }, '加微信')).decision).toBe('allow');
    expect((await screen({ phone: '13700000001' }, '好评返现')).decision).toBe('spam');
    const stats = (await call('GET', `/rules/${rule.id}/stats`, undefined, agent)).json();
    expect(stats).toMatchObject({ enforced: 7, shadow: 1, hits: 8 });
    await call('DELETE', `/rules/${rule.id}`);
    expect((await screen({ phone: '13700000001' }, '好评返现')).decision).toBe('allow');
  });

  it('starts a rule without a mode in shadow: recorded, not enforced; Chinese tags are fine', async () => {
    const created = await call('POST', '/rules', {
      name: '影子默认',
      stage: 'filter',
      conditions: { keywords: { list: ['影子测试词'] } },
      actions: [{ type: 'reject' }, { type: 'tag', value: '待观察' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const rule = created.json();
    expect(rule.mode).toBe('shadow');
    const r = await screen({ phone: '13700000009' }, '这是影子测试词');
    expect(r.decision).toBe('allow');
    expect(r.reasons[0]).toMatchObject({ id: rule.id, mode: 'shadow' });
    await call('DELETE', `/rules/${rule.id}`);
  });

  it('rejects an unsafe regex at save time', async () => {
    const res = await call('POST', '/rules', {
      name: 'bad',
      stage: 'filter',
      mode: 'enforce',
      conditions: { regex: { pattern: '(a+)+$' } },
      actions: [{ type: 'reject' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toMatch(/REGEX_UNSAFE|VALIDATION_FAILED/);
  });

  it('detects duplicates of a recent message per sender', async () => {
    const rule = (
      await call('POST', '/rules', {
        name: '重复消息',
        stage: 'filter',
        mode: 'enforce',
        conditions: { duplicate: { windowSeconds: 600, scope: 'sender' } },
        actions: [{ type: 'drop' }],
      })
    ).json();
    expect((await screen({ phone: '13700000002' }, '我的快递到哪了？')).decision).toBe('allow');
    expect((await screen({ phone: '13700000002' }, '我的快递到哪了')).decision).toBe('drop'); // same after normalisation
    expect((await screen({ phone: '13700000003' }, '我的快递到哪了')).decision).toBe('allow'); // another sender
    clock.advance(601_000);
    expect((await screen({ phone: '13700000002' }, '我的快递到哪了')).decision).toBe('allow');
    clock.set(T0);
    await call('DELETE', `/rules/${rule.id}`);
  });

  it('adds a sender to the blocklist automatically when a watch rule crosses its threshold, with an alert', async () => {
    const rule = (
      await call('POST', '/rules', {
        name: '短时间大量消息',
        stage: 'watch',
        mode: 'enforce',
        conditions: { messageCount: { gt: 3, windowSeconds: 3600 } },
        actions: [
          {
            type: 'add_to_blocklist',
            level: 1,
            category: 'harassment',
            durationSeconds: 86400,
            status: 'active',
          },
        ],
      })
    ).json();
    for (let i = 0; i < 3; i++)
      expect((await screen({ phone: '13600000001' }, `消息${i}`)).decision).toBe('allow');
    const fourth = await screen({ phone: '13600000001' }, '消息3');
    expect(fourth.reasons.map((r: { id?: string }) => r.id)).toContain(rule.id);
    // The stored message's reason keeps its English detail and carries the code the console words.
    const stored = (await call('GET', `/messages/${fourth.messageId}`)).json();
    expect(stored.reasons.find((r: { id?: string }) => r.id === rule.id)).toMatchObject({
      kind: 'rule',
      detail: 'messageCount 4 > 3 in 3600s',
      code: 'screen.rule',
      params: { details: [{ code: 'rule.message_count', params: { count: 4, gt: 3, windowSeconds: 3600 } }] },
    });
    const listed = (await call('GET', '/messages?limit=1')).json().items[0];
    expect(listed.reasons[0].code).toBe('screen.rule');
    expect((await screen({ phone: '13600000001' }, '消息4')).decision).toBe('block');
    const entries = (await call('GET', `/blocklist?source=rule:${rule.id}`)).json().items;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ level: 1, status: 'active', source: `rule:${rule.id}` });
    const alertPage = (await call('GET', '/alerts?kind=auto_blocklist', undefined, agent)).json();
    expect(alertPage.openCount).toBeGreaterThanOrEqual(1);
    const alerts = alertPage.items;
    expect(alerts.some((a: { detail: { entryId: string } }) => a.detail.entryId === entries[0].id)).toBe(
      true,
    );
    // Beside the English text, a code and values the console words in the reader's language.
    expect(entries[0].reasonCode).toEqual({
      code: 'blocklist.rule_added',
      params: {
        rule: '短时间大量消息',
        ruleId: rule.id,
        details: [{ code: 'rule.message_count', params: { count: 4, gt: 3, windowSeconds: 3600 } }],
      },
    });
    const raised = alerts.find((a: { detail: { entryId: string } }) => a.detail.entryId === entries[0].id);
    expect(raised.title).toContain('短时间大量消息');
    expect(raised.message).toMatchObject({
      code: 'alert.auto_blocklist',
      params: { rule: '短时间大量消息', entryId: entries[0].id, level: 1, status: 'active' },
    });
    expect(raised.message.params.details[0].code).toBe('rule.message_count');

    // A key customer crossing the same threshold is not blocked: an alert instead.
    for (let i = 0; i < 5; i++) await screen({ phone: '13900000009' }, `VIP ${i}`);
    expect((await screen({ phone: '13900000009' }, 'VIP again')).decision).toBe('allow');
    const vip = (await call('GET', '/customers?identifier=phone:13900000009', undefined, sup)).json()
      .items[0];
    expect((await call('GET', `/blocklist?customerId=${vip.id}`)).json().items).toEqual([]);
    const protectedAlerts = (await call('GET', '/alerts?kind=protected_customer', undefined, agent)).json()
      .items;
    expect(protectedAlerts).toHaveLength(1);
    expect(protectedAlerts[0].target.id).toBe(vip.id);
    await call('DELETE', `/rules/${rule.id}`);
  });

  it('records opt-out on STOP / 退订 with a confirmation reply, refuses marketing, and opts back in', async () => {
    const stop = await screen({ phone: '13500000001' }, '退订');
    expect(stop.actions.autoReply).toMatch(/退订/);
    expect(stop.actions.tags).toContain('opt_out');
    const check = (purpose: string) =>
      call('POST', '/outbound/check', { to: { phone: '13500000001' }, channel: 'sms', purpose }, sup).then(
        (r) => r.json(),
      );
    expect(await check('marketing')).toMatchObject({ allowed: false, reasons: [{ kind: 'opt_out' }] });
    expect((await check('transactional')).allowed).toBe(true);
    const consents = (await call('GET', '/consents?identifier=phone:13500000001', undefined, agent)).json()
      .items;
    expect(consents[0]).toMatchObject({
      purpose: 'marketing',
      status: 'opted_out',
      method: 'inbound_keyword',
    });
    const en = await screen({ phone: '13500000002' }, ' stop ');
    expect(en.actions.autoReply).toMatch(/unsubscribed/);
    expect((await screen({ phone: '13500000003' }, '请不要 stop 发货')).actions.tags).not.toContain(
      'opt_out',
    );
    const start = await screen({ phone: '13500000001' }, '订阅');
    expect(start.actions.tags).toContain('opt_in');
    expect((await check('marketing')).allowed).toBe(true);
  });

  it('refuses marketing to blocked and restricted recipients and beyond the frequency cap', async () => {
    const out = (to: object, channel = 'sms') =>
      call('POST', '/outbound/check', { to, channel, purpose: 'marketing' }, sup).then((r) => r.json());
    expect((await out({ phone: '13800000001' })).reasons[0].kind).toBe('blocklist');
    expect((await out({ email: 'only-mail@example.com' }, 'sms')).reasons[0].kind).toBe('channel_restricted');
    // A check is not a send: asking again and again never uses up the cap.
    for (let i = 0; i < 6; i++) expect((await out({ phone: '13400000001' })).allowed).toBe(true);
    // Sends count: reported with the check (`send: true`) or afterwards (`/outbound/sent`).
    const send = (to: object) =>
      call('POST', '/outbound/check', { to, channel: 'sms', purpose: 'marketing', send: true }, sup).then(
        (r) => r.json(),
      );
    const sent = (to: object) =>
      call('POST', '/outbound/sent', { to, channel: 'sms', purpose: 'marketing' }, sup).then((r) => r.json());
    expect(await send({ phone: '13400000001' })).toMatchObject({ allowed: true, sent: true });
    expect(await send({ phone: '13400000001' })).toMatchObject({ allowed: true, sent: true });
    expect(await sent({ phone: '13400000001' })).toMatchObject({ counted: true, sentInWindow: 3 });
    expect((await out({ phone: '13400000001' })).allowed).toBe(true);
    expect(await send({ phone: '13400000001' })).toMatchObject({ allowed: true, sent: true });
    const refused = await send({ phone: '13400000001' });
    expect(refused).toMatchObject({ allowed: false, sent: false, reasons: [{ kind: 'frequency_cap' }] });
    expect((await out({ phone: '13400000001' })).allowed).toBe(false);
    // Transactional sends are not counted, and other recipients are untouched.
    const tx = await call(
      'POST',
      '/outbound/sent',
      { to: { phone: '13400000002' }, channel: 'sms', purpose: 'transactional' },
      sup,
    );
    expect(tx.json()).toMatchObject({ counted: false, sentInWindow: 0 });
    expect((await out({ phone: '13400000002' })).allowed).toBe(true);
    const bad = await call(
      'POST',
      '/outbound/sent',
      { to: { phone: 'x' }, channel: 'sms', purpose: 'marketing' },
      sup,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
  });

  it('lets agents mark messages, and rule stats report precision from marks', async () => {
    const rule = (
      await call('POST', '/rules', {
        name: '兼职',
        stage: 'filter',
        mode: 'enforce',
        conditions: { keywords: { list: ['兼职'] } },
        actions: [{ type: 'mark_spam' }],
      })
    ).json();
    const ids: string[] = [];
    for (const text of ['高薪兼职日结', '兼职刷单', '兼职打字员', '我想问兼职店员的工资'])
      ids.push((await screen({ phone: '13300000001' }, text)).messageId);
    for (const id of ids.slice(0, 3))
      expect((await call('POST', `/messages/${id}/marks`, { mark: 'spam' }, agent)).json().mark).toBe('spam');
    await call('POST', `/messages/${ids[3]}/marks`, { mark: 'not_spam' }, agent);
    const stats = (await call('GET', `/rules/${rule.id}/stats`, undefined, agent)).json();
    expect(stats).toMatchObject({ hits: 4, marks: { spam: 3, notSpam: 1 }, precision: 0.75, flagged: false });
    const bad = await call('POST', `/messages/${ids[0]}/marks`, { mark: 'maybe' }, agent);
    expect(bad.statusCode).toBe(400);
    const list = (await call('GET', `/messages?ruleId=${rule.id}&mark=spam`, undefined, agent)).json().items;
    expect(list).toHaveLength(3);
    await call('DELETE', `/rules/${rule.id}`);
  });

  it('tries a draft rule over stored messages without recording anything', async () => {
    const before = (await call('GET', '/messages?limit=500', undefined, agent)).json().items.length;
    const res = await call('POST', '/rules/trial', {
      rule: {
        name: 'draft',
        stage: 'filter',
        mode: 'enforce',
        conditions: { keywords: { list: ['快递'] } },
        actions: [{ type: 'tag', value: 'logistics' }],
      },
      from: new Date(T0 - HOUR).toISOString(),
      to: new Date(T0 + 3 * HOUR).toISOString(),
    });
    expect(res.statusCode, res.body).toBe(200);
    const trial = res.json();
    expect(trial.matched).toBe(4);
    expect(trial.samples[0].text).toContain('快递');
    expect((await call('GET', '/messages?limit=500', undefined, agent)).json().items.length).toBe(before);
  });

  it('screens a batch in order', async () => {
    const res = await call(
      'POST',
      '/screen/batch',
      {
        messages: [
          { channel: 'sms', from: { phone: '13800000001' }, text: 'a' },
          { channel: 'sms', from: { phone: 'bad' }, text: 'b' },
          { channel: 'chat', from: { user_id: 'u-1' }, text: 'c' },
        ],
      },
      gateway,
    );
    const results = res.json().results;
    expect(
      results.map((r: { decision?: string; error?: { code: string } }) => r.decision ?? r.error?.code),
    ).toEqual(['block', 'INVALID_IDENTIFIER', 'allow']);
  });

  it('keeps message text and sender encrypted at rest', async () => {
    const rows = await t.app.store.db
      .selectFrom('messages')
      .select(['text_enc', 'identifiers_enc'])
      .execute();
    const raw = JSON.stringify(rows);
    expect(raw).not.toContain('快递');
    expect(raw).not.toContain('13800000001');
  });
});

describe('a rule trial sees the customer tier', () => {
  it('matches a tier condition on stored messages', async () => {
    const t = await startTestApp('sqlite');
    try {
      const admin = await t.key('admin');
      const gateway = await t.key('agent', ['screen']);
      await t.server.inject({
        method: 'PUT',
        url: '/api/v1/customers/g-1',
        headers: bearer(admin),
        payload: { tier: 'gold', identifiers: [{ type: 'phone', value: '13800000031' }] },
      });
      for (const phone of ['13800000031', '13800000032']) {
        await t.server.inject({
          method: 'POST',
          url: '/api/v1/screen',
          headers: bearer(gateway),
          payload: { channel: 'sms', from: { phone }, text: '你好' },
        });
      }
      const trial = await t.server.inject({
        method: 'POST',
        url: '/api/v1/rules/trial',
        headers: bearer(admin),
        payload: {
          rule: {
            name: 'gold',
            stage: 'filter',
            mode: 'enforce',
            conditions: { tier: { in: ['gold'] } },
            actions: [{ type: 'tag', value: 'gold' }],
          },
        },
      });
      expect(trial.json()).toMatchObject({ scanned: 2, matched: 1 });
    } finally {
      await t.close();
    }
  });
});
