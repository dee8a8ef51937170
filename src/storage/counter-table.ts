/**
 * Sliding-window counts on numeric keys (53-bit hashes) in typed arrays: the
 * exact-duplicate counters, where nearly every message brings a key never
 * seen before. A `Map` spent ~1 µs inserting each (an entry, a series object,
 * an array, a boxed key; a rehash of a million entries now and then) and left
 * it all to the garbage collector; here a key with one event is two numbers
 * in a slot, and only a key seen twice gets a series.
 *
 * Bounded like LruCache, in two generations: keys go to the young table;
 * when it holds `generation` keys it becomes the old one and the previous old
 * one is dropped whole. A key found in the old table moves to the young one.
 * The most recent `generation` distinct keys are always kept.
 */

/** Event times of one key, oldest first (`times[head…]` live); see MemoryCounters. */
export interface Series {
  windowMs: number;
  times: number[];
  head: number;
}

/** Records one event at `now` in `s`; returns the events in (now - windowMs, now], at most `cap`. */
export type RecordEvent = (s: Series, windowMs: number, now: number, cap: number) => number;

const EMPTY = 0;
const MIN_SLOTS = 1024;

class Table {
  /** Key + 1 per slot (0: empty); keys are < 2^53, so key + 1 is exact. */
  keys: Float64Array;
  /** A key's only event, while it has one. */
  times: Float64Array;
  /** Index into `series` + 1 once a key has had two events (0: none). */
  spill: Int32Array;
  series: Series[] = [];
  count = 0;

  constructor(readonly slots: number) {
    this.keys = new Float64Array(slots);
    this.times = new Float64Array(slots);
    this.spill = new Int32Array(slots);
  }

  /** The slot of `key` (stored + 1), or the empty slot where it would go. */
  find(stored: number): number {
    const mask = this.slots - 1;
    // The key is a hash already: its low bits spread well.
    let i = (stored >>> 0) & mask;
    for (;;) {
      const k = this.keys[i] as number;
      if (k === stored || k === EMPTY) return i;
      i = (i + 1) & mask;
    }
  }
}

export class CounterTable {
  private young: Table;
  private old: Table;

  constructor(
    private readonly generation: number,
    private readonly record: RecordEvent,
  ) {
    this.young = new Table(MIN_SLOTS);
    this.old = new Table(MIN_SLOTS);
  }

  /** Keys held (an upper bound: a key moved to the young table is counted in both until the old one goes). */
  get size(): number {
    return this.young.count + this.old.count;
  }

  clear(): void {
    this.young = new Table(MIN_SLOTS);
    this.old = new Table(MIN_SLOTS);
  }

  /** Records one event of `key` (an integer in [0, 2^53)) at `now`; returns its count in the window. */
  hit(key: number, windowMs: number, now: number, cap: number): number {
    const stored = key + 1;
    let t = this.young;
    let slot = t.find(stored);
    if (t.keys[slot] === EMPTY) {
      const o = this.old;
      const oldSlot = o.find(stored);
      if (o.keys[oldSlot] === EMPTY) return this.insert(stored, now, null);
      // Seen in the previous generation: it moves to the young one with what it holds.
      const spill = o.spill[oldSlot] as number;
      const series = spill === 0 ? null : (o.series[spill - 1] as Series);
      if (series === null) {
        const only = o.times[oldSlot] as number;
        this.insert(stored, only, null);
      } else this.insert(stored, 0, series);
      t = this.young;
      slot = t.find(stored);
    }
    const spill = t.spill[slot] as number;
    if (spill !== 0) return this.record(t.series[spill - 1] as Series, windowMs, now, cap);
    const only = t.times[slot] as number;
    if (only <= now - windowMs) {
      t.times[slot] = now; // its one event has left the window: this one is the only one again
      return 1;
    }
    const s: Series = { windowMs, times: [only], head: 0 };
    t.series.push(s);
    t.spill[slot] = t.series.length;
    return this.record(s, windowMs, now, cap);
  }

  /** Puts a key absent from the young table in it, with one event at `at` or a series; returns 1. */
  private insert(stored: number, at: number, series: Series | null): number {
    if (this.young.count >= this.generation) {
      this.old = this.young;
      this.young = new Table(MIN_SLOTS);
    } else if ((this.young.count + 1) * 2 > this.young.slots) this.grow();
    const t = this.young;
    const slot = t.find(stored);
    t.keys[slot] = stored;
    t.times[slot] = at;
    if (series !== null) {
      t.series.push(series);
      t.spill[slot] = t.series.length;
    }
    t.count++;
    return 1;
  }

  /** Doubles the young table (load stays ≤ 1/2, so probes stay short). */
  private grow(): void {
    const from = this.young;
    const to = new Table(from.slots * 2);
    to.series = from.series;
    for (let i = 0; i < from.slots; i++) {
      const k = from.keys[i] as number;
      if (k === EMPTY) continue;
      const j = to.find(k);
      to.keys[j] = k;
      to.times[j] = from.times[i] as number;
      to.spill[j] = from.spill[i] as number;
    }
    to.count = from.count;
    this.young = to;
  }
}
