import { describe, expect, test } from 'vitest';
import { withoutFastPaths } from '../../test/support/shared-counters.js';
import { MemoryCounters } from '../storage/counters.js';
import { DuplicateTracker } from './duplicates.js';

const perSender = { scope: 'sender', windowSeconds: 600, near: true } as const;
const acrossAll = { scope: 'all', windowSeconds: 600, near: true } as const;
const text = '您好，我上周买的冰箱一直不制冷，售后说三天内上门，到现在也没人来';
const edited = '您好，我上周买的冰箱一直不制冷，售后说三天内上门，到现在还没人来';

describe('DuplicateTracker, near copies', () => {
  test('counts an edited copy from the same sender and across senders, within the window only', async () => {
    const t = new DuplicateTracker(new MemoryCounters());
    const now = 1_000_000;
    expect(await t.observe([perSender, acrossAll], 'p:+8613800138000', text, now)).toEqual([0, 0]);
    // Per sender every recent hash is compared: an edit a few bits away counts.
    expect(await t.observe([perSender], 'p:+8613800138000', edited, now + 1_000)).toEqual([1]);
    // Another sender: no copy of its own, one across all.
    expect(await t.observe([perSender, acrossAll], 'p:+8613900139000', text, now + 2_000)).toEqual([0, 1]);
    // Past the window nothing counts.
    expect(await t.observe([perSender, acrossAll], 'p:+8613800138000', text, now + 700_000)).toEqual([0, 0]);
  });

  test('a flood of new senders keeps the memory bounded and the recent senders whole', async () => {
    const t = new DuplicateTracker(new MemoryCounters(), 1_000);
    const now = 5_000_000;
    for (let i = 0; i < 20_000; i++) await t.observe([perSender], `u:${i}`, `${text} #${i}`, now + i);
    expect(t.nearKeys).toBeLessThanOrEqual(1_000);
    // The last 500 senders (half the bound) are always kept: their copy counts.
    expect(await t.observe([perSender], 'u:19999', `${text} #19999`, now + 20_000)).toEqual([1]);
    expect(await t.observe([perSender], 'u:19600', `${text} #19600`, now + 20_001)).toEqual([1]);
    // A sender evicted long ago starts again from nothing.
    expect(await t.observe([perSender], 'u:0', `${text} #0`, now + 20_002)).toEqual([0]);
  });
});

describe('DuplicateTracker, exact copies', () => {
  test('counts the same in memory (numeric keys) as on shared counters (string keys)', async () => {
    const backing = new MemoryCounters();
    const shared = withoutFastPaths(backing);
    const fast = new DuplicateTracker(new MemoryCounters());
    const slow = new DuplicateTracker(shared);
    expect(fast.answersAtOnce).toBe(true);
    expect(slow.answersAtOnce).toBe(false);
    const specs = [
      { scope: 'sender', windowSeconds: 10, near: false },
      { scope: 'all', windowSeconds: 60, near: false },
      { scope: 'sender', windowSeconds: 60, near: false },
    ] as const;
    const texts = ['退款', '谢谢', 'hello', '退款退款', ''];
    let now = 1_000_000;
    for (let i = 0; i < 3_000; i++) {
      now += i % 40 === 0 ? 30_000 : 250 * (i % 3);
      const sender = `i:${i % 5}`;
      const text = texts[(i * 7) % texts.length] as string;
      const a = fast.observe(specs, sender, text, now);
      expect(Array.isArray(a)).toBe(true);
      expect(a, `message ${i}`).toEqual(await slow.observe(specs, sender, text, now));
    }
  });
});
