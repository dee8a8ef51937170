import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, dialects, startTestApp, type TestApp } from '../helpers/app.js';

interface Row {
  action: string;
  actor: { id: string | null; name?: string };
  target: {
    type: string | null;
    id: string | null;
    label?: string;
    category?: string;
    labelCode?: { code: string; params: Record<string, unknown> };
  };
}

describe.each(dialects())('audit records name people and subjects on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let supervisor: string;
  let customerId: string;
  let ruleId: string;
  let complaintId: string;
  let userId: string;
  let phoneEntry: string;
  let customerEntry: string;
  let alertId: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    admin = await t.key('admin');
    supervisor = await t.key('supervisor');
    const call = async (
      method: 'POST' | 'PUT',
      url: string,
      payload: Record<string, unknown>,
      key = supervisor,
    ) => {
      const res = await t.server.inject({ method, url: `/api/v1${url}`, headers: bearer(key), payload });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json();
    };
    customerId = (
      await call('PUT', '/customers/crm-audit-1', {
        name: '钱多多',
        identifiers: [{ type: 'phone', value: '13900001001' }],
      })
    ).id;
    ruleId = (
      await call('POST', '/rules', {
        name: '广告引流',
        stage: 'filter',
        mode: 'shadow',
        enabled: true,
        conditions: { all: [{ keywords: { list: ['加微信'] } }] },
        actions: [{ type: 'tag', value: 'ad' }],
      })
    ).id;
    complaintId = (
      await call('POST', '/complaints', {
        channel: 'phone',
        from: { phone: '13900001001' },
        text: '快递一直没到',
      })
    ).id;
    phoneEntry = (
      await call('POST', '/blocklist', {
        identifier: { type: 'phone', value: '13900002002' },
        category: 'harassment',
        reason: '多次辱骂客服',
      })
    ).id;
    customerEntry = (
      await call('POST', '/blocklist', { customerId, category: 'spam', reason: '群发广告', confirm: true })
    ).id;
    const alert = await t.app.alerts.raise({
      kind: 'redis_down',
      severity: 'critical',
      title: 'Redis unreachable: counting locally',
      detail: { policy: 'local' },
      dedupeKey: 'redis-audit',
    });
    alertId = alert?.id ?? '';
    await call('POST', `/alerts/${alertId}/ack`, {});
    userId = (
      await call(
        'POST',
        '/users',
        { email: 'wang@warden.test', name: '王主管', role: 'supervisor', password: 'correct-horse-42' },
        admin,
      )
    ).id;
  });
  afterAll(async () => t?.close());

  const page = async (key: string) => {
    const res = await t.server.inject({ url: '/api/v1/audit?limit=100', headers: bearer(key) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as Row[];
  };
  const find = (rows: Row[], action: string, targetId: string) =>
    rows.find((r) => r.action === action && r.target.id === targetId);

  it('names the actor and the subject: user, rule, complaint reference, customer with masked phone', async () => {
    const auditor = await t.key('auditor');
    const rows = await page(auditor);
    const upsert = find(rows, 'customer.create', customerId);
    expect(upsert?.actor.name).toBe('test supervisor');
    expect(upsert?.target.label).toBe('钱多多 · +86 139****1001');
    expect(find(rows, 'rule.create', ruleId)?.target.label).toBe('广告引流');
    expect(find(rows, 'complaint.create', complaintId)?.target.label).toMatch(/^[A-Z]+-\d{8}-\d{4}$/);
    expect(userId).toMatch(/^usr_/);
    const made = find(rows, 'user.create', userId);
    expect(made).toMatchObject({ actor: { name: 'test admin' }, target: { label: '王主管' } });
    // Entries by masked identifier or customer, with the category key the console words.
    expect(find(rows, 'blocklist.create', phoneEntry)?.target).toEqual({
      type: 'blocklist_entry',
      id: phoneEntry,
      label: '+86 139****2002',
      category: 'harassment',
    });
    expect(find(rows, 'blocklist.create', customerEntry)?.target).toMatchObject({
      label: '钱多多 · +86 139****1001',
      category: 'spam',
    });
    // An alert by its title, and its code for the console to word.
    expect(find(rows, 'alert.ack', alertId)?.target).toMatchObject({
      label: 'Redis unreachable: counting locally',
      labelCode: { code: 'alert.redis_down', params: { policy: 'local' } },
    });
    // Showing customer names is a read of personal data, so it is itself in the log.
    const after = await page(auditor);
    expect(after[0]).toMatchObject({ action: 'audit.list', target: { type: 'audit' } });
  });

  it('leaves customers unnamed for a reader without customers:read, and records no read', async () => {
    const narrow = await t.key('auditor', ['audit:read']);
    const before = (await page(narrow)).length;
    const rows = await page(narrow);
    const upsert = find(rows, 'customer.create', customerId);
    expect(upsert?.target).toEqual({ type: 'customer', id: customerId });
    // Nor entries or alerts without blocklist:read and alerts:read.
    expect(find(rows, 'blocklist.create', phoneEntry)?.target).toEqual({
      type: 'blocklist_entry',
      id: phoneEntry,
    });
    expect(find(rows, 'alert.ack', alertId)?.target).toEqual({ type: 'alert', id: alertId });
    expect(upsert?.actor.name).toBe('test supervisor');
    expect(find(rows, 'rule.create', ruleId)?.target.label).toBe('广告引流');
    expect(rows.length).toBe(before);
    expect(rows[0]?.action).not.toBe('audit.list');
  });
});
