import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, dialects, startTestApp, type TestApp } from '../helpers/app.js';

interface ScreenAnswer {
  messageId: string;
  decision: string;
  complaint: { id: string; severity: number; priority: string } | null;
}

interface Complaint {
  id: string;
  reference: string | null;
  fromBlockedSender: boolean;
  riskWords: string[];
  messageCount: number;
}

interface Alert {
  kind: string;
  severity: string;
  detail: { complaintId: string; decision: string; signals: string[]; reference: string | null };
}

/**
 * The seed's worst case: a blocked customer who threatens the regulator or
 * the press, or reports a danger, is still heard. The screening decision
 * stays what the blocklist says; the complaint is recorded, flagged as from
 * a blocked sender, and an alert is raised. Without an alarm, a blocked
 * sender's message still makes no complaint.
 */
describe.each(dialects())('blocked senders still warn, on %s', (dialect) => {
  let t: TestApp;
  let sup: string;
  let agent: string;
  let gateway: string;

  const call = (method: 'GET' | 'POST', url: string, key: string, payload?: object) =>
    t.server.inject({ method, url: `/api/v1${url}`, headers: bearer(key), ...(payload ? { payload } : {}) });
  const screen = async (from: Record<string, string>, text: string, channel = 'sms') => {
    const res = await call('POST', '/screen', gateway, { channel, from, text });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ScreenAnswer;
  };
  const complaint = async (id: string) => {
    const res = await call('GET', `/complaints/${id}`, agent);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Complaint;
  };
  const alerts = async () =>
    (await call('GET', '/alerts?kind=blocked_sender_complaint&limit=100', agent)).json().items as Alert[];
  const block = async (body: object) => {
    const res = await call('POST', '/blocklist', sup, {
      category: 'harassment',
      reason: '骚扰客服',
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
  };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    sup = await t.key('supervisor');
    agent = await t.key('agent');
    gateway = await t.key('agent', ['screen']);
    await block({ identifier: { type: 'phone', value: '13900000001' } });
    await block({
      identifier: { type: 'phone', value: '13900000002' },
      level: 2,
      limit: { max: 1, windowSeconds: 86_400 },
      category: 'complaint_abuse',
    });
    await block({
      identifier: { type: 'phone', value: '13900000003' },
      level: 3,
      allowedChannels: ['email'],
      category: 'spam',
    });
  });
  afterAll(async () => t?.close());

  it('a level-1 blocked sender threatening 12315 and the media is still blocked, and recorded and alerted', async () => {
    const r = await screen({ phone: '13900000001' }, '再不给我处理我就去12315投诉，还要找媒体曝光你们');
    expect(r.decision).toBe('block');
    expect(r.complaint).not.toBeNull();
    const c = await complaint(r.complaint?.id ?? '');
    expect(c.fromBlockedSender).toBe(true);
    expect(c.reference).toMatch(/^TS-\d{8}-\d{4}$/);
    expect(c.riskWords).toEqual(expect.arrayContaining(['12315', '媒体']));
    const raised = (await alerts()).filter((a) => a.detail.complaintId === c.id);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      severity: 'critical',
      detail: { decision: 'block', reference: c.reference },
    });
    expect(raised[0]?.detail.signals).toEqual(expect.arrayContaining(['regulator', 'media']));
    // It shows in the queue with its flag.
    const queue = (await call('GET', '/complaints?limit=100', agent)).json().items as Complaint[];
    expect(queue.find((x) => x.id === c.id)?.fromBlockedSender).toBe(true);
  });

  it('threats and safety reports count too, also in traditional Chinese and English', async () => {
    for (const [phone, text] of [
      ['13900000011', '再不给我退款我就弄死你'],
      ['13900000012', '充電寶發燙冒煙，差點着火'],
      ['13900000013', 'I will sue you and call my lawyer'],
    ] as const) {
      await block({ identifier: { type: 'phone', value: phone } });
      const r = await screen({ phone }, text);
      expect(r.decision, text).toBe('block');
      expect(r.complaint, text).not.toBeNull();
      expect((await complaint(r.complaint?.id ?? '')).fromBlockedSender).toBe(true);
    }
  });

  it('without an alarm a blocked sender makes no complaint and no alert', async () => {
    const before = (await alerts()).length;
    for (const text of ['你好，在吗', '快递太慢了，我要投诉', '你们客服态度太差了'])
      expect(await screen({ phone: '13900000001' }, text)).toMatchObject({
        decision: 'block',
        complaint: null,
      });
    expect((await alerts()).length).toBe(before);
  });

  it('a rate-limited sender over the limit, and a channel-restricted one, are flagged too', async () => {
    const first = await screen({ phone: '13900000002' }, '你好，我想问下订单');
    expect(first.decision).toBe('allow');
    const over = await screen({ phone: '13900000002' }, '你们这是诈骗，我要找律师起诉你们');
    expect(over.decision).toBe('limit');
    const limited = await complaint(over.complaint?.id ?? '');
    expect(limited.fromBlockedSender).toBe(true);

    const restricted = await screen({ phone: '13900000003' }, '热水器漏电差点出事，我要向市场监管部门举报');
    expect(restricted.decision).toBe('restrict');
    expect((await complaint(restricted.complaint?.id ?? '')).fromBlockedSender).toBe(true);

    const kinds = (await alerts()).map((a) => a.detail.decision);
    expect(kinds).toEqual(expect.arrayContaining(['limit', 'restrict']));
  });

  it('a sender who is not blocked makes an ordinary complaint, not flagged and with no such alert', async () => {
    const before = (await alerts()).length;
    const r = await screen({ phone: '13900000099' }, '再不退款我就去12315投诉');
    expect(r.decision).toBe('allow');
    expect((await complaint(r.complaint?.id ?? '')).fromBlockedSender).toBe(false);
    expect((await alerts()).length).toBe(before);
  });

  it('the queue filters on fromBlockedSender, and a bad value is a problem, not an empty page', async () => {
    const page = async (q: string) => {
      const res = await call('GET', `/complaints?limit=200${q}`, agent);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items as Complaint[];
    };
    const all = await page('');
    const flagged = await page('&fromBlockedSender=true');
    const unflagged = await page('&fromBlockedSender=false');
    expect(flagged.length).toBeGreaterThan(0);
    expect(unflagged.length).toBeGreaterThan(0);
    expect(flagged.every((c) => c.fromBlockedSender)).toBe(true);
    expect(unflagged.every((c) => !c.fromBlockedSender)).toBe(true);
    expect(flagged.length + unflagged.length).toBe(all.length);
    expect(new Set(flagged.map((c) => c.id))).toEqual(
      new Set(all.filter((c) => c.fromBlockedSender).map((c) => c.id)),
    );
    const bad = await call('GET', '/complaints?fromBlockedSender=maybe', agent);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().code).toBe('VALIDATION_FAILED');
  });

  it('a blocked sender’s second alarm joins the same complaint', async () => {
    const r = await screen({ phone: '13900000001' }, '我已经联系记者了，等着被曝光吧');
    expect(r.decision).toBe('block');
    const c = await complaint(r.complaint?.id ?? '');
    expect(c.fromBlockedSender).toBe(true);
    expect(c.messageCount).toBeGreaterThanOrEqual(2);
  });
});
