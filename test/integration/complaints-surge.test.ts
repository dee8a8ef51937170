import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { bearer, dialects, startTestApp, type TestApp } from '../helpers/app.js';

const HOUR = 3_600_000;
const START = Date.parse('2026-11-10T00:00:00Z');
const DAYS = 9;
const SURGE_HOUR = START + (8 * 24 + 14) * HOUR; // day 9, 14:00 UTC

/** A small deterministic generator, so the background stream is the same every run. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const background = [
  '快递三天了还没到，我要投诉',
  '手机屏幕坏了，质量太差',
  '客服态度太差了',
  '退款一直不到账，太气人了',
  '物流太慢了，不满意',
];

describe.each(dialects())('complaint surges on %s', (dialect) => {
  let t: TestApp;
  let agent: string;
  const clock = new ManualClock(START);

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock });
    agent = await t.key('agent');
  });
  afterAll(async () => t?.close());

  const post = async (phone: string, text: string) => {
    const res = await t.server.inject({
      method: 'POST',
      url: '/api/v1/complaints',
      headers: bearer(agent),
      payload: { channel: 'sms', from: { phone }, text },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  it('raises exactly one surge alert, at the hour of the injected surge', async () => {
    const random = lcg(42);
    let phone = 13_700_000_000;
    // About one complaint every three hours, spread over the categories, for nine days.
    for (let h = 0; h < DAYS * 24; h++) {
      const hourStart = START + h * HOUR;
      if (random() < 0.35) {
        clock.set(hourStart + Math.floor(random() * 50) * 60_000);
        await post(String(phone++), background[Math.floor(random() * background.length)] as string);
      }
      if (hourStart === SURGE_HOUR) {
        // A warehouse fire: twelve customers write about lost parcels within the hour.
        for (let i = 0; i < 12; i++) {
          clock.set(hourStart + (i + 1) * 4 * 60_000);
          await post(String(phone++), `快递丢件了，包裹一直没到，我要投诉！订单${i}`);
        }
      }
    }

    // The surge job, run at the end of every hour of the stream.
    const found: { hour: number; keys: string[] }[] = [];
    for (let h = 0; h < DAYS * 24; h++) {
      const hourStart = START + h * HOUR;
      clock.set(hourStart + HOUR - 1);
      const surges = await t.app.complaints.detectSurges(hourStart);
      if (surges.length) found.push({ hour: hourStart, keys: surges.map((s) => s.key) });
      await t.app.complaints.detectSurges(hourStart); // again: deduplicated
    }
    expect(found).toEqual([{ hour: SURGE_HOUR, keys: ['category:logistics'] }]);

    const res = await t.server.inject({
      method: 'GET',
      url: '/api/v1/alerts?kind=surge&limit=500',
      headers: bearer(agent),
    });
    const alerts = res.json().items;
    expect(alerts).toHaveLength(1);
    const alert = alerts[0];
    expect(alert.detail).toMatchObject({
      key: 'category:logistics',
      hour: new Date(SURGE_HOUR).toISOString(),
      distinctCustomers: 12,
    });
    expect(alert.detail.count).toBeGreaterThanOrEqual(12);
    expect(alert.detail.z).toBeGreaterThanOrEqual(3);
    expect(alert.detail.words).toEqual(expect.arrayContaining(['投诉']));
    expect(alert.detail.samples).toHaveLength(5);
    for (const s of alert.detail.samples) {
      expect(s.id).toMatch(/^cmp_/);
      expect(s.text.length).toBeLessThanOrEqual(50);
    }
  });
});
