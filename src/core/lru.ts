/**
 * A bounded cache of recently used entries, in two generations (the scheme of
 * the `quick-lru` package): new and used keys go to the young map; when it is
 * full it becomes the old map and the previous old map is dropped whole. A key
 * found in the old map moves back to the young one.
 *
 * Why not a strict LRU on one Map (delete + re-set, evict `keys().next()`):
 * V8 leaves a hole for every delete at the front of a Map's ordered table, and
 * `keys().next()` walks over all of them, so at capacity every eviction grew
 * slower — screening with 100k distinct senders ran ten times slower. Here
 * every operation is O(1) and nothing is deleted one by one.
 *
 * Guarantee: the most recent `floor(capacity / 2)` distinct keys are always
 * held, and never more than `capacity` entries.
 */
export class LruCache<K, V extends NonNullable<unknown> | null> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private readonly generation: number;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 2) {
      throw new Error(`the cache needs a capacity of at least 2, not ${capacity}`);
    }
    this.generation = Math.floor(capacity / 2);
  }

  get size(): number {
    let n = this.young.size;
    for (const k of this.old.keys()) if (!this.young.has(k)) n++;
    return n;
  }

  /** The value (now recent), or undefined. */
  get(key: K): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const older = this.old.get(key);
    if (older !== undefined) this.promote(key, older);
    return older;
  }

  has(key: K): boolean {
    return this.young.has(key) || this.old.has(key);
  }

  set(key: K, value: V): void {
    if (this.young.has(key)) this.young.set(key, value);
    else this.promote(key, value);
  }

  delete(key: K): boolean {
    const a = this.young.delete(key);
    const b = this.old.delete(key);
    return a || b;
  }

  clear(): void {
    this.young.clear();
    this.old.clear();
  }

  /** Deletes every entry `drop` says to, in one pass (a periodic sweep, not a per-call eviction). */
  deleteWhere(drop: (value: V, key: K) => boolean): void {
    for (const map of [this.young, this.old])
      for (const [key, value] of map) if (drop(value, key)) map.delete(key);
  }

  private promote(key: K, value: V): void {
    if (this.young.size >= this.generation) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }
}
