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

/**
 * Sliding-window counters shared by every node: a sorted set of event times
 * per key, trimmed and capped in the same Lua call, expiring after its window.
 */
export class RedisCounters implements Counters {
  private readonly redis: Redis;
  private seq = 0;
  private readonly node = randomUUID().slice(0, 8);

  constructor(
    url: string,
    private readonly prefix = 'warden:c:',
    log?: Logger,
  ) {
    this.redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2, enableAutoPipelining: true });
    this.redis.on('error', (err) => log?.warn({ err }, 'redis (counters) error'));
    this.redis.defineCommand('wardenHit', { numberOfKeys: 1, lua: HIT });
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
    await this.redis.quit();
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
  ) {
    this.pub = new Redis(url, { maxRetriesPerRequest: 2 });
    this.sub = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: false });
    // ioredis reconnects by itself; log instead of crashing on an 'error' event.
    this.pub.on('error', (err) => this.log.warn({ err }, 'redis (bus publisher) error'));
    this.sub.on('error', (err) => this.log.warn({ err }, 'redis (bus subscriber) error'));
    this.sub.on('message', (channel: string, message: string) => void this.deliver(channel, message));
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

  async publish(topic: string, payload: Record<string, unknown>): Promise<void> {
    await this.pub.publish(this.prefix + topic, JSON.stringify({ node: this.node, payload }));
  }

  subscribe(topic: string, handler: (payload: Record<string, unknown>) => void | Promise<void>): void {
    const list = this.handlers.get(topic);
    if (list) list.push(handler);
    else {
      this.handlers.set(topic, [handler]);
      void this.sub.subscribe(this.prefix + topic);
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
