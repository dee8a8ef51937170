import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { bearer, dialects, startTestApp, type TestApp } from '../helpers/app.js';

const T0 = Date.parse('2026-12-05T02:00:00Z');
const HOUR = 3_600_000;

interface Complaint {
  id: string;
  text: string;
  severity: number;
  priority: string;
  riskWords: string[];
  messageCount: number;
  factors: { name: string; points: number; detail: string }[];
  timeline: { kind: string; detail: Record<string, unknown> }[];
}

describe.each(dialects())('a merged complaint is re-scored on %s', (dialect) => {
  let t: TestApp;
  let agent: string;
  let gateway: string;
  const clock = new ManualClock(T0);
  const call = (method: 'GET' | 'POST', url: string, key: string, payload?: object) =>
    t.server.inject({ method, url: `/api/v1${url}`, headers: bearer(key), ...(payload ? { payload } : {}) });
  const screen = async (text: string) => {
    const res = await call('POST', '/screen', gateway, {
      channel: 'sms',
      from: { phone: '13900000901' },
      text,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { complaint: { id: string; severity: number; priority: string } | null };
  };
  const get = async (id: string) => {
    const res = await call('GET', `/complaints/${id}`, agent);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Complaint;
  };

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock });
    agent = await t.key('agent');
    gateway = await t.key('agent', ['screen']);
  });
  afterAll(async () => t?.close());

  it('scores each new message and shows the most severe one', async () => {
    const mild = '洗衣机用了一周就漏水，希望尽快处理';
    const sharp = '洗衣机漏水把地板都泡坏了，再不处理我就打12315，还要找媒体曝光你们';
    const first = await screen(mild);
    expect(first.complaint).not.toBeNull();
    const id = first.complaint?.id as string;
    const before = await get(id);
    expect(before).toMatchObject({ text: mild, messageCount: 1 });
    expect(['P3', 'P4']).toContain(before.priority);

    clock.advance(HOUR);
    const second = await screen(sharp);
    expect(second.complaint?.id).toBe(id);
    const after = await get(id);
    expect(after.text).toBe(sharp);
    expect(after.messageCount).toBe(2);
    expect(after.severity).toBeGreaterThan(before.severity);
    expect(['P1', 'P2']).toContain(after.priority);
    expect(after.riskWords).toEqual(expect.arrayContaining(['12315', '媒体', '曝光']));
    expect(after.factors.map((f) => f.name)).toEqual(expect.arrayContaining(['media', 'regulator']));
    expect(after.timeline.find((e) => e.kind === 'message_added')?.detail).toMatchObject({
      shown: true,
      priority: after.priority,
    });

    // A milder follow-up is scored too, but neither lowers the priority nor replaces the shown text.
    clock.advance(HOUR);
    const third = await screen('洗衣机还是漏水');
    expect(third.complaint?.id).toBe(id);
    const last = await get(id);
    expect(last).toMatchObject({ text: sharp, messageCount: 3, priority: after.priority });
    const added = last.timeline.filter((e) => e.kind === 'message_added');
    expect(added.map((e) => e.detail.shown)).toEqual([true, false]);

    // Shown text stays encrypted at rest, and each merge is audited.
    const row = await t.app.store.db
      .selectFrom('complaints')
      .select('text_enc')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.text_enc).not.toContain('12315');
    const audit = await t.app.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', id)
      .where('action', '=', 'complaint.message_add')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('answers /analyze with the signals by kind, reading traditional Chinese like simplified', async () => {
    const res = await call('POST', '/analyze/batch', agent, {
      texts: ['再不給我退款我就弄死你', '请问我的快递什么时候能到？', '新买的冰箱不制冷，售后拒绝上门'],
    });
    expect(res.statusCode, res.body).toBe(200);
    const [threat, question, fault] = res.json().results;
    expect(threat).toMatchObject({ complaint: true });
    expect(threat.sentiment).toBeLessThanOrEqual(-0.6);
    expect(threat.signals).toContainEqual({ kind: 'threat', word: '弄死你' });
    expect(question).toMatchObject({ complaint: false, signals: [] });
    expect(fault.complaint).toBe(true);
    // A fault the after-sales team refused: either team is a fair route.
    expect(['product_quality', 'after_sales']).toContain(fault.category);
    expect(fault.signals.map((x: { kind: string }) => x.kind)).toEqual(
      expect.arrayContaining(['fault', 'service']),
    );
    const bad = await call('POST', '/analyze', agent, { words: 'no text' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('does not open a complaint for a polite question, in simplified or traditional Chinese', async () => {
    expect((await screen('请问我的快递什么时候能到？')).complaint).toBeNull();
    expect((await screen('請問我的快遞什麼時候能到？')).complaint).toBeNull();
    expect((await screen('加微信领红包，每天都有惊喜')).complaint).toBeNull();
  });
});
