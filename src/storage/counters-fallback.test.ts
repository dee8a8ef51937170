import { describe, expect, it } from 'vitest';
import { createLogger } from '../core/logging.js';
import { MemoryCounters } from './counters.js';
import { FallbackCounters, type RedisDownPolicy, type SharedCounters } from './counters-fallback.js';

/** Memory counters standing in for Redis, which can be switched off ("not connected") or made to fail. */
class SwitchableCounters extends MemoryCounters implements SharedCounters {
  up = true;
  failing = false;
  override hit(key: string, windowMs: number, now: number, cap: number): number {
    if (this.failing) throw new Error('Command timed out');
    return super.hit(key, windowMs, now, cap);
  }
}

const log = createLogger('silent');

function setup(policy: RedisDownPolicy) {
  const shared = new SwitchableCounters();
  let downs = 0;
  let ups = 0;
  const counters = new FallbackCounters(shared, policy, log, { onDown: () => downs++, onUp: () => ups++ });
  return { shared, counters, calls: () => ({ downs, ups }) };
}

const hits = async (c: FallbackCounters, n: number, key = 'k') => {
  let last = 0;
  for (let i = 0; i < n; i++) last = await c.hit(key, 60_000, 1_000 + i, 10);
  return last;
};

describe('FallbackCounters', () => {
  it.each([
    ['local', 3, 0],
    ['open', 1, 0],
    ['closed', 10, Number.MAX_SAFE_INTEGER],
  ] as const)(
    'while shared counters are down, policy %s answers hit %i and count %i',
    async (policy, hit, count) => {
      const { shared, counters, calls } = setup(policy);
      shared.up = false;
      expect(await hits(counters, 3)).toBe(hit);
      expect(await counters.count('other', 60_000, 2_000)).toBe(count);
      expect(calls()).toEqual({ downs: 1, ups: 0 });
    },
  );

  it('uses the shared counts while up, falls back on a failed command, and goes back once it answers', async () => {
    const { shared, counters, calls } = setup('local');
    expect(await hits(counters, 2)).toBe(2);
    shared.failing = true;
    // The local counts start from nothing: events counted in Redis are not known here.
    expect(await hits(counters, 2)).toBe(2);
    expect(counters.up).toBe(true);
    shared.failing = false;
    expect(await hits(counters, 1)).toBe(3);
    expect(calls()).toEqual({ downs: 1, ups: 1 });
    // A second outage raises a second call.
    shared.up = false;
    await hits(counters, 1);
    expect(calls()).toEqual({ downs: 2, ups: 1 });
  });
});
