import { describe, expect, it } from 'vitest';
import { MemoryCounters } from './counters.js';

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

  it('evicts the least recently used keys beyond its capacity', () => {
    const c = new MemoryCounters(2);
    c.hit('a', 1000, 0, 10);
    c.hit('b', 1000, 0, 10);
    c.hit('a', 1000, 1, 10);
    c.hit('c', 1000, 2, 10);
    expect(c.count('b', 1000, 3)).toBe(0);
    expect(c.count('a', 1000, 3)).toBe(2);
  });
});
