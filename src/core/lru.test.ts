import { describe, expect, it } from 'vitest';
import { LruCache } from './lru.js';

type Step = ['get', string, string | undefined] | ['set', string, string] | ['delete', string, boolean];

/** Each case: capacity, steps (with what `get`/`delete` return), then the keys from least to most recent. */
const cases: [name: string, capacity: number, steps: Step[], keys: string[]][] = [
  ['a miss is undefined', 2, [['get', 'a', undefined]], []],
  [
    'keeps what fits',
    2,
    [
      ['set', 'a', '1'],
      ['set', 'b', '2'],
      ['get', 'a', '1'],
      ['get', 'b', '2'],
    ],
    ['a', 'b'],
  ],
  [
    'drops the least recently set when full',
    2,
    [
      ['set', 'a', '1'],
      ['set', 'b', '2'],
      ['set', 'c', '3'],
      ['get', 'a', undefined],
      ['get', 'c', '3'],
    ],
    ['b', 'c'],
  ],
  [
    'a get makes a key recent, so another is dropped',
    2,
    [
      ['set', 'a', '1'],
      ['set', 'b', '2'],
      ['get', 'a', '1'],
      ['set', 'c', '3'],
      ['get', 'b', undefined],
      ['get', 'a', '1'],
    ],
    ['c', 'a'],
  ],
  [
    'overwriting replaces the value, makes it recent and evicts nothing',
    2,
    [
      ['set', 'a', '1'],
      ['set', 'b', '2'],
      ['set', 'a', '9'],
      ['get', 'a', '9'],
      ['get', 'b', '2'],
    ],
    ['a', 'b'],
  ],
  [
    'capacity 1 holds the last key only',
    1,
    [
      ['set', 'a', '1'],
      ['set', 'b', '2'],
      ['get', 'a', undefined],
      ['get', 'b', '2'],
    ],
    ['b'],
  ],
  [
    'delete frees a place',
    2,
    [
      ['set', 'a', '1'],
      ['set', 'b', '2'],
      ['delete', 'a', true],
      ['delete', 'a', false],
      ['set', 'c', '3'],
      ['get', 'b', '2'],
    ],
    ['c', 'b'],
  ],
];

describe('LruCache', () => {
  it.each(cases)('%s', (_name, capacity, steps, keys) => {
    const cache = new LruCache<string, string>(capacity);
    for (const step of steps) {
      if (step[0] === 'get') expect(cache.get(step[1])).toBe(step[2]);
      else if (step[0] === 'set') cache.set(step[1], step[2]);
      else expect(cache.delete(step[1])).toBe(step[2]);
    }
    expect(cache.keys()).toEqual(keys);
    expect(cache.size).toBe(keys.length);
  });

  it('never holds more than its capacity', () => {
    const cache = new LruCache<number, number>(100);
    for (let i = 0; i < 10_000; i++) {
      cache.set(i, i * 2);
      if (i % 3 === 0) cache.get(i - 50);
    }
    expect(cache.size).toBe(100);
    expect(cache.get(9_999)).toBe(19_998);
    expect(cache.get(9_899)).toBeUndefined();
  });

  it('stores null as a value, apart from a miss', () => {
    const cache = new LruCache<string, string | null>(2);
    cache.set('a', null);
    expect(cache.get('a')).toBeNull();
    expect(cache.has('a')).toBe(true);
    expect(cache.get('b')).toBeUndefined();
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses capacity %s', (capacity) => {
    expect(() => new LruCache(capacity)).toThrow(/capacity/);
  });

  it('clear empties it', () => {
    const cache = new LruCache<string, string>(2);
    cache.set('a', '1');
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.get('a')).toBeUndefined();
  });
});
