import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditContext } from '../../src/access/audit.js';
import { ManualClock } from '../../src/core/clock.js';
import { DemoRefused, type DemoSummary, loadDemo } from '../../src/demo/load.js';
import { dialects, startTestApp, type TestApp } from '../helpers/app.js';

const ctx: AuditContext = { actor: { type: 'cli', id: null, role: 'admin' }, requestId: null };
const NOW = Date.parse('2026-12-05T10:20:00Z');
const DAY = 86_400_000;

describe.each(dialects())('warden demo on %s', (dialect) => {
  let t: TestApp;
  let clock: ManualClock;
  let summary: DemoSummary;

  beforeAll(async () => {
    clock = new ManualClock(NOW);
    t = await startTestApp(dialect, { clock });
    summary = await loadDemo(t.app, clock, ctx, { now: NOW });
  }, 180_000);
  afterAll(async () => t?.close());

  it('loads customers with VIPs, entries of every level and category, and rules with one in shadow', async () => {
    expect(summary.customers).toBe(40);
    const vips = await t.app.customers.list(ctx, { limit: 100, tier: 'vip' });
    expect(vips.items.length).toBe(4);
    expect(vips.items.some((c) => c.lifetimeValue >= 80_000)).toBe(true);

    const entries = (await t.app.blocklist.list(ctx, { limit: 100 })).items;
    expect(new Set(entries.map((e) => e.level))).toEqual(new Set([1, 2, 3]));
    expect(new Set(entries.map((e) => e.category))).toEqual(
      new Set(['harassment', 'complaint_abuse', 'fraud', 'spam']),
    );
    // Manual pending, rule-proposed pending, scheduled, released, active.
    const statuses = new Set(entries.map((e) => e.status));
    for (const s of ['active', 'pending', 'scheduled', 'released']) expect(statuses).toContain(s);
    expect(entries.some((e) => e.source.startsWith('rule:'))).toBe(true);
    expect(entries.some((e) => e.exemptions.length > 0)).toBe(true);

    const rules = await t.app.rules.list();
    expect(rules.map((r) => r.mode).sort()).toEqual(['enforce', 'enforce', 'enforce', 'shadow']);
  });

  it('screens a week of messages into complaints of several categories, a surge and open alerts', async () => {
    const page = await t.app.messages.list(ctx, { limit: 1000 });
    expect(page.items.length).toBe(summary.messages);
    const times = page.items.map((m) => Date.parse(m.receivedAt));
    expect(Math.min(...times)).toBeLessThan(NOW - 6 * DAY);
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW);
    const decisions = new Set(page.items.map((m) => m.decision));
    for (const d of ['allow', 'block', 'spam', 'quarantine']) expect(decisions).toContain(d);

    const complaints = (await t.app.complaints.list(ctx, { limit: 500 })).items;
    expect(complaints.length).toBe(summary.complaints);
    expect(new Set(complaints.map((c) => c.category)).size).toBeGreaterThanOrEqual(5);
    const statuses = new Set(complaints.map((c) => c.status));
    expect(statuses).toContain('resolved');
    expect(statuses).toContain('received');

    expect(summary.surges).toBeGreaterThanOrEqual(1);
    const surge = await t.app.alerts.list({ kind: 'surge', limit: 10 });
    expect(surge.items.length).toBeGreaterThanOrEqual(1);
    expect(summary.alerts).toBeGreaterThan(0);
  });

  it('stores personal data encrypted and audits every change', async () => {
    const row = await t.app.store.db
      .selectFrom('customers')
      .select('name_enc')
      .where('external_id', '=', 'demo-001')
      .executeTakeFirstOrThrow();
    expect(row.name_enc).not.toContain('王');
    const chain = await t.app.audit.verify();
    expect(chain.ok).toBe(true);
    expect(chain.checked).toBeGreaterThan(summary.customers + summary.entries + summary.rules);
  });

  it('refuses a second load into a non-empty instance', async () => {
    await expect(loadDemo(t.app, clock, ctx, { now: NOW })).rejects.toBeInstanceOf(DemoRefused);
  });
});
