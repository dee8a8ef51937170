import type { Counters, MemoryCounters } from '../../src/storage/counters.js';

/**
 * `memory` seen only through the `Counters` methods every implementation has,
 * as Redis is: no in-process fast path (`hitEach`, `hitNumbered`), so callers
 * take their shared-counters path over string keys.
 */
export function withoutFastPaths(memory: MemoryCounters): Counters {
  return {
    hit: (key, windowMs, now, cap) => memory.hit(key, windowMs, now, cap),
    count: (key, windowMs, now) => memory.count(key, windowMs, now),
    forget: (key) => memory.forget(key),
    close: () => memory.close(),
  };
}
