import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { bearer, dialects, startTestApp, type TestApp } from '../helpers/app.js';

const at = (iso: string) => Date.parse(iso);

/**
 * Every per-day figure counts the days of the `timeZone` asked for: a message
 * at 17:30 UTC on 5 December is on the 6th in Shanghai; New York's days follow
 * its change from EDT (−4) to EST (−5) on 1 November 2026 at 06:00 UTC.
 */
describe.each(dialects())('per-day figures in a time zone on %s', (dialect) => {
  let t: TestApp;
  let supervisor: string;
  const clock = new ManualClock(at('2026-10-31T03:30:00Z'));
  let ruleId = '';

  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    t.server.inject({
      method,
      url: `/api/v1${url}`,
      headers: bearer(supervisor),
      ...(payload ? { payload } : {}),
    });
  /** One screened message (hitting the rule), one complaint and one block, all at `iso`. */
  const eventAt = async (iso: string, n: number) => {
    clock.set(at(iso));
    const phone = `1370000${String(n).padStart(4, '0')}`;
    const s = await call('POST', '/screen', { channel: 'sms', from: { phone }, text: '加微信领红包' });
    expect(s.json().decision, s.body).toBe('spam');
    const c = await call('POST', '/complaints', {
      channel: 'phone',
      from: { phone },
      text: '快递还没到，我要投诉',
    });
    expect(c.statusCode, c.body).toBe(201);
    const b = await call('POST', '/blocklist', {
      identifier: { type: 'phone', value: phone },
      category: 'harassment',
      reason: '多次辱骂客服',
    });
    expect(b.statusCode, b.body).toBe(201);
  };
  /** Each chart's count per day, as `{ day: n }`, from the four routes. */
  const figures = async (query: string) => {
    const get = async (url: string) => {
      const res = await call('GET', `${url}?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const overview = await get('/analytics/overview');
    const rules = await get('/analytics/rules');
    const blocklist = await get('/analytics/blocklist');
    const complaints = await get('/analytics/complaints');
    const byDay = (rows: { day: string }[], n: (r: never) => number) =>
      Object.fromEntries(rows.map((r) => [r.day, n(r as never)]));
    const rule = rules.rules.find((r: { ruleId: string }) => r.ruleId === ruleId);
    return {
      screened: byDay(overview.screened, (r: { total: number }) => r.total),
      opened: byDay(overview.complaints, (r: { opened: number }) => r.opened),
      blocks: byDay(overview.blocks, (r: { added: number }) => r.added),
      ruleHits: byDay(rule.perDay, (r: { enforced: number }) => r.enforced),
      blocklist: byDay(blocklist.perDay, (r: { added: number }) => r.added),
      complaints: byDay(complaints.perDay, (r: { total: number }) => r.total),
    };
  };
  const every = (counts: Record<string, number>) => ({
    screened: counts,
    opened: counts,
    blocks: counts,
    ruleHits: counts,
    blocklist: counts,
    complaints: counts,
  });

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock });
    supervisor = await t.key('admin');
    const r = await call('POST', '/rules', {
      name: '广告引流',
      stage: 'filter',
      mode: 'enforce',
      conditions: { keywords: { list: ['加微信'] } },
      actions: [{ type: 'mark_spam' }],
    });
    expect(r.statusCode, r.body).toBe(201);
    ruleId = r.json().id;
  });
  afterAll(async () => t?.close());

  it('New York: the days either side of the fall-back change', async () => {
    await eventAt('2026-11-01T03:30:00Z', 1); // 23:30 EDT on 31 October
    await eventAt('2026-11-01T04:30:00Z', 2); // 00:30 EDT on 1 November
    await eventAt('2026-11-02T04:30:00Z', 3); // 23:30 EST on 1 November (UTC: the 2nd)
    clock.set(at('2026-11-02T12:00:00Z'));
    expect(await figures('days=3&timeZone=America/New_York')).toEqual(
      every({ '2026-10-31': 1, '2026-11-01': 2, '2026-11-02': 0 }),
    );
    expect(await figures('days=3')).toEqual(every({ '2026-10-31': 0, '2026-11-01': 2, '2026-11-02': 1 }));
  });

  it('Shanghai: 17:30 UTC on 5 December counts on the 6th; in UTC on the 5th', async () => {
    await eventAt('2026-12-05T17:30:00Z', 4);
    clock.set(at('2026-12-06T02:00:00Z'));
    expect(await figures('days=2&timeZone=Asia/Shanghai')).toEqual(
      every({ '2026-12-05': 0, '2026-12-06': 1 }),
    );
    expect(await figures('days=2&timeZone=UTC')).toEqual(every({ '2026-12-05': 1, '2026-12-06': 0 }));
    expect(await figures('days=2')).toEqual(every({ '2026-12-05': 1, '2026-12-06': 0 }));
  });

  it('an unknown zone is refused with problem+json and a stable code', async () => {
    for (const url of [
      '/analytics/overview',
      '/analytics/rules',
      '/analytics/blocklist',
      '/analytics/complaints',
    ]) {
      for (const zone of ['Mars/Olympus', 'Asia%2FAtlantis']) {
        const res = await call('GET', `${url}?days=2&timeZone=${zone}`);
        expect(res.statusCode, url).toBe(400);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect(res.json()).toMatchObject({ code: 'INVALID_TIME_ZONE', errors: [{ field: '/timeZone' }] });
      }
    }
  });
});
