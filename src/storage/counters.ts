/**
 * Sliding-window event counters per key. The embedded implementation keeps
 * them in memory; the cluster one (Redis) shares them across nodes. Both are
 * exact: an event counts for exactly `windowMs` after it happened.
 *
 * @example
 *   const n = await counters.hit(`blk:${entryId}:${sender}`, 86_400_000, now, limit.max + 1);
 *   if (n > limit.max) decision = 'limit';
 */
export interface Counters {
  /**
   * Records one event for `key` at `now` and returns how many events fall in
   * (now - windowMs, now], this one included. Counting stops at `cap`, which
   * bounds memory per key: callers pass one more than the threshold they test.
   */
  hit(key: string, windowMs: number, now: number, cap: number): number | Promise<number>;
  /** Like hit, without recording an event. */
  count(key: string, windowMs: number, now: number): number | Promise<number>;
  close(): Promise<void>;
}

interface Series {
  windowMs: number;
  /** Event times, oldest first, at most `cap` of them. */
  times: number[];
}

/**
 * In-process counters. Each key holds at most `cap` timestamps; idle keys are
 * swept once they fall out of their window, and the number of keys is capped
 * (least recently used first) so memory stays bounded under a flood.
 */
export class MemoryCounters implements Counters {
  private readonly series = new Map<string, Series>();
  private lastSweep = 0;

  constructor(private readonly maxKeys = 2_000_000) {}

  get size(): number {
    return this.series.size;
  }

  async close(): Promise<void> {
    this.series.clear();
  }

  hit(key: string, windowMs: number, now: number, cap: number): number {
    let s = this.series.get(key);
    if (s) {
      // Re-insert to keep Map order = recency, for LRU eviction.
      this.series.delete(key);
    } else {
      s = { windowMs, times: [] };
    }
    this.series.set(key, s);
    const times = s.times;
    trim(times, now - windowMs);
    times.push(now);
    if (times.length > cap) times.splice(0, times.length - cap);
    if (this.series.size > this.maxKeys) this.evictOldest(this.series.size - this.maxKeys);
    if (now - this.lastSweep > 60_000) this.sweep(now);
    return times.length;
  }

  count(key: string, windowMs: number, now: number): number {
    const s = this.series.get(key);
    if (!s) return 0;
    trim(s.times, now - windowMs);
    return s.times.length;
  }

  private evictOldest(n: number): void {
    for (const key of this.series.keys()) {
      if (n-- <= 0) break;
      this.series.delete(key);
    }
  }

  /** Drops keys whose newest event has left its window. */
  sweep(now: number): void {
    this.lastSweep = now;
    for (const [key, s] of this.series) {
      const newest = s.times[s.times.length - 1];
      if (newest === undefined || newest <= now - s.windowMs) this.series.delete(key);
    }
  }
}

function trim(times: number[], after: number): void {
  let drop = 0;
  while (drop < times.length && (times[drop] as number) <= after) drop++;
  if (drop) times.splice(0, drop);
}
