import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { createLogger } from '../../src/core/logging.js';
import { createTransports } from '../../src/notify/channels/index.js';
import { HttpSmsTransport } from '../../src/notify/channels/sms.js';
import { verifyWebhookSignature, WebhookTransport } from '../../src/notify/channels/webhook.js';
import type { NotificationRequest } from '../../src/notify/model.js';
import { NotificationOutbox } from '../../src/notify/outbox.js';
import { dialects, startTestApp, type TestApp } from '../helpers/app.js';
import { type HttpReceiver, startHttpReceiver } from '../helpers/http-receiver.js';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.js';

const T0 = Date.parse('2026-11-23T02:00:00Z');
const SECRET = 'whsec_test_0123456789abcdef';
const SMS_TOKEN = 'sms-token-7f3a9c';
const silent = createLogger('silent');

describe.each(dialects())('notification outbox on %s', (dialect) => {
  let t: TestApp;
  let smtp: SmtpSink;
  let hook: HttpReceiver;
  let sms: HttpReceiver;
  const clock = new ManualClock(T0);
  const outbox = () => t.app.notifier;

  const received = (ref: string, subjectId: string, locale: 'zh-CN' | 'en' = 'zh-CN') =>
    ({
      template: 'complaint.received',
      locale,
      data: { ref, sla: '2026-11-24T02:00:00.000Z' },
      subjectType: 'complaint',
      subjectId,
    }) as const;
  const webhook = (subjectId: string): NotificationRequest => ({
    ...received(`W-${subjectId}`, subjectId),
    channel: 'webhook',
    to: null,
  });

  beforeAll(async () => {
    smtp = await startSmtpSink();
    hook = await startHttpReceiver('/hook');
    sms = await startHttpReceiver('/sms');
    t = await startTestApp(dialect, {
      clock,
      env: {
        WARDEN_SMTP_URL: smtp.url,
        WARDEN_SMTP_FROM: 'Warden 客服 <service@shop.example>',
        WARDEN_WEBHOOK_URL: hook.url,
        WARDEN_WEBHOOK_SECRET: SECRET,
        WARDEN_SMS_URL: sms.url,
        WARDEN_SMS_TOKEN: SMS_TOKEN,
        WARDEN_ALERT_EMAILS: 'ops@shop.example, lead@shop.example',
        WARDEN_PUBLIC_URL: 'https://warden.shop.example',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await hook?.stop();
    await sms?.stop();
  });

  it('delivers an e-mail in Chinese through real SMTP, sent base64 and decoded by the sink', async () => {
    const id = await outbox().enqueue({
      ...received('C-1024', 'cmp_mail'),
      channel: 'email',
      to: 'li.lei@example.com',
    });
    expect(await outbox().flushNow()).toMatchObject({ sent: 1, failed: 0 });
    const [mail] = await smtp.waitFor(1);
    expect(mail?.to).toEqual(['li.lei@example.com']);
    expect(mail?.user).toBe('warden');
    expect(mail?.subject).toBe('我们已收到您的投诉（编号 C-1024）');
    expect(mail?.headers.from).toContain('service@shop.example');
    expect(mail?.headers['x-warden-id']).toBe(id);
    expect(mail?.text).toContain('我们已收到您的投诉（编号 C-1024），将在 2026年11月24日 10:00 前处理');
    expect(mail?.html).toContain('<p>您好，我们已收到您的投诉（编号 C-1024）');
    // The choice the sink's decoder relies on: non-ASCII bodies go base64.
    expect(mail?.encodings).toEqual(['base64', 'base64']);
    expect(mail?.raw).not.toContain('我们已收到');

    const [d] = await outbox().deliveries('complaint', 'cmp_mail');
    expect(d).toMatchObject({ id, channel: 'email', status: 'sent', attempts: 1, lastError: null });
    expect(d?.sentAt).toBe(new Date(T0).toISOString());
    expect(d?.history).toEqual([{ at: new Date(T0).toISOString(), ok: true, error: null, errorCode: null }]);
  });

  it('posts a webhook signed over "<timestamp>.<body>" that verifies, with the delivery id', async () => {
    const id = await outbox().enqueue(webhook('cmp_hook'));
    await outbox().flushNow();
    const [req] = await hook.waitFor(1);
    expect(req?.method).toBe('POST');
    expect(req?.headers['x-warden-id']).toBe(id);
    expect(req?.headers['x-warden-timestamp']).toBe(String(T0 / 1000));
    const signature = String(req?.headers['x-warden-signature']);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    const ts = String(req?.headers['x-warden-timestamp']);
    expect(verifyWebhookSignature(SECRET, ts, req?.body ?? '', signature, { now: clock.now() })).toBe(true);
    expect(verifyWebhookSignature(SECRET, ts, `${req?.body} `, signature, { now: clock.now() })).toBe(false);
    expect(
      verifyWebhookSignature('another-secret-0000', ts, req?.body ?? '', signature, { now: clock.now() }),
    ).toBe(false);
    expect(JSON.parse(req?.body ?? '')).toMatchObject({
      id,
      event: 'complaint.received',
      locale: 'zh-CN',
      subject: { type: 'complaint', id: 'cmp_hook' },
      data: { ref: 'W-cmp_hook' },
      message: { subject: '我们已收到您的投诉（编号 W-cmp_hook）' },
    });
  });

  it('posts an SMS to the provider adapter with the bearer token', async () => {
    const id = await outbox().enqueue({
      ...received('C-2048', 'cmp_sms', 'en'),
      channel: 'sms',
      to: '+8613800138000',
    });
    await outbox().flushNow();
    const [req] = await sms.waitFor(1);
    expect(req?.headers.authorization).toBe(`Bearer ${SMS_TOKEN}`);
    expect(JSON.parse(req?.body ?? '')).toEqual({
      to: '+8613800138000',
      id,
      text: expect.stringContaining(
        'we have received your complaint (ref C-2048) and will deal with it by Nov 24, 2026, 02:00 UTC',
      ),
    });
  });

  it('retries a receiver that is down, then gone, with backoff, and delivers when it is back', async () => {
    hook.requests.length = 0;
    hook.mode('down');
    const start = clock.now();
    const id = await outbox().enqueue(webhook('cmp_retry'));

    expect(await outbox().deliverDue(clock.now())).toMatchObject({ sent: 0, retrying: 1 });
    let [d] = await outbox().deliveries('complaint', 'cmp_retry');
    expect(d).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'HTTP 503 temporarily down',
      lastErrorCode: { code: 'delivery.http_status', params: { status: 503, text: 'temporarily down' } },
    });
    expect(d?.history[0]?.errorCode).toEqual({
      code: 'delivery.http_status',
      params: { status: 503, text: 'temporarily down' },
    });
    expect(d?.nextAttemptAt).toBe(new Date(start + 5_000).toISOString());

    // Not due yet: nothing is sent.
    clock.advance(4_999);
    expect(await outbox().deliverDue(clock.now())).toMatchObject({ sent: 0, retrying: 0, failed: 0 });
    expect(hook.requests).toHaveLength(1);

    await hook.stop();
    clock.advance(1);
    expect(await outbox().deliverDue(clock.now())).toMatchObject({ retrying: 1 });
    [d] = await outbox().deliveries('complaint', 'cmp_retry');
    expect(d?.attempts).toBe(2);
    expect(d?.lastError).toMatch(/ECONNREFUSED/);
    expect(d?.nextAttemptAt).toBe(new Date(start + 5_000 + 30_000).toISOString());

    hook.mode('up');
    await hook.start();
    clock.advance(30_000);
    expect(await outbox().deliverDue(clock.now())).toMatchObject({ sent: 1 });
    [d] = await outbox().deliveries('complaint', 'cmp_retry');
    expect(d).toMatchObject({ id, status: 'sent', attempts: 3, lastError: null, nextAttemptAt: null });
    expect(d?.history.map((h) => [h.at, h.ok])).toEqual([
      [new Date(start).toISOString(), false],
      [new Date(start + 5_000).toISOString(), false],
      [new Date(start + 35_000).toISOString(), true],
    ]);
    expect(hook.accepted().map((r) => r.headers['x-warden-id'])).toEqual([id]);
    // Signed at the time of the attempt that got through.
    expect(hook.accepted()[0]?.headers['x-warden-timestamp']).toBe(String((start + 35_000) / 1000));
  });

  it('gives up after 10 attempts and shows why', async () => {
    hook.mode('down');
    await outbox().enqueue(webhook('cmp_dead'));
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      const before = clock.now();
      await outbox().deliverDue(clock.now());
      const [d] = await outbox().deliveries('complaint', 'cmp_dead');
      expect(d?.attempts).toBe(i + 1);
      if (d?.nextAttemptAt) {
        waits.push(Date.parse(d.nextAttemptAt) - before);
        clock.set(Date.parse(d.nextAttemptAt));
      }
    }
    expect(waits).toEqual([
      5_000, 30_000, 120_000, 600_000, 3_600_000, 3_600_000, 3_600_000, 3_600_000, 3_600_000,
    ]);
    const [d] = await outbox().deliveries('complaint', 'cmp_dead');
    expect(d).toMatchObject({
      status: 'failed',
      attempts: 10,
      lastError: 'HTTP 503 temporarily down',
      nextAttemptAt: null,
    });
    expect(d?.history).toHaveLength(10);
    clock.advance(86_400_000);
    expect(await outbox().deliverDue(clock.now())).toMatchObject({ sent: 0, retrying: 0, failed: 0 });
    hook.mode('up');
  });

  it('records a notification for an unconfigured channel as failed, visibly, without throwing', async () => {
    const bare = new NotificationOutbox(
      t.app.store,
      t.app.keys,
      clock,
      silent,
      createTransports({ smtp: null, webhook: null, sms: null, alertEmails: [], alertLocale: 'zh-CN' }),
    );
    await bare.enqueue({ ...received('C-9', 'cmp_bare'), channel: 'sms', to: '+8613900000009' });
    await bare.enqueue({ ...received('C-9', 'cmp_bare'), channel: 'email', to: 'x@example.com' });
    const ds = await bare.deliveries('complaint', 'cmp_bare');
    expect(ds.map((d) => [d.channel, d.status, d.attempts, d.lastError])).toEqual([
      ['sms', 'failed', 0, 'channel not configured'],
      ['email', 'failed', 0, 'channel not configured'],
    ]);
    expect(ds.map((d) => d.lastErrorCode)).toEqual([
      { code: 'delivery.not_configured', params: {} },
      { code: 'delivery.not_configured', params: {} },
    ]);
    expect(await bare.deliverDue(clock.now())).toMatchObject({ sent: 0 });
    await bare.close();
  });

  it('records a notification that cannot be rendered as failed rather than sending half a message', async () => {
    await outbox().enqueue({
      channel: 'sms',
      to: '+8613800138000',
      template: 'complaint.received',
      locale: 'zh-CN',
      data: { ref: 'C-1' },
      subjectType: 'complaint',
      subjectId: 'cmp_half',
    });
    const [d] = await outbox().deliveries('complaint', 'cmp_half');
    expect(d).toMatchObject({
      status: 'failed',
      lastError: 'template complaint.received needs a value for {sla}',
      lastErrorCode: { code: 'delivery.template', params: { template: 'complaint.received', field: 'sla' } },
    });
  });

  it('commits a notification with the caller’s transaction, and not without it', async () => {
    await t.app.store.db
      .transaction()
      .execute(async (trx) => {
        await outbox().enqueue({ ...webhook('cmp_tx') }, trx);
        throw new Error('the complaint could not be saved');
      })
      .catch(() => undefined);
    expect(await outbox().deliveries('complaint', 'cmp_tx')).toEqual([]);
    await t.app.store.db.transaction().execute(async (trx) => {
      await outbox().enqueue({ ...webhook('cmp_tx') }, trx);
    });
    expect(await outbox().deliveries('complaint', 'cmp_tx')).toHaveLength(1);
    await outbox().flushNow();
  });

  it('stores no plaintext address, text or values in the outbox tables', async () => {
    smtp.messages.length = 0;
    await outbox().enqueue({
      channel: 'email',
      to: 'han.meimei@example.com',
      template: 'complaint.auto_reply',
      locale: 'zh-CN',
      data: { ref: 'C-SECRET-77', category: 'logistics', customerName: '韩梅梅' },
      subjectType: 'complaint',
      subjectId: 'cmp_raw',
    });
    // A recipient the server refuses: the error must not carry the address either.
    await outbox().enqueue({ ...received('C-SECRET-78', 'cmp_raw'), channel: 'sms', to: '+8613712345678' });
    sms.mode('down');
    await outbox().flushNow();
    sms.mode('up');
    await smtp.waitFor(1);
    expect(smtp.messages[0]?.text).toContain('物流问题');

    const rows = await t.app.store.db
      .selectFrom('notifications')
      .selectAll()
      .where('subject_id', '=', 'cmp_raw')
      .execute();
    const attempts = await t.app.store.db
      .selectFrom('notification_attempts')
      .selectAll()
      .where(
        'notification_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    const stored = JSON.stringify([rows, attempts]);
    for (const plain of [
      'han.meimei',
      'example.com',
      '13712345678',
      'C-SECRET',
      '韩梅梅',
      '物流',
      'logistics',
    ]) {
      expect(stored).not.toContain(plain);
    }
    for (const r of rows) {
      expect(r.to_enc).toMatch(/^v\d+\./);
      expect(r.data_enc).toMatch(/^v\d+\./);
    }
    expect(stored).toContain('HTTP 503');
    clock.advance(5_000);
    expect(await outbox().flushNow()).toMatchObject({ sent: 1 });
  });

  it('hides the recipient and credentials in stored errors', async () => {
    const refusing = new NotificationOutbox(
      t.app.store,
      t.app.keys,
      clock,
      silent,
      { sms: new HttpSmsTransport({ url: 'http://127.0.0.1:9/send?key=k3y-in-url', token: 'tok-123' }) },
      { maxAttempts: 1 },
    );
    await refusing.enqueue({ ...received('C-1', 'cmp_err'), channel: 'sms', to: '+8613711112222' });
    await refusing.flushNow();
    const [d] = await refusing.deliveries('complaint', 'cmp_err');
    expect(d).toMatchObject({ status: 'failed', attempts: 1 });
    expect(d?.lastError).toMatch(/fetch failed/);
    expect(d?.lastError).not.toContain('k3y-in-url');
    expect(d?.lastError).not.toContain('13711112222');
    await refusing.close();
  });

  it('lets two nodes drain the outbox together and sends each notification once', async () => {
    hook.requests.length = 0;
    const other = new NotificationOutbox(t.app.store, t.app.keys, clock, silent, {
      webhook: new WebhookTransport({ url: hook.url, secret: SECRET }),
    });
    const ids: string[] = [];
    for (let i = 0; i < 45; i++) ids.push(await outbox().enqueue(webhook(`cmp_many_${i}`)));
    const [a, b] = await Promise.all([outbox().deliverDue(clock.now()), other.deliverDue(clock.now())]);
    expect((a?.sent ?? 0) + (b?.sent ?? 0)).toBe(45);
    const got = hook.accepted().map((r) => String(r.headers['x-warden-id']));
    expect(got.sort()).toEqual([...ids].sort());
    await other.close();
  });

  it('takes over a row whose sender died mid-send once the lease ends, and fences the late sender', async () => {
    hook.requests.length = 0;
    hook.mode('hang');
    // Node A claims the row and hangs on a receiver that never answers.
    const nodeA = new NotificationOutbox(t.app.store, t.app.keys, clock, silent, {
      webhook: new WebhookTransport({ url: hook.url, secret: SECRET, timeoutMs: 1_000 }),
    });
    const id = await outbox().enqueue(webhook('cmp_lease'));
    const stuck = nodeA.deliverDue(clock.now());
    while (hook.requests.length === 0) await new Promise((r) => setTimeout(r, 10));

    // Another node sees nothing due while the lease holds…
    expect(await outbox().deliverDue(clock.now())).toMatchObject({ sent: 0, retrying: 0 });
    // …and takes the row over after it (2 minutes).
    hook.mode('up');
    clock.advance(120_000);
    expect(await outbox().deliverDue(clock.now())).toMatchObject({ sent: 1 });
    // Node A's attempt times out now; its result must not overwrite the success.
    expect(await stuck).toMatchObject({ retrying: 1 });
    const d = await outbox().get(id);
    expect(d).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(d?.history.map((h) => h.ok).sort()).toEqual([false, true]);
    // At least once: the receiver saw the id twice and dedupes on it.
    expect(hook.requests.map((r) => r.headers['x-warden-id'])).toEqual([id, id]);
    await nodeA.close();
  });

  it('tells staff of a raised alert by signed webhook and by e-mail', async () => {
    hook.requests.length = 0;
    smtp.messages.length = 0;
    const alert = await t.app.alerts.raise({
      kind: 'surge',
      severity: 'critical',
      title: '物流投诉激增：过去 1 小时 48 起',
      detail: { category: 'logistics', count: 48 },
      dedupeKey: `surge:test:${dialect}`,
    });
    expect(alert).not.toBeNull();
    const alertId = alert?.id ?? '';
    for (let i = 0; i < 50 && (await outbox().deliveries('alert', alertId)).length < 3; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await outbox().flushNow();
    const ds = await outbox().deliveries('alert', alertId);
    expect(ds.map((d) => [d.channel, d.template, d.status])).toEqual([
      ['webhook', 'alert.raised', 'sent'],
      ['email', 'alert.raised', 'sent'],
      ['email', 'alert.raised', 'sent'],
    ]);
    const [req] = await hook.waitFor(1);
    const body = JSON.parse(req?.body ?? '{}');
    expect(body).toMatchObject({
      event: 'alert.raised',
      subject: { type: 'alert', id: alertId },
      data: { kind: 'surge', severity: 'critical', link: `https://warden.shop.example/alerts?id=${alertId}` },
    });
    const mails = await smtp.waitFor(2);
    expect(mails.flatMap((m) => m.to).sort()).toEqual(['lead@shop.example', 'ops@shop.example']);
    expect(mails[0]?.subject).toBe('[Warden 预警] 物流投诉激增：过去 1 小时 48 起');
    expect(mails[0]?.text).toContain(`查看并确认：https://warden.shop.example/alerts?id=${alertId}`);
  });

  it('runs delivery as a scheduled job', () => {
    expect(t.app.jobs.names).toContain('notify.deliver');
  });
});
