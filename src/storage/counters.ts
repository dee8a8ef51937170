/**
 * Sliding-window event counters per key. The embedded implementation keeps
 * them in memory; the cluster one (Redis) shares them across nodes. Both are
 * exact: an event counts for exactly `windowMs` after it happened.
 *
 * @example
 *   const n = await counters.hit(`blk:${entryId}:${sender}`, 86_400_000, now, limit.max + 1);
 *   if (n > limit.max) decision = 'limit';
 */
import { LruCache } from '../core/lru.js';

export interface Counters {
  /**
   * Records one event for `key` at `now` and returns how many events fall in
   * (now - windowMs, now], this one included. Counting stops at `cap`, which
   * bounds memory per key: callers pass one more than the threshold they test.
   */
  hit(key: string, windowMs: number, now: number, cap: number): number | Promise<number>;
  /** Like hit, without recording an event. */
  count(key: string, windowMs: number, now: number): number | Promise<number>;
  /** Forgets every event of `key` (a login that succeeded clears its failures). */
  forget(key: string): void | Promise<void>;
  close(): Promise<void>;
}

/**
 * Event times of one key, oldest first: `times[head…]` are live. Trimming
 * moves `head` instead of shifting the array, and the dead front is cut off
 * only once it is as long as the live part, so every operation is O(1)
 * amortised however busy the key (a flood from one sender hit a splice per
 * message before).
 */
interface Series {
  windowMs: number;
  times: number[];
  head: number;
}

/**
 * In-process counters. Each key holds at most `cap` timestamps; idle keys are
 * swept once they fall out of their window, and the number of keys is bounded:
 * the most recently used `maxKeys` are always kept, never more than twice as
 * many (two generations, see LruCache), so memory stays bounded under a flood.
 */
export class MemoryCounters implements Counters {
  private readonly series: LruCache<string, Series>;
  private lastSweep = 0;

  constructor(maxKeys = 2_000_000) {
    this.series = new LruCache(Math.max(2, maxKeys * 2));
  }

  get size(): number {
    return this.series.size;
  }

  async close(): Promise<void> {
    this.series.clear();
  }

  hit(key: string, windowMs: number, now: number, cap: number): number {
    let s = this.series.get(key);
    if (s === undefined) {
      s = { windowMs, times: [], head: 0 };
      this.series.set(key, s);
    }
    trim(s, now - windowMs);
    const times = s.times;
    times.push(now);
    if (times.length - s.head > cap) s.head = times.length - cap;
    if (now - this.lastSweep > 60_000) this.sweep(now);
    return times.length - s.head;
  }

  count(key: string, windowMs: number, now: number): number {
    const s = this.series.get(key);
    if (s === undefined) return 0;
    trim(s, now - windowMs);
    return s.times.length - s.head;
  }

  forget(key: string): void {
    this.series.delete(key);
  }

  /** Drops keys whose newest event has left its window. */
  sweep(now: number): void {
    this.lastSweep = now;
    this.series.deleteWhere((s) => {
      const newest = s.times[s.times.length - 1];
      return newest === undefined || newest <= now - s.windowMs;
    });
  }
}

/** Forgets the events at or before `after`. */
function trim(s: Series, after: number): void {
  const times = s.times;
  let head = s.head;
  while (head < times.length && (times[head] as number) <= after) head++;
  if (head >= 32 && head * 2 >= times.length) {
    times.copyWithin(0, head);
    times.length -= head;
    head = 0;
  }
  s.head = head;
}
