import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, dialects, startTestApp, type TestApp } from '../helpers/app.js';

interface ScreenAnswer {
  decision: string;
  reasons: { kind: string }[];
  actions: { autoReply: string | null; tags: string[] };
}

/**
 * Opt-out through POST /screen as a customer writes it: phrases inside a short
 * message, negations and questions that must not opt out, and the reply in
 * the customer's language — the text's, or the number's region for a bare
 * keyword such as TD.
 */
describe.each(dialects())('opt-out replies on %s', (dialect) => {
  let t: TestApp;
  let gateway: string;
  let sup: string;

  const screen = async (phone: string, text: string) => {
    const res = await t.server.inject({
      method: 'POST',
      url: '/api/v1/screen',
      headers: bearer(gateway),
      payload: { channel: 'sms', from: { phone }, text },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ScreenAnswer;
  };
  const marketingAllowed = async (phone: string) =>
    (
      await t.server.inject({
        method: 'POST',
        url: '/api/v1/outbound/check',
        headers: bearer(sup),
        payload: { to: { phone }, channel: 'sms', purpose: 'marketing' },
      })
    ).json().allowed as boolean;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    gateway = await t.key('agent', ['screen']);
    sup = await t.key('supervisor');
  });
  afterAll(async () => t?.close());

  it.each([
    ['+8613600000001', '请退订，不要再发了', 'zh-CN'],
    ['+8613600000002', '退订谢谢', 'zh-CN'],
    ['+8613600000003', 'stop sending me this', 'en'],
    ['+8613600000004', 'TD', 'zh-CN'],
    ['+14155550101', 'TD', 'en'],
    ['+14155550102', '请退订', 'zh-CN'],
  ])('%s writing %j is opted out, answered in %s', async (phone, text, locale) => {
    expect(await marketingAllowed(phone)).toBe(true);
    const r = await screen(phone, text);
    expect(r.actions.tags).toContain('opt_out');
    expect(r.reasons.map((x) => x.kind)).toContain('opt_out');
    expect(r.actions.autoReply).toMatch(locale === 'zh-CN' ? /退订/ : /unsubscribed/);
    expect(await marketingAllowed(phone)).toBe(false);
  });

  it.each([
    ['+8613600000011', '我不想退订'],
    ['+8613600000012', "don't stop"],
    ['+8613600000013', '请不要 stop 发货'],
  ])('%s writing %j stays subscribed and gets no reply', async (phone, text) => {
    const r = await screen(phone, text);
    expect(r.actions.tags).not.toContain('opt_out');
    expect(r.actions.autoReply).toBeNull();
    expect(await marketingAllowed(phone)).toBe(true);
  });

  it('a question about opting out gets how to do it, and changes nothing', async () => {
    const r = await screen('+8613600000021', '怎么退订不了？');
    expect(r.actions.tags).toContain('opt_out_question');
    expect(r.actions.autoReply).toMatch(/回复“退订”/);
    expect(await marketingAllowed('+8613600000021')).toBe(true);
    const en = await screen('+14155550103', 'how do I unsubscribe?');
    expect(en.actions.autoReply).toMatch(/reply STOP/);
    expect(await marketingAllowed('+14155550103')).toBe(true);
  });
});
