import type { Logger } from '../core/logging.js';
import { type Counters, MemoryCounters } from './counters.js';

/** What counters do while Redis is down (WARDEN_COUNTERS_ON_REDIS_DOWN). */
export type RedisDownPolicy = 'local' | 'open' | 'closed';

/** The shared counters behind FallbackCounters (RedisCounters, or a stand-in in tests). */
export interface SharedCounters extends Counters {
  /** True while commands can be sent. */
  readonly up: boolean;
}

/**
 * Shared counters that keep screening answering while Redis is away. A hit
 * that cannot reach Redis (not connected, or the command failed or timed
 * out) is answered by the policy:
 *
 * - `local`: this node's own memory counters — limits hold per node, so a
 *   sender spread over N nodes gets up to N times the limit;
 * - `open`: counted as the sender's only event, so no limit is reached;
 * - `closed`: counted as over every limit (rate-limited senders are limited,
 *   every message counts as a duplicate, marketing caps refuse).
 *
 * The first fallback of an outage calls `onDown` once (the app raises an
 * alert); the next hit that reaches Redis calls `onUp` and the shared counts
 * are used again. Local counts made during the outage are not merged back.
 */
export class FallbackCounters implements Counters {
  private readonly local = new MemoryCounters(200_000);
  private down = false;

  constructor(
    private readonly shared: SharedCounters,
    private readonly policy: RedisDownPolicy,
    private readonly log: Logger,
    private readonly hooks: { onDown?: () => void; onUp?: () => void } = {},
  ) {}

  /** Whether Redis is connected now (hits go to it again from the next one). */
  get up(): boolean {
    return this.shared.up;
  }

  hit(key: string, windowMs: number, now: number, cap: number): number | Promise<number> {
    if (!this.shared.up) return this.fallbackHit(key, windowMs, now, cap);
    return this.attempt(
      () => this.shared.hit(key, windowMs, now, cap),
      () => this.fallbackHit(key, windowMs, now, cap),
    );
  }

  count(key: string, windowMs: number, now: number): number | Promise<number> {
    if (!this.shared.up) return this.fallbackCount(key, windowMs, now);
    return this.attempt(
      () => this.shared.count(key, windowMs, now),
      () => this.fallbackCount(key, windowMs, now),
    );
  }

  /** The shared answer, or the fallback's when the call throws or rejects. */
  private async attempt(shared: () => number | Promise<number>, fallback: () => number): Promise<number> {
    try {
      const n = await shared();
      this.markUp();
      return n;
    } catch (err) {
      this.markDown(err);
      return fallback();
    }
  }

  async forget(key: string): Promise<void> {
    this.local.forget(key);
    if (!this.shared.up) return;
    try {
      await this.shared.forget(key);
    } catch (err) {
      this.markDown(err);
    }
  }

  async close(): Promise<void> {
    await this.local.close();
    await this.shared.close();
  }

  private fallbackHit(key: string, windowMs: number, now: number, cap: number): number {
    this.markDown(null);
    if (this.policy === 'local') return this.local.hit(key, windowMs, now, cap);
    return this.policy === 'open' ? 1 : cap;
  }

  private fallbackCount(key: string, windowMs: number, now: number): number {
    this.markDown(null);
    if (this.policy === 'local') return this.local.count(key, windowMs, now);
    return this.policy === 'open' ? 0 : Number.MAX_SAFE_INTEGER;
  }

  private markDown(err: unknown): void {
    if (this.down) return;
    this.down = true;
    this.log.warn(
      { policy: this.policy, err: err instanceof Error ? { message: err.message } : undefined },
      'redis is unavailable: counters fall back',
    );
    try {
      this.hooks.onDown?.();
    } catch (e) {
      this.log.error({ err: e }, 'counters onDown hook failed');
    }
  }

  private markUp(): void {
    if (!this.down) return;
    this.down = false;
    this.log.info('redis is back: counters are shared again');
    try {
      this.hooks.onUp?.();
    } catch (e) {
      this.log.error({ err: e }, 'counters onUp hook failed');
    }
  }
}
