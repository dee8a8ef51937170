import { LruCache } from '../core/lru.js';
import {
  exactKey,
  exactNumber,
  exactSeeds,
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
/** Short texts have too few n-grams for SimHash to mean anything: below this, exact copies only. */
const NEAR_MIN_LENGTH = 20;
/** Short texts have too few n-grams for SimHash to mean anything: exact copies only. */
const countsExact = (spec: DuplicateSpec, normalized: string): boolean =>
  !spec.near || normalized.length < NEAR_MIN_LENGTH;
/** The "sender" of copies counted across all senders (sender keys start `c:` or `i:`). */
const ALL_SENDERS = '*';

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
  private readonly recent: LruCache<string, Seen[]>;
  private readonly seeds = new Uint32Array(2);

  constructor(
    private readonly counters: Counters,
    maxKeys = 500_000,
  ) {
    this.recent = new LruCache(Math.max(2, maxKeys));
  }

  /** Whether `observe` answers synchronously (in-process counters). */
  get answersAtOnce(): boolean {
    return this.counters.hitNumbered !== undefined;
  }

  /** How many senders and bands hold recent hashes (at most `maxKeys`). */
  get nearKeys(): number {
    return this.recent.size;
  }

  /**
   * Records this message under every spec and returns earlier copies per spec
   * (same order), synchronously on in-process counters. `out` is filled and
   * returned (the hot path passes a reused one).
   */
  observe(
    specs: readonly DuplicateSpec[],
    senderKey: string,
    normalized: string,
    now: number,
    out: number[] = [],
  ): number[] | Promise<number[]> {
    if (!this.observeNear(specs, senderKey, normalized, now, out)) return out;
    const counters = this.counters;
    if (counters.hitNumbered === undefined)
      return this.observeExactShared(specs, senderKey, normalized, now, out);
    for (let i = 0; i < specs.length; i++) {
      const spec = specs[i] as DuplicateSpec;
      if (!countsExact(spec, normalized)) continue;
      const windowMs = spec.windowSeconds * 1000;
      // The text's hash seeded with the sender (or "all") and the window: a number, no key string.
      const seeds = exactSeeds(spec.scope === 'sender' ? senderKey : ALL_SENDERS, windowMs, this.seeds);
      const key = exactNumber(normalized, seeds[0] as number, seeds[1] as number);
      out[i] = counters.hitNumbered(key, windowMs, now, 10_000) - 1;
    }
    return out;
  }

  /** Near copies (in memory) for the specs that count them; whether some spec counts exact copies. */
  private observeNear(
    specs: readonly DuplicateSpec[],
    senderKey: string,
    normalized: string,
    now: number,
    out: number[],
  ): boolean {
    let exact = false;
    let hash: SimHash | null = null;
    for (let i = 0; i < specs.length; i++) {
      const spec = specs[i] as DuplicateSpec;
      if (countsExact(spec, normalized)) {
        exact = true;
        continue;
      }
      hash ??= simHash(normalized);
      const windowMs = spec.windowSeconds * 1000;
      out[i] =
        spec.scope === 'sender'
          ? this.nearSender(senderKey, hash, windowMs, now)
          : this.nearAll(hash, windowMs, now);
    }
    return exact;
  }

  /** Exact copies on shared counters (Redis), under string keys. */
  private async observeExactShared(
    specs: readonly DuplicateSpec[],
    senderKey: string,
    normalized: string,
    now: number,
    out: number[],
  ): Promise<number[]> {
    const exact = exactKey(normalized);
    for (let i = 0; i < specs.length; i++) {
      const spec = specs[i] as DuplicateSpec;
      if (!countsExact(spec, normalized)) continue;
      const windowMs = spec.windowSeconds * 1000;
      const key =
        spec.scope === 'sender' ? `dup:s:${windowMs}:${senderKey}:${exact}` : `dup:a:${windowMs}:${exact}`;
      out[i] = (await this.counters.hit(key, windowMs, now, 10_000)) - 1;
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
    let list = this.recent.get(key);
    if (!list) {
      list = [];
      this.recent.set(key, list);
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
