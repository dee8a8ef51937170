import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../core/logging.js';
import type { Bus } from './bus.js';
import type { Counters } from './counters.js';

// One round trip per hit: trim what left the window, add this event, cap the
// set, keep it alive for one window, and count.
const HIT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(tonumber(ARGV[4]) + 1))
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return redis.call('ZCARD', KEYS[1])`;

/** Redis timeouts in ms (WARDEN_REDIS_*_TIMEOUT_MS). */
export interface RedisTimeouts {
  commandTimeoutMs: number;
  connectTimeoutMs: number;
}

export const defaultRedisTimeouts: RedisTimeouts = { commandTimeoutMs: 1_000, connectTimeoutMs: 5_000 };

/**
 * Options for a client that fails fast while Redis is away instead of queueing
 * commands until it returns: callers have a fallback (counters) or none is
 * needed (hints), and a queued command would hold a screen or a write.
 */
const failFast = (t: RedisTimeouts) => ({
  commandTimeout: t.commandTimeoutMs,
  connectTimeout: t.connectTimeoutMs,
  maxRetriesPerRequest: 0,
  enableOfflineQueue: false,
  // Reconnect forever, at most every 2 s.
  retryStrategy: (times: number) => Math.min(times * 100, 2_000),
});

/** Logs a Redis client's errors once per outage rather than once per reconnect attempt. */
function logErrors(client: Redis, what: string, log: Logger | undefined): void {
  let reported = false;
  client.on('error', (err: Error) => {
    if (reported) return;
    reported = true;
    log?.warn({ err: { message: err.message } }, `redis (${what}) error; reconnecting`);
  });
  client.on('ready', () => {
    if (reported) log?.info(`redis (${what}) is back`);
    reported = false;
  });
}

/**
 * Sliding-window counters shared by every node: a sorted set of event times
 * per key, trimmed and capped in the same Lua call, expiring after its window.
 * Commands fail at once while Redis is unreachable (see FallbackCounters).
 */
export class RedisCounters implements Counters {
  private readonly redis: Redis;
  private seq = 0;
  private readonly node = randomUUID().slice(0, 8);

  constructor(
    url: string,
    private readonly prefix = 'warden:c:',
    log?: Logger,
    timeouts: RedisTimeouts = defaultRedisTimeouts,
  ) {
    this.redis = new Redis(url, { ...failFast(timeouts), enableAutoPipelining: true });
    logErrors(this.redis, 'counters', log);
    this.redis.defineCommand('wardenHit', { numberOfKeys: 1, lua: HIT });
  }

  /** True while the connection is up and commands can be sent. */
  get up(): boolean {
    return this.redis.status === 'ready';
  }

  /** Resolves true once connected, false after `ms` (start-up: a node may start while Redis is down). */
  async waitUp(ms: number): Promise<boolean> {
    if (this.up) return true;
    return new Promise<boolean>((resolve) => {
      const done = (v: boolean) => {
        clearTimeout(timer);
        this.redis.off('ready', onReady);
        resolve(v);
      };
      const onReady = () => done(true);
      const timer = setTimeout(() => done(false), ms);
      this.redis.once('ready', onReady);
    });
  }

  async hit(key: string, windowMs: number, now: number, cap: number): Promise<number> {
    const member = `${now}:${this.node}:${this.seq++}`;
    const r = await (
      this.redis as unknown as { wardenHit: (...a: (string | number)[]) => Promise<number> }
    ).wardenHit(this.prefix + key, now - windowMs, now, member, cap, windowMs);
    return Number(r);
  }

  async count(key: string, windowMs: number, now: number): Promise<number> {
    return Number(await this.redis.zcount(this.prefix + key, `(${now - windowMs}`, now));
  }

  async forget(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async close(): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => undefined);
    this.redis.disconnect();
  }
}

/** The change bus across nodes: Redis pub/sub; a node ignores its own messages. */
export class RedisBus implements Bus {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly node = randomUUID();
  private readonly handlers = new Map<string, ((p: Record<string, unknown>) => void | Promise<void>)[]>();

  constructor(
    url: string,
    private readonly log: Logger,
    private readonly prefix = 'warden:bus:',
    timeouts: RedisTimeouts = defaultRedisTimeouts,
  ) {
    // The publisher fails fast: a hint that cannot go out is dropped, never waited for.
    this.pub = new Redis(url, failFast(timeouts));
    // The subscriber queues its SUBSCRIBE until connected and re-subscribes after a reconnect.
    this.sub = new Redis(url, {
      maxRetriesPerRequest: null,
      enableReadyCheck: false,
      connectTimeout: timeouts.connectTimeoutMs,
      retryStrategy: (times: number) => Math.min(times * 100, 2_000),
    });
    // ioredis reconnects by itself; log instead of crashing on an 'error' event.
    logErrors(this.pub, 'bus publisher', log);
    logErrors(this.sub, 'bus subscriber', log);
    this.sub.on('message', (channel: string, message: string) => {
      // deliver() catches its handlers' errors; this catch is for a bug in deliver itself.
      this.deliver(channel, message).catch((err: unknown) =>
        this.log.error({ err }, 'change-bus delivery failed'),
      );
    });
  }

  private async deliver(channel: string, message: string): Promise<void> {
    const topic = channel.slice(this.prefix.length);
    let parsed: { node: string; payload: Record<string, unknown> };
    try {
      parsed = JSON.parse(message) as { node: string; payload: Record<string, unknown> };
    } catch {
      return;
    }
    if (parsed.node === this.node) return;
    for (const h of this.handlers.get(topic) ?? []) {
      try {
        await h(parsed.payload);
      } catch (err) {
        this.log.error({ err, topic }, 'change-bus handler failed');
      }
    }
  }

  /**
   * Never rejects: a change is committed before it is published, so a hint
   * that cannot go out (Redis down) must not fail the write that made it.
   * The other nodes catch up from storage.
   */
  async publish(topic: string, payload: Record<string, unknown>): Promise<void> {
    try {
      await this.pub.publish(this.prefix + topic, JSON.stringify({ node: this.node, payload }));
    } catch (err) {
      this.log.warn({ err: { message: (err as Error).message }, topic }, 'change hint not published');
    }
  }

  subscribe(topic: string, handler: (payload: Record<string, unknown>) => void | Promise<void>): void {
    const list = this.handlers.get(topic);
    if (list) list.push(handler);
    else {
      this.handlers.set(topic, [handler]);
      this.sub
        .subscribe(this.prefix + topic)
        .catch((err: unknown) =>
          this.log.warn({ err, topic }, 'redis subscribe failed; retried on reconnect'),
        );
    }
  }

  /** Resolves once the subscriptions made so far are active (tests, start-up). */
  async ready(): Promise<void> {
    const topics = [...this.handlers.keys()].map((t) => this.prefix + t);
    if (topics.length) await this.sub.subscribe(...topics);
  }

  async close(): Promise<void> {
    this.handlers.clear();
    this.sub.disconnect();
    await this.pub.quit().catch(() => undefined);
  }
}
