import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../src/notify/channels/webhook.js';
import { bearer, dialects, startTestApp, type TestApp } from '../helpers/app.js';
import { type HttpReceiver, startHttpReceiver } from '../helpers/http-receiver.js';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.js';

const SECRET = 'complaint-webhook-secret-0123';

/**
 * Keeping the customer informed, for real: a complaint's received, processing
 * and resolved notices arrive as e-mails in a local SMTP sink and as signed
 * webhooks at a local HTTP receiver — and a receiver that is down gets them
 * once it is back.
 */
describe.each(dialects())('complaint progress notifications on %s', (dialect) => {
  let t: TestApp;
  let smtp: SmtpSink;
  let hook: HttpReceiver;
  let sup: string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    hook = await startHttpReceiver('/hook');
    t = await startTestApp(dialect, {
      env: {
        WARDEN_SMTP_URL: smtp.url,
        WARDEN_SMTP_FROM: 'Warden 客服 <service@shop.example>',
        WARDEN_WEBHOOK_URL: hook.url,
        WARDEN_WEBHOOK_SECRET: SECRET,
      },
    });
    sup = await t.key('supervisor');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await hook?.stop();
  });

  const patch = (id: string, body: object) =>
    t.server.inject({
      method: 'PATCH',
      url: `/api/v1/complaints/${id}`,
      headers: bearer(sup),
      payload: body,
    });

  it('e-mails the customer and calls the webhook on received, processing and resolved', async () => {
    const created = await t.server.inject({
      method: 'POST',
      url: '/api/v1/complaints',
      headers: bearer(sup),
      payload: {
        channel: 'email',
        from: { email: 'wang.fang@example.com' },
        text: '快递一直没到，太慢了，我要投诉！',
        orderId: 'SO-7788',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const reference = created.json().reference as string;
    expect(reference).toMatch(/^TS-\d{8}-\d{4}$/);
    expect((await patch(id, { status: 'processing', note: '已联系物流' })).statusCode).toBe(200);
    expect((await patch(id, { status: 'resolved', note: '已补发' })).statusCode).toBe(200);
    await t.app.notifier.flushNow();

    const mails = (await smtp.waitFor(3)).filter((m) => m.to.includes('wang.fang@example.com'));
    expect(mails.map((m) => m.subject)).toHaveLength(3);
    // The customer reads the short reference, never the internal id.
    for (const m of mails) {
      expect(m.text).toContain(reference);
      expect(m.text).not.toContain(id);
    }
    expect(mails.map((m) => m.headers['x-warden-id'])).toEqual(
      expect.arrayContaining([expect.stringMatching(/^ntf_/)]),
    );

    const hooks = await hook.waitFor(3);
    const events = hooks.map(
      (h) => JSON.parse(h.body) as { event: string; data: { ref: string; complaintId: string } },
    );
    for (const e of events) expect(e.data).toMatchObject({ ref: reference, complaintId: id });
    expect(events.map((e) => e.event)).toEqual([
      'complaint.received',
      'complaint.processing',
      'complaint.resolved',
    ]);
    for (const h of hooks) {
      expect(
        verifyWebhookSignature(
          SECRET,
          String(h.headers['x-warden-timestamp']),
          h.body,
          String(h.headers['x-warden-signature']),
        ),
      ).toBe(true);
    }
    // The deliveries show on the complaint.
    const detail = (await t.server.inject({ url: `/api/v1/complaints/${id}`, headers: bearer(sup) })).json();
    expect(JSON.stringify(detail)).toContain('sent');
  });

  it('a receiver that is down gets the webhook after it comes back', async () => {
    const before = hook.accepted().length;
    await hook.stop();
    const created = await t.server.inject({
      method: 'POST',
      url: '/api/v1/complaints',
      headers: bearer(sup),
      payload: { channel: 'phone', from: { email: 'zhao.lei@example.com' }, text: '退款还没到账，我要投诉' },
    });
    expect(created.statusCode).toBe(201);
    await t.app.notifier.flushNow();
    expect(hook.accepted().length).toBe(before);
    const pending = await t.app.notifier.deliveries('complaint', created.json().id);
    const webhookDelivery = pending.find((d) => d.channel === 'webhook');
    expect(webhookDelivery).toMatchObject({ status: 'pending', attempts: 1 });
    await hook.start();
    // Retry after the backoff: deliver as if its next attempt were due.
    await t.app.notifier.deliverDue(Date.now() + 60_000);
    const after = await hook.waitFor(before + 1);
    expect(JSON.parse(after[after.length - 1]?.body ?? '{}').data).toMatchObject({
      ref: created.json().reference,
      complaintId: created.json().id,
    });
  });
});
