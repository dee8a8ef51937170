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

/**
 * One flat array, two numbers a slot: `key + 1` (0: empty; keys are < 2^53,
 * so key + 1 is exact) and then either the key's only event time (≥ 0) or,
 * once it has had two events, `-(index into series + 1)`. A probe reads one
 * cache line, and growing copies one array.
 */
class Table {
  readonly cells: Float64Array;
  series: Series[] = [];
  count = 0;

  constructor(readonly slots: number) {
    this.cells = new Float64Array(slots * 2);
  }

  /** The cell index (2 × slot) of `stored` (key + 1), or of the empty slot where it would go. */
  find(stored: number): number {
    const cells = this.cells;
    const mask = this.slots - 1;
    // The key is a hash already: its low bits spread well.
    let i = (stored >>> 0) & mask;
    for (;;) {
      const k = cells[i * 2] as number;
      if (k === stored || k === EMPTY) return i * 2;
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
    let cell = t.find(stored);
    if (t.cells[cell] === EMPTY) {
      const o = this.old;
      const oldCell = o.find(stored);
      if (o.cells[oldCell] === EMPTY) {
        this.insert(stored, now, null);
        return 1;
      }
      // Seen in the previous generation: it moves to the young one with what it holds.
      const held = o.cells[oldCell + 1] as number;
      this.insert(stored, held, held < 0 ? (o.series[-held - 1] as Series) : null);
      t = this.young;
      cell = t.find(stored);
    }
    const held = t.cells[cell + 1] as number;
    if (held < 0) return this.record(t.series[-held - 1] as Series, windowMs, now, cap);
    if (held <= now - windowMs) {
      t.cells[cell + 1] = now; // its one event has left the window: this one is the only one again
      return 1;
    }
    const s: Series = { windowMs, times: [held], head: 0 };
    t.series.push(s);
    t.cells[cell + 1] = -t.series.length;
    return this.record(s, windowMs, now, cap);
  }

  /** Puts a key absent from the young table in it, with its one event time or its series. */
  private insert(stored: number, held: number, series: Series | null): void {
    if (this.young.count >= this.generation) {
      this.old = this.young;
      this.young = new Table(MIN_SLOTS);
    } else if ((this.young.count + 1) * 2 > this.young.slots) this.grow();
    const t = this.young;
    const cell = t.find(stored);
    t.cells[cell] = stored;
    if (series === null) t.cells[cell + 1] = held;
    else {
      t.series.push(series);
      t.cells[cell + 1] = -t.series.length;
    }
    t.count++;
  }

  /** Doubles the young table (load stays ≤ 1/2, so probes stay short). */
  private grow(): void {
    const from = this.young;
    const to = new Table(from.slots * 2);
    to.series = from.series;
    const cells = from.cells;
    for (let c = 0; c < cells.length; c += 2) {
      const k = cells[c] as number;
      if (k === EMPTY) continue;
      const d = to.find(k);
      to.cells[d] = k;
      to.cells[d + 1] = cells[c + 1] as number;
    }
    to.count = from.count;
    this.young = to;
  }
}
