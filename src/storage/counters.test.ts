import { describe, expect, it } from 'vitest';
import { withoutFastPaths } from '../../test/support/shared-counters.js';
import { hitEach, MemoryCounters } from './counters.js';

describe('MemoryCounters', () => {
  it.each([
    // [event times, window, query time, expected count at the last hit]
    [[0, 1000, 2000], 5000, 2000, 3],
    [[0, 2000, 6000], 5000, 6000, 2], // the event at 0 left the window at 5000
    [[0, 1000, 6000], 5000, 6000, 1], // and the one at 1000 exactly at 6000
    [[0, 5000], 5000, 5000, 1], // exactly windowMs later: no longer counted
    [[0, 4999], 5000, 4999, 2],
  ])('counts %j in a %i ms window', (times, windowMs, _at, expected) => {
    const c = new MemoryCounters();
    let n = 0;
    for (const t of times) n = c.hit('k', windowMs, t, 100);
    expect(n).toBe(expected);
  });

  it('caps the count and the memory per key', () => {
    const c = new MemoryCounters();
    let n = 0;
    for (let i = 0; i < 1000; i++) n = c.hit('k', 60_000, i, 51);
    expect(n).toBe(51);
  });

  it('keeps keys apart and sweeps idle ones', () => {
    const c = new MemoryCounters();
    c.hit('a', 1000, 0, 10);
    c.hit('b', 1000, 0, 10);
    expect(c.count('a', 1000, 500)).toBe(1);
    c.sweep(5000);
    expect(c.size).toBe(0);
  });

  it('keeps the most recently used keys, and at most twice its capacity', () => {
    const c = new MemoryCounters(2);
    c.hit('a', 1000, 0, 10);
    c.hit('b', 1000, 0, 10);
    c.hit('a', 1000, 1, 10);
    expect(c.count('a', 1000, 3)).toBe(2);
    for (let i = 0; i < 100; i++) c.hit(`k${i}`, 1000, 2, 10);
    expect(c.size).toBeLessThanOrEqual(4);
    expect(c.count('k99', 1000, 3)).toBe(1);
    expect(c.count('k98', 1000, 3)).toBe(1);
    expect(c.count('a', 1000, 3)).toBe(0);
  });

  it('agrees with a naive count on a busy key, whatever the cap and the spacing', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    for (const [windowMs, cap] of [
      [1000, 5],
      [1000, 100],
      [50, 3],
      [10_000, 2000],
    ] as const) {
      const c = new MemoryCounters();
      const seen: number[] = [];
      let oldest = 0; // seen[oldest…] are in the window
      let now = 0;
      for (let i = 0; i < 20_000; i++) {
        now += rand(4) === 0 ? rand(3 * windowMs) : rand(5);
        seen.push(now);
        while ((seen[oldest] as number) <= now - windowMs) oldest++;
        const inWindow = seen.length - oldest;
        expect(c.hit('hot', windowMs, now, cap), `hit ${i} at ${now}`).toBe(Math.min(cap, inWindow));
      }
    }
  });

  it('hitEach counts each name of an owner as hit counts its key, in memory and through the fallback', async () => {
    const memory = new MemoryCounters();
    const plain = new MemoryCounters();
    // Counters without the fast path (as Redis): hitEach() goes through hit() on `${name}:${owner}`.
    const shared = withoutFastPaths(plain);
    const reference = new MemoryCounters();
    const set = {
      names: ['msg:10', 'msg:60', 'lim:blk_1'],
      windowsMs: [10_000, 60_000, 30_000],
      caps: [3, 1000, 6],
    };
    const { names, windowsMs, caps } = set;
    let now = 0;
    for (let i = 0; i < 5_000; i++) {
      now += i % 50 === 0 ? 40_000 : 250 * (i % 3);
      const owner = `i:sender${i % 7}`;
      const fast = memory.hitEach(owner, set, now, []);
      const slow = await hitEach(shared, owner, set, now, []);
      const want = names.map((n, j) =>
        reference.hit(`${n}:${owner}`, windowsMs[j] as number, now, caps[j] as number),
      );
      expect(fast, `hit ${i}`).toEqual(want);
      expect(slow, `hit ${i}`).toEqual(want);
    }
    expect(plain.count('msg:60:i:sender3', 60_000, now)).toBeGreaterThan(0);
    memory.sweep(now + 120_000);
    expect(memory.size).toBe(0);
  });
});
