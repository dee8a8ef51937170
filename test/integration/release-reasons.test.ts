import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, dialects, startTestApp, type TestApp } from '../helpers/app.js';
import { type HttpReceiver, startHttpReceiver } from '../helpers/http-receiver.js';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.js';

/**
 * Release reasons from a picklist in settings, and the optional notice to the
 * customer when an entry starts or is released — off by default, per
 * category when switched on — delivered for real to a local SMTP sink and a
 * local SMS adapter.
 */
describe.each(dialects())('release reasons and customer notices on %s', (dialect) => {
  let t: TestApp;
  let smtp: SmtpSink;
  let sms: HttpReceiver;
  let admin: string;
  let sup: string;

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, key = sup) =>
    t.server.inject({ method, url: `/api/v1${url}`, headers: bearer(key), ...(payload ? { payload } : {}) });
  const block = async (identifier: { type: string; value: string }, category = 'harassment') => {
    const res = await call('POST', '/blocklist', { identifier, level: 1, category, reason: '骚扰' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const entryOf = async (id: string) => (await call('GET', `/blocklist/${id}`)).json();
  const mailsTo = (to: string) => smtp.messages.filter((m) => m.to.includes(to));
  const smsTo = (to: string) => sms.requests.filter((r) => (JSON.parse(r.body) as { to: string }).to === to);

  beforeAll(async () => {
    smtp = await startSmtpSink();
    sms = await startHttpReceiver('/sms');
    t = await startTestApp(dialect, {
      env: {
        WARDEN_SMTP_URL: smtp.url,
        WARDEN_SMTP_FROM: 'Warden <service@shop.example>',
        WARDEN_SMS_URL: sms.url,
      },
    });
    admin = await t.key('admin');
    sup = await t.key('supervisor');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await sms?.stop();
  });

  it('offers a starter picklist in settings', async () => {
    const res = await call('GET', '/settings/blocklist');
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json().settings;
    expect(s.releaseReasons.map((r: { key: string }) => r.key)).toContain('resolved');
    expect(s.releaseReasons[0].labels).toEqual({ 'zh-CN': '问题已解决', en: 'Issue resolved' });
    expect(s.notices.categories).toEqual({});
    expect(s.winbackTemplates.map((w: { key: string }) => w.key)).toEqual([
      'apology',
      'offer',
      'follow_up_call',
    ]);
  });

  it('answers an unknown code 400 listing the valid codes, and changes nothing', async () => {
    const id = await block({ type: 'phone', value: '13700137301' });
    const res = await call('POST', `/blocklist/${id}/release`, { reasonCode: 'bored' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'UNKNOWN_RELEASE_REASON' });
    expect(res.json().validCodes).toEqual([
      'resolved',
      'mistaken',
      'customer_request',
      'key_customer',
      'review',
      'other',
    ]);
    expect(res.json().detail).toContain('resolved');
    const other = await call('POST', `/blocklist/${id}/release`, { reasonCode: 'other' });
    expect(other.statusCode).toBe(400);
    expect(other.json().code).toBe('VALIDATION_FAILED');
    expect((await call('POST', `/blocklist/${id}/release`, {})).statusCode).toBe(400);
    const ex = await call('POST', `/blocklist/${id}/exemptions`, { sessionId: 's-1', reasonCode: 'bored' });
    expect(ex.json().code).toBe('UNKNOWN_RELEASE_REASON');
    const entry = await entryOf(id);
    expect(entry.status).toBe('active');
    expect(entry.exemptions).toEqual([]);
  });

  it('records the code (and text for "other") in the history and the audit log', async () => {
    const a = await block({ type: 'phone', value: '13700137302' });
    const res = await call('POST', `/blocklist/${a}/release`, { reasonCode: 'resolved', text: '已电话沟通' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('released');
    const released = (await entryOf(a)).history.find((h: { kind: string }) => h.kind === 'released');
    expect(released).toMatchObject({ detail: { reasonCode: 'resolved' }, note: '已电话沟通' });
    const b = await block({ type: 'phone', value: '13700137303' });
    expect(
      (await call('POST', `/blocklist/${b}/release`, { reasonCode: 'other', text: '老板要求' })).statusCode,
    ).toBe(200);
    expect((await entryOf(b)).history.find((h: { kind: string }) => h.kind === 'released')).toMatchObject({
      detail: { reasonCode: 'other' },
      note: '老板要求',
    });
    // The free-text reason still works on its own.
    const c = await block({ type: 'phone', value: '13700137304' });
    expect((await call('POST', `/blocklist/${c}/release`, { reason: '误操作' })).statusCode).toBe(200);
    expect((await entryOf(c)).history.find((h: { kind: string }) => h.kind === 'released').note).toBe(
      '误操作',
    );
    // Temporary release takes a code too.
    const d = await block({ type: 'phone', value: '13700137305' });
    const ex = await call('POST', `/blocklist/${d}/exemptions`, {
      sessionId: 's-9',
      reasonCode: 'customer_request',
    });
    expect(ex.statusCode, ex.body).toBe(201);
    expect(ex.json().reason).toBe('客户申诉');
    const audit = (await call('GET', '/audit?action=blocklist.&limit=200', undefined, admin)).json()
      .items as {
      action: string;
      target: { id: string };
      summary: Record<string, unknown>;
    }[];
    expect(audit.find((r) => r.action === 'blocklist.release' && r.target.id === a)?.summary).toEqual({
      reasonCode: 'resolved',
    });
    expect(
      audit.find((r) => r.action === 'blocklist.exemption.create' && r.target.id === d)?.summary.reasonCode,
    ).toBe('customer_request');
  });

  it('takes a new picklist from settings, in force at once', async () => {
    const current = (await call('GET', '/settings/blocklist', undefined, admin)).json();
    const settings = {
      ...current.settings,
      releaseReasons: [
        ...current.settings.releaseReasons,
        { key: 'paid_debt', labels: { 'zh-CN': '已结清欠款', en: 'Debt paid' } },
      ],
    };
    const bad = await call(
      'PUT',
      '/settings/blocklist',
      {
        settings: {
          ...settings,
          releaseReasons: [{ key: 'other', labels: { 'zh-CN': '其他', en: 'Other' } }],
        },
      },
      admin,
    );
    expect(bad.statusCode).toBe(400);
    expect((await call('PUT', '/settings/blocklist', { settings }, sup)).statusCode).toBe(403);
    const put = await call('PUT', '/settings/blocklist', { version: current.version, settings }, admin);
    expect(put.statusCode, put.body).toBe(200);
    const id = await block({ type: 'phone', value: '13700137306' });
    expect((await call('POST', `/blocklist/${id}/release`, { reasonCode: 'paid_debt' })).statusCode).toBe(
      200,
    );
  });

  it('tells the customer nothing while notices are off (the default)', async () => {
    const id = await block({ type: 'email', value: 'quiet@example.com' });
    await call('POST', `/blocklist/${id}/release`, { reasonCode: 'resolved' });
    await t.app.notifier.flushNow();
    expect(mailsTo('quiet@example.com')).toEqual([]);
    const rows = await t.app.store.db
      .selectFrom('notifications')
      .select('id')
      .where('subject_type', '=', 'blocklist_entry')
      .execute();
    expect(rows).toEqual([]);
  });

  it('sends the start and release notices for a category that has them on, and only that one', async () => {
    const current = (await call('GET', '/settings/blocklist', undefined, admin)).json();
    const settings = structuredClone(current.settings);
    settings.notices.categories = { harassment: { started: true, released: true } };
    settings.notices.templates.released.en.text = 'Hello, from {date} you may contact us again.';
    expect((await call('PUT', '/settings/blocklist', { settings }, admin)).statusCode).toBe(200);

    const mail = await block({ type: 'email', value: 'li.lei@example.com' });
    await t.app.notifier.flushNow();
    await smtp.waitFor(1);
    expect(mailsTo('li.lei@example.com').map((m) => m.subject)).toEqual(['关于您与客服的联系方式']);
    await call('POST', `/blocklist/${mail}/release`, { reasonCode: 'resolved' });
    await t.app.notifier.flushNow();
    expect(mailsTo('li.lei@example.com').map((m) => m.subject)).toEqual([
      '关于您与客服的联系方式',
      '您与客服的联系已恢复',
    ]);
    expect(mailsTo('li.lei@example.com')[1]?.text).toContain('恢复正常');

    // SMS to a phone, in the language of the number's region.
    const uk = await block({ type: 'phone', value: '+44 7911 123456' });
    await call('POST', `/blocklist/${uk}/release`, { reasonCode: 'resolved' });
    await t.app.notifier.flushNow();
    const texts = smsTo('+447911123456').map((r) => (JSON.parse(r.body) as { text: string }).text);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain('restricted');
    expect(texts[1]).toMatch(/^Hello, from .* you may contact us again\.$/);

    // Another category stays silent.
    const spam = await block({ type: 'email', value: 'spam.sender@example.com' }, 'spam');
    await call('POST', `/blocklist/${spam}/release`, { reasonCode: 'resolved' });
    await t.app.notifier.flushNow();
    expect(mailsTo('spam.sender@example.com')).toEqual([]);
    // The entry lists what was sent about it.
    const sent = await t.app.notifier.deliveries('blocklist_entry', mail);
    expect(sent.map((d) => [d.template, d.status])).toEqual([
      ['blocklist.started', 'sent'],
      ['blocklist.released', 'sent'],
    ]);
  });

  it('tells a customer whose entry was scheduled when it starts, once', async () => {
    const startsAt = new Date(Date.now() + 1_500).toISOString();
    const res = await call('POST', '/blocklist', {
      identifier: { type: 'email', value: 'later@example.com' },
      level: 1,
      category: 'harassment',
      reason: '骚扰',
      startsAt,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await t.app.blocklist.sendStartNotices()).toBe(0);
    await t.app.notifier.flushNow();
    expect(mailsTo('later@example.com')).toEqual([]);
    await new Promise((r) => setTimeout(r, 1_600));
    // The job (every minute) may have claimed it first: either way it goes once.
    expect(await t.app.blocklist.sendStartNotices()).toBeLessThanOrEqual(1);
    expect(await t.app.blocklist.sendStartNotices()).toBe(0);
    await t.app.notifier.flushNow();
    expect(mailsTo('later@example.com').map((m) => m.subject)).toEqual(['关于您与客服的联系方式']);
  });
});
