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
import { CounterTable, type Series } from './counter-table.js';

export interface Counters {
  /**
   * Records one event for `key` at `now` and returns how many events fall in
   * (now - windowMs, now], this one included. Counting stops at `cap`, which
   * bounds memory per key: callers pass one more than the threshold they test.
   */
  hit(key: string, windowMs: number, now: number, cap: number): number | Promise<number>;
  /** Like hit, without recording an event. */
  count(key: string, windowMs: number, now: number): number | Promise<number>;
  /**
   * Optional, in-process counters only: records one event in each of an
   * owner's series (`set`) and
   * writes their counts to `out`, with ONE look-up of `owner` — the hot path's
   * per-sender counters, without a key string built per name and message.
   * Call it through `hitEach()` below, which falls back to `hit()` with the
   * key `${name}:${owner}` where it is missing (Redis). In memory an owner's
   * series are apart from the keys `hit()` counts: count each series one way.
   */
  hitEach?(owner: string, set: SeriesSet, now: number, out: number[]): number[];
  /**
   * Optional, in-process counters only: `hit()` on a numeric key (a 53-bit
   * hash the caller made, e.g. of a text), so no key string is built or
   * hashed per message. Callers fall back to `hit()` on a string key where it is missing.
   */
  hitNumbered?(key: number, windowMs: number, now: number, cap: number): number;
  /** Forgets every event of `key` (a login that succeeded clears its failures). */
  forget(key: string): void | Promise<void>;
  close(): Promise<void>;
}

/** Named series of one owner, counted together by `hitEach`: `names[i]` over `windowsMs[i]`, capped at `caps[i]`. */
export interface SeriesSet {
  readonly names: readonly string[];
  readonly windowsMs: readonly number[];
  readonly caps: readonly number[];
}

/** Every series of one owner (`hitEach`): names and series side by side, few enough to scan. */
interface OwnerSeries {
  names: string[];
  series: Series[];
}

/**
 * `counters.hitEach(…)` where the counters have it, else one `hit()` per name
 * on the key `${name}:${owner}` (the keys the cluster's counters have always used).
 * Returns `out`; synchronously when every count is.
 */
export function hitEach(
  counters: Counters,
  owner: string,
  set: SeriesSet,
  now: number,
  out: number[],
): number[] | Promise<number[]> {
  if (counters.hitEach) return counters.hitEach(owner, set, now, out);
  const { names, windowsMs, caps } = set;
  return (async () => {
    for (let i = 0; i < names.length; i++)
      out[i] = await counters.hit(`${names[i]}:${owner}`, windowsMs[i] as number, now, caps[i] as number);
    return out;
  })();
}

/**
 * In-process counters. Each key holds at most `cap` timestamps; idle keys are
 * swept once they fall out of their window, and the number of keys is bounded:
 * the most recently used `maxKeys` are always kept, never more than twice as
 * many (two generations, see LruCache), so memory stays bounded under a flood.
 */
export class MemoryCounters implements Counters {
  private readonly series: LruCache<string, Series>;
  /** `hitNumbered`'s series, and `hitEach`'s owners: each bounded as `series` is. */
  private readonly numbered: CounterTable;
  private readonly owners: LruCache<string, OwnerSeries>;
  private lastSweep = 0;

  constructor(maxKeys = 2_000_000) {
    this.series = new LruCache(Math.max(2, maxKeys * 2));
    this.numbered = new CounterTable(Math.max(1, maxKeys), (s, w, n, c) => this.record(s, w, n, c));
    this.owners = new LruCache(Math.max(2, maxKeys * 2));
  }

  /** Keys, numbered keys and owners held. */
  get size(): number {
    return this.series.size + this.numbered.size + this.owners.size;
  }

  async close(): Promise<void> {
    this.series.clear();
    this.numbered.clear();
    this.owners.clear();
  }

  hit(key: string, windowMs: number, now: number, cap: number): number {
    let s = this.series.get(key);
    if (s === undefined) {
      s = { windowMs, times: [], head: 0 };
      this.series.set(key, s);
    }
    return this.record(s, windowMs, now, cap);
  }

  hitNumbered(key: number, windowMs: number, now: number, cap: number): number {
    return this.numbered.hit(key, windowMs, now, cap);
  }

  hitEach(owner: string, set: SeriesSet, now: number, out: number[]): number[] {
    const { names, windowsMs, caps } = set;
    let o = this.owners.get(owner);
    if (o === undefined) {
      o = { names: [], series: [] };
      this.owners.set(owner, o);
    }
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      const windowMs = windowsMs[i] as number;
      let s: Series | undefined;
      for (let j = 0; j < o.names.length; j++) {
        if (o.names[j] === name) {
          s = o.series[j];
          break;
        }
      }
      if (s === undefined) {
        s = { windowMs, times: [], head: 0 };
        o.names.push(name);
        o.series.push(s);
      }
      out[i] = this.record(s, windowMs, now, caps[i] as number);
    }
    return out;
  }

  /** One event at `now`: trims, appends, caps; returns the count in the window. */
  private record(s: Series, windowMs: number, now: number, cap: number): number {
    // The window of a name can change (a limit edited): the sweep reads the latest.
    s.windowMs = windowMs;
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

  /** Drops keys (and owners) whose newest events have left their windows (numbered keys go by generation). */
  sweep(now: number): void {
    this.lastSweep = now;
    const idle = (s: Series) => {
      const newest = s.times[s.times.length - 1];
      return newest === undefined || newest <= now - s.windowMs;
    };
    this.series.deleteWhere(idle);
    this.owners.deleteWhere((o) => o.series.every(idle));
  }
}

/**
 * Forgets the events at or before `after`. Trimming moves `head` instead of
 * shifting the array, and the dead front is cut off only once it is as long
 * as the live part, so every operation is O(1) amortised however busy the key
 * (a flood from one sender hit a splice per message before).
 */
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
