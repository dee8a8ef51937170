import { LruCache } from '../core/lru.js';
import {
  exactKey,
  hammingDistance,
  NEAR_DUPLICATE_MAX_DISTANCE,
  type SimHash,
  simHash,
} from '../core/text/fingerprint.js';
import type { DuplicateSpec } from '../rules/model.js';
import type { Counters } from '../storage/counters.js';

interface Seen {
  at: number;
  hash: SimHash;
}

const MAX_PER_LIST = 64;

/**
 * Counts earlier copies of a message, per sender or across all senders,
 * exactly (same normalised text, through the shared counters) or nearly
 * (SimHash within NEAR_DUPLICATE_MAX_DISTANCE bits, in memory).
 *
 * Near-duplicates across all senders are found through four 16-bit bands of
 * the hash: a pair differing in ≤ 3 bits always shares a band; pairs further
 * apart (up to the 10-bit threshold) are found when one band survives, which
 * holds for most real edits. Per sender every recent hash is compared.
 */
export class DuplicateTracker {
  /**
   * Recent hashes per sender or band. Bounded as the counters are (two
   * generations, see LruCache): evicting the oldest key of one Map one by one
   * grew slower with every eviction once full.
   */
  private readonly near: LruCache<string, Seen[]>;

  constructor(
    private readonly counters: Counters,
    maxKeys = 500_000,
  ) {
    this.near = new LruCache(Math.max(2, maxKeys));
  }

  /** How many senders and bands hold recent hashes (at most `maxKeys`). */
  get nearKeys(): number {
    return this.near.size;
  }

  /** Records this message under every spec and returns earlier copies per spec (same order). */
  async observe(
    specs: readonly DuplicateSpec[],
    senderKey: string,
    normalized: string,
    now: number,
  ): Promise<number[]> {
    const out: number[] = [];
    let exact: string | null = null;
    let hash: SimHash | null = null;
    for (const spec of specs) {
      const windowMs = spec.windowSeconds * 1000;
      if (!spec.near || normalized.length < 20) {
        // Short texts have too few n-grams for SimHash to mean anything: exact only.
        exact ??= exactKey(normalized);
        const key =
          spec.scope === 'sender' ? `dup:s:${windowMs}:${senderKey}:${exact}` : `dup:a:${windowMs}:${exact}`;
        out.push((await this.counters.hit(key, windowMs, now, 10_000)) - 1);
        continue;
      }
      hash ??= simHash(normalized);
      out.push(
        spec.scope === 'sender'
          ? this.nearSender(senderKey, hash, windowMs, now)
          : this.nearAll(hash, windowMs, now),
      );
    }
    return out;
  }

  private nearSender(senderKey: string, hash: SimHash, windowMs: number, now: number): number {
    const key = `s:${windowMs}:${senderKey}`;
    const list = this.list(key, now - windowMs);
    let n = 0;
    for (const s of list) if (hammingDistance(s.hash, hash) <= NEAR_DUPLICATE_MAX_DISTANCE) n++;
    push(list, { at: now, hash });
    return n;
  }

  private nearAll(hash: SimHash, windowMs: number, now: number): number {
    const seen = new Set<Seen>();
    const bands = [hash.hi >>> 16, hash.hi & 0xffff, hash.lo >>> 16, hash.lo & 0xffff];
    const me: Seen = { at: now, hash };
    for (let b = 0; b < 4; b++) {
      const list = this.list(`a:${windowMs}:${b}:${bands[b]}`, now - windowMs);
      for (const s of list) if (hammingDistance(s.hash, hash) <= NEAR_DUPLICATE_MAX_DISTANCE) seen.add(s);
      push(list, me);
    }
    return seen.size;
  }

  private list(key: string, after: number): Seen[] {
    let list = this.near.get(key);
    if (!list) {
      list = [];
      this.near.set(key, list);
    }
    let drop = 0;
    while (drop < list.length && (list[drop] as Seen).at <= after) drop++;
    if (drop) list.splice(0, drop);
    return list;
  }
}

function push(list: Seen[], s: Seen): void {
  list.push(s);
  if (list.length > MAX_PER_LIST) list.shift();
}
