import { describe, expect, it } from 'vitest';
import { MemoryCounters } from './counters.js';

describe('MemoryCounters.hitNumbered (CounterTable)', () => {
  it('agrees with string-keyed hit() on many keys, through table growth and generations', () => {
    let seed = 11;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    // Large enough that no key the test revisits is dropped (a generation holds 5,000 keys).
    const numbered = new MemoryCounters(5_000);
    const keyed = new MemoryCounters(1_000_000);
    let now = 0;
    for (let i = 0; i < 60_000; i++) {
      now += rand(5) === 0 ? 0 : 250 * rand(3);
      // Mostly fresh keys (as texts are), some hot ones, a few huge (53-bit) ones.
      const r = rand(10);
      const key = r < 6 ? 1_000 + i : r < 9 ? rand(40) : 2 ** 53 - 1 - rand(5);
      const windowMs = key % 2 === 0 ? 10_000 : 60_000;
      const cap = key % 3 === 0 ? 4 : 10_000;
      expect(numbered.hitNumbered(key, windowMs, now, cap), `hit ${i}: key ${key} at ${now}`).toBe(
        keyed.hit(String(key), windowMs, now, cap),
      );
    }
  });

  it.each([
    // [event times, window, expected count at the last hit]
    [[0, 1000], 1000, 1], // the only earlier event, exactly a window ago: gone
    [[0, 999], 1000, 2],
    [[0, 500, 1000], 1000, 2],
    [[0, 500, 1500], 1000, 1],
    [[0, 0, 0], 1000, 3],
  ])('counts %j in a %i ms window', (times, windowMs, expected) => {
    const c = new MemoryCounters();
    let n = 0;
    for (const t of times) n = c.hitNumbered(2 ** 40 + 7, windowMs, t, 100);
    expect(n).toBe(expected);
  });

  it('keeps the most recent keys of a flood and forgets the oldest', () => {
    const c = new MemoryCounters(1_000);
    for (let k = 0; k < 10_000; k++) c.hitNumbered(k, 60_000, 0, 100);
    expect(c.hitNumbered(9_999, 60_000, 1, 100)).toBe(2);
    expect(c.hitNumbered(9_100, 60_000, 1, 100)).toBe(2);
    expect(c.hitNumbered(0, 60_000, 1, 100)).toBe(1);
    expect(c.size).toBeLessThanOrEqual(2_000 + 3);
  });
});
