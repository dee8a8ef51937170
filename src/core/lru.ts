/**
 * A bounded least-recently-used cache over a `Map` (which keeps insertion
 * order): a hit moves the key to the end, and a full cache drops the first
 * key. `get`, `set` and eviction are O(1).
 *
 * Values may be anything but `undefined`, which `get` uses for a miss.
 *
 * @example
 *   const cache = new LruCache<string, string>(2);
 *   cache.set('a', '1'); cache.set('b', '2');
 *   cache.get('a');      // '1', and 'a' is now the most recent
 *   cache.set('c', '3'); // drops 'b', the least recently used
 */
export class LruCache<K, V extends NonNullable<unknown> | null> {
  private readonly entries = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new Error(`an LRU cache needs a capacity of at least 1, not ${capacity}`);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value, now the most recently used; undefined if absent. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Re-inserting moves the key to the end of the Map's order.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  /** Whether the key is present, without making it recent. */
  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** Stores the value as the most recently used, dropping the least recently used key if full. */
  set(key: K, value: V): void {
    if (this.entries.has(key)) {
      this.entries.delete(key);
    } else if (this.entries.size >= this.capacity) {
      // The first key in the Map's order is the least recently used.
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, value);
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  /** Keys from least to most recently used (for tests and diagnostics). */
  keys(): K[] {
    return [...this.entries.keys()];
  }
}
