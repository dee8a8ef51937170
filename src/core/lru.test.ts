import { describe, expect, it } from 'vitest';
import { LruCache } from './lru.js';

type Step = ['get', string, string | undefined] | ['set', string, string] | ['delete', string, boolean];

/** Each case: capacity (generations of floor(capacity / 2)), then steps with what `get`/`delete` return. */
const cases: [name: string, capacity: number, steps: Step[]][] = [
  ['a miss is undefined', 4, [['get', 'a', undefined]]],
  [
    'keeps the most recent keys',
    4,
    [
      ['set', 'a', '1'],
      ['set', 'b', '2'],
      ['get', 'a', '1'],
      ['get', 'b', '2'],
    ],
  ],
  [
    'the old generation still answers, and a hit there makes the key recent',
    4,
    [
      ['set', 'a', '1'],
      ['set', 'b', '2'],
      ['set', 'c', '3'], // {a, b} become the old generation
      ['get', 'a', '1'], // back to the young one
      ['set', 'd', '4'], // {c, a} old; b dropped
      ['get', 'b', undefined],
      ['get', 'c', '3'],
      ['get', 'a', '1'],
    ],
  ],
  [
    'overwriting replaces the value',
    4,
    [
      ['set', 'a', '1'],
      ['set', 'a', '9'],
      ['get', 'a', '9'],
    ],
  ],
  [
    'delete removes a key from both generations',
    4,
    [
      ['set', 'a', '1'],
      ['set', 'b', '2'],
      ['set', 'c', '3'],
      ['delete', 'a', true],
      ['delete', 'a', false],
      ['get', 'a', undefined],
      ['get', 'c', '3'],
    ],
  ],
];

describe('LruCache', () => {
  it.each(cases)('%s', (_name, capacity, steps) => {
    const cache = new LruCache<string, string>(capacity);
    for (const step of steps) {
      if (step[0] === 'get') expect(cache.get(step[1])).toBe(step[2]);
      else if (step[0] === 'set') cache.set(step[1], step[2]);
      else expect(cache.delete(step[1])).toBe(step[2]);
    }
  });

  it('never holds more than its capacity and always the last floor(capacity / 2) keys', () => {
    const cache = new LruCache<number, number>(101);
    for (let i = 0; i < 10_000; i++) {
      cache.set(i, i);
      expect(cache.size).toBeLessThanOrEqual(101);
    }
    for (let i = 10_000 - 50; i < 10_000; i++) expect(cache.get(i)).toBe(i);
  });

  it('refuses a capacity under 2', () => {
    expect(() => new LruCache(1)).toThrow(/at least 2/);
  });
});
