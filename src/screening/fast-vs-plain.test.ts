/**
 * Issue 13 item 3: the fast screening path (record off) decides exactly as a
 * plain one (test/support/plain-screener.ts) on 100,000 generated messages.
 * The real app on a real SQLite file, a manual clock advanced in random steps
 * so that windows and blocklist entries expire. On a mismatch the seed and the
 * message's index are printed; `FAST_VS_PLAIN_SEED=… npx vitest run
 * src/screening/fast-vs-plain.test.ts` replays one run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findBinary } from '../../test/helpers/binaries.js';
import { type RedisServer, startRedis } from '../../test/helpers/redis.js';
import {
  type PlainCustomer,
  type PlainEntry,
  type PlainResult,
  PlainScreener,
} from '../../test/support/plain-screener.js';
import { systemContext } from '../access/audit.js';
import { type App, createApp } from '../app.js';
import { ManualClock } from '../core/clock.js';
import { loadConfig } from '../core/config.js';
import { seededRandom } from '../core/hash.js';
import { createLogger } from '../core/logging.js';
import { normalizeText } from '../core/text/normalize.js';
import { normalizeIdentifier } from '../identity/identifiers.js';
import type { Identifier, IdentifierType } from '../identity/model.js';
import type { Rule } from '../rules/model.js';
import { replyLocale } from './opt-out.js';

const MESSAGES = Number(process.env.FAST_VS_PLAIN_MESSAGES ?? 100_000);
/** Redis answers each count over a socket: fewer messages, the same checks. */
const REDIS_MESSAGES = Number(process.env.FAST_VS_PLAIN_REDIS_MESSAGES ?? 5_000);
const SEED = Number(process.env.FAST_VS_PLAIN_SEED ?? Date.now() % 2 ** 31);
const START = Date.UTC(2026, 0, 5, 11, 30); // 19:30 in Shanghai: the run crosses 22:00 there

/** One way of writing an identifier, and its normal form. */
interface Spelling {
  type: IdentifierType;
  raws: string[];
  canonical: Identifier;
}
interface Sender {
  ids: Spelling[];
  customer: PlainCustomer | null;
  /** How often it writes, relative to others (a few flood). */
  weight: number;
}

const fragments = [
  '您好',
  '我想问一下',
  '订单什么时候发货',
  '这个产品质量太差了',
  '谢谢',
  '已经等了三天',
  '客服电话打不通',
  '請問',
  '貨到了嗎',
  'hello',
  'where is my order',
  'thanks a lot',
  'please call me back',
  'Ｈｅｌｌｏ',
  '１２３',
  '😡',
  '👍',
  '🙏🏻',
  '🇨🇳',
  '！！！',
  '...',
  // keywords, as written by people: spaced, hyphenated, full width, traditional, cased
  '退款',
  '退 款',
  '退-款',
  'ＲＥＦＵＮＤ',
  'refund',
  'Refund!',
  '骗子',
  '騙子',
  'scam',
  'SCAM',
  '投诉',
  '投訴',
  '12315',
  '１２３１５',
  '曝光',
  '垃圾',
  '律师',
  '律師',
  'free money',
  'FREE-money',
  // near misses
  '退歀',
  'refnud',
  '骗了',
  'scma',
  '投',
  // links for the regex rule
  'http://win.xyz/a',
  'https://shop.example.com',
  'HTTPS://promo.top/x',
];
const optTexts = ['退订', 'STOP', 'TD', '怎么退订'];
const channels = ['sms', 'wechat', 'email', 'app', 'voice'];
const sources = [null, null, 'partner-a', 'web', 'ivr'];

const phoneRaws = (n: string): string[] => [
  `+86 ${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`,
  `${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`,
  n,
  `+86${n}`,
  `８６${n}`,
];

function spelling(type: IdentifierType, raws: string[]): Spelling {
  const canonical = normalizeIdentifier(type, raws[0] as string, { defaultRegion: 'CN' });
  for (const r of raws) {
    // The generator's own check: every spelling of an identifier means the same one.
    const n = normalizeIdentifier(type, r, { defaultRegion: 'CN' });
    if (n.value !== canonical.value)
      throw new Error(`${type} ${r} normalises to ${n.value}, not ${canonical.value}`);
  }
  return { type, raws, canonical };
}

interface World {
  senders: Sender[];
  entries: PlainEntry[];
  customers: PlainCustomer[];
  rules: Rule[];
}

async function buildWorld(app: App, clock: ManualClock, rnd: () => number): Promise<World> {
  const ctx = systemContext;
  const customers: PlainCustomer[] = [];
  const senders: Sender[] = [];
  const entries: PlainEntry[] = [];
  const phone = (i: number) =>
    `1${['38', '39', '50', '86', '99'][i % 5]}${String((i * 7919 + 1234) % 1e8).padStart(8, '0')}`;
  const tiers = ['standard', 'standard', 'gold', 'vip'];
  for (let i = 0; i < 60; i++) {
    const ph = spelling('phone', phoneRaws(phone(i)));
    const em = spelling('email', [`cust${i}@example.com`, `Cust${i}@Example.COM`, ` cust${i}@example.com `]);
    const tier = tiers[i % tiers.length] as string;
    const c = await app.customers.create(ctx, {
      name: `c${i}`,
      tier,
      identifiers: [ph.canonical, em.canonical],
    });
    const customer = { id: c.id, tier, identifiers: [ph.canonical, em.canonical] };
    customers.push(customer);
    senders.push({ ids: [ph, em], customer, weight: i < 3 ? 40 : 1 });
  }
  for (let i = 60; i < 700; i++) {
    const kind = i % 6;
    const ids: Spelling[] = [];
    if (kind === 0 || kind === 1 || kind === 4) ids.push(spelling('phone', phoneRaws(phone(i))));
    if (kind === 2) ids.push(spelling('email', [`u${i}@mail.cn`, `U${i}@MAIL.CN`]));
    // A user id that looks like a phone number: the identifier caches must keep the types apart.
    if (kind === 3) ids.push(spelling('user_id', [i % 12 === 3 ? phone(i - 3) : `user-${i}`]));
    if (kind === 4) ids.push(spelling('user_id', [`uid${i}`]));
    if (kind === 5) ids.push(spelling('open_id', [`oABC${i}xyz`]));
    if (kind === 1) ids.push(spelling('email', [`p${i}@qq.com`]));
    senders.push({ ids, customer: null, weight: i % 97 === 0 ? 60 : 1 });
  }

  const now = clock.now();
  let sender = senders[0] as Sender;
  const add = async (
    target: { customerId: string } | { identifier: Identifier },
    e: Omit<PlainEntry, 'id' | 'customerId' | 'identifier'>,
  ) => {
    // A limited sender writes often enough to reach its limit.
    if (e.level === 2) sender.weight = Math.max(sender.weight, 12);
    const created = await app.blocklist.create(ctx, {
      ...target,
      level: e.level,
      category: 'spam',
      reason: 'fast-vs-plain',
      limit: e.limit,
      allowedChannels: e.allowedChannels,
      expiresAt: e.expiresAt,
      confirm: true,
    });
    entries.push({
      id: created.id,
      customerId: 'customerId' in target ? target.customerId : null,
      identifier: 'identifier' in target ? target.identifier : null,
      ...e,
    });
  };
  const expiry = () => (rnd() < 0.4 ? now + Math.floor(rnd() * 6 * 3_600_000) : null);
  for (const [n, s] of senders.entries()) {
    sender = s;
    if (s.customer) {
      if (n % 7 === 1)
        await add(
          { customerId: s.customer.id },
          { level: 2, limit: { max: 4, windowSeconds: 120 }, allowedChannels: null, expiresAt: expiry() },
        );
      if (n % 11 === 2)
        await add(
          { customerId: s.customer.id },
          { level: 3, limit: null, allowedChannels: ['email', 'voice'], expiresAt: expiry() },
        );
      if (n === 5)
        await add(
          { customerId: s.customer.id },
          { level: 1, limit: null, allowedChannels: null, expiresAt: expiry() },
        );
      continue;
    }
    const first = (s.ids[0] as Spelling).canonical;
    const r = rnd();
    if (r < 0.05)
      await add({ identifier: first }, { level: 1, limit: null, allowedChannels: null, expiresAt: expiry() });
    else if (r < 0.1)
      await add(
        { identifier: first },
        {
          level: 2,
          limit: rnd() < 0.5 ? { max: 3, windowSeconds: 60 } : { max: 6, windowSeconds: 600 },
          allowedChannels: null,
          expiresAt: expiry(),
        },
      );
    else if (r < 0.13)
      await add(
        { identifier: first },
        { level: 3, limit: null, allowedChannels: ['email'], expiresAt: expiry() },
      );
    // Two entries on one sender: both limits count; block and restrict compete.
    if (s.ids.length > 1 && n % 5 === 0) {
      const second = (s.ids[1] as Spelling).canonical;
      await add(
        { identifier: second },
        { level: 2, limit: { max: 5, windowSeconds: 100 }, allowedChannels: null, expiresAt: expiry() },
      );
      if (n % 3 === 0)
        await add(
          { identifier: second },
          { level: 1, limit: null, allowedChannels: null, expiresAt: expiry() },
        );
    }
  }

  const drafts = [
    {
      name: 'fraud words',
      priority: 300,
      mode: 'enforce',
      conditions: { keywords: { list: ['骗子', 'scam'] } },
      actions: [{ type: 'quarantine' }, { type: 'tag', value: 'fraud' }],
    },
    {
      name: 'refund on sms and wechat',
      priority: 200,
      mode: 'enforce',
      conditions: {
        all: [{ keywords: { list: ['退款', 'refund'] } }, { channel: { in: ['sms', 'wechat'] } }],
      },
      actions: [
        { type: 'tag', value: 'refund' },
        { type: 'route', team: 'billing' },
        { type: 'set_priority', priority: 'P2' },
      ],
    },
    {
      name: 'chatty',
      priority: 150,
      mode: 'enforce',
      conditions: { messageCount: { gt: 5, windowSeconds: 60 } },
      actions: [{ type: 'mark_spam' }, { type: 'tag', value: 'chatty' }],
    },
    {
      name: 'repeats',
      priority: 150,
      mode: 'enforce',
      conditions: { duplicate: { scope: 'sender', windowSeconds: 300, minCount: 2 } },
      actions: [{ type: 'drop' }],
    },
    {
      name: 'campaign',
      priority: 140,
      mode: 'shadow',
      conditions: { duplicate: { scope: 'all', windowSeconds: 120, minCount: 3 } },
      actions: [{ type: 'reject' }],
    },
    {
      name: 'bad links',
      priority: 130,
      mode: 'enforce',
      conditions: { regex: { pattern: 'https?://\\S+\\.(xyz|top)', flags: 'i' } },
      actions: [{ type: 'reject' }],
    },
    {
      name: 'partners',
      priority: 120,
      mode: 'enforce',
      conditions: {
        all: [
          { any: [{ source: { in: ['partner-a'] } }, { identifierType: { in: ['open_id'] } }] },
          { not: { keywords: { list: ['谢谢'] } } },
        ],
      },
      actions: [
        { type: 'tag', value: 'partner' },
        { type: 'route', team: 'partners' },
      ],
    },
    {
      name: 'vip complaint',
      priority: 110,
      mode: 'enforce',
      conditions: {
        all: [{ tier: { in: ['vip', 'gold'] } }, { keywords: { list: ['投诉', '12315', '律师'] } }],
      },
      actions: [
        { type: 'set_priority', priority: 'P1' },
        { type: 'route', team: 'vip-care' },
        { type: 'auto_reply', text: '已为您加急处理', textEn: 'We are on it' },
      ],
    },
    {
      name: 'night mail',
      priority: 100,
      mode: 'enforce',
      conditions: {
        all: [
          { timeOfDay: { from: '22:00', to: '06:00', timeZone: 'Asia/Shanghai' } },
          { channel: { in: ['email', 'app'] } },
        ],
      },
      actions: [
        { type: 'auto_reply', text: '夜间留言，明早回复', textEn: 'We reply in the morning' },
        { type: 'set_priority', priority: 'P4' },
      ],
    },
    {
      name: 'exposure threats, bursts',
      priority: 100,
      mode: 'enforce',
      conditions: {
        all: [{ keywords: { list: ['曝光', 'free money'] } }, { messageCount: { gt: 2, windowSeconds: 10 } }],
      },
      actions: [
        { type: 'tag', value: 'burst' },
        { type: 'set_priority', priority: 'P3' },
      ],
    },
    {
      name: 'flood watch',
      stage: 'watch',
      priority: 90,
      mode: 'enforce',
      conditions: { messageCount: { gt: 20, windowSeconds: 3600 } },
      actions: [{ type: 'notify' }],
    },
    {
      name: 'off',
      priority: 500,
      mode: 'enforce',
      enabled: false,
      conditions: { keywords: { list: ['谢谢'] } },
      actions: [{ type: 'reject' }],
    },
    {
      name: 'rubbish off email',
      priority: 80,
      mode: 'enforce',
      conditions: { all: [{ not: { channel: { in: ['email'] } } }, { keywords: { list: ['垃圾'] } }] },
      actions: [{ type: 'drop' }, { type: 'tag', value: 'rubbish' }],
    },
    {
      name: 'shadow words',
      priority: 80,
      mode: 'shadow',
      conditions: { keywords: { list: ['Ｈｅｌｌｏ', '請問'] } },
      actions: [{ type: 'tag', value: 'hello' }],
    },
  ];
  const rules: Rule[] = [];
  for (const d of drafts) {
    rules.push(
      await app.rules.create(ctx, { stage: 'filter', ...d } as Parameters<App['rules']['create']>[1]),
    );
  }
  await app.rules.reload();
  return { senders, entries, customers, rules };
}

/** Drives the real app and the plain screener over `messages` generated messages; fails on the first difference. */
async function compare(app: App, clock: ManualClock, messages: number): Promise<void> {
  const rnd = seededRandom(SEED);
  const world = await buildWorld(app, clock, rnd);
  const consent = app.consent;
  const plain = new PlainScreener(world.entries, world.customers, world.rules, (text, identifiers) => {
    const intent = consent.keywordIntent(text, normalizeText(text));
    if (!intent) return null;
    const matcher = consent.matcher;
    const replies = matcher.settings.replies;
    const locale = replyLocale(text, identifiers, 'CN', matcher.isBareKeyword(text));
    const reply = (
      intent === 'opt_out' ? replies.optOut : intent === 'opt_in' ? replies.optIn : replies.question
    )[locale];
    return { intent, reply };
  });
  const totalWeight = world.senders.reduce((n, s) => n + s.weight, 0);
  const pickSender = (): Sender => {
    let w = rnd() * totalWeight;
    for (const s of world.senders) {
      w -= s.weight;
      if (w < 0) return s;
    }
    return world.senders[world.senders.length - 1] as Sender;
  };
  const recent: string[] = [];
  const tally = { decisions: new Map<string, number>(), ruleReasons: 0, limitReasons: 0 };
  for (let i = 0; i < messages; i++) {
    // Time: mostly steps on a 250 ms grid (so events fall exactly a window apart, where an
    // off-by-one in "counts for exactly windowMs" shows), sometimes the same millisecond or
    // an odd step off the grid, now and then a long quiet spell.
    const r = rnd();
    clock.advance(
      r < 0.15
        ? 0
        : r < 0.9
          ? 250 * (1 + Math.floor(rnd() * 2))
          : r < 0.995
            ? Math.floor(rnd() * 400)
            : Math.floor(rnd() * 900_000),
    );
    const sender = pickSender();
    let chosen = sender.ids.filter(() => rnd() < 0.6);
    if (chosen.length === 0) chosen = [sender.ids[Math.floor(rnd() * sender.ids.length)] as Spelling];
    const from: Record<string, string> = {};
    for (const s of chosen) from[s.type] = s.raws[Math.floor(rnd() * s.raws.length)] as string;
    let text: string;
    const t = rnd();
    if (t < 0.25 && recent.length) text = recent[Math.floor(rnd() * recent.length)] as string;
    else if (t < 0.255) text = optTexts[Math.floor(rnd() * optTexts.length)] as string;
    else {
      const parts: string[] = [];
      for (let k = 1 + Math.floor(rnd() * 5); k > 0; k--)
        parts.push(fragments[Math.floor(rnd() * fragments.length)] as string);
      text = parts.join(rnd() < 0.5 ? '' : ' ');
      recent.push(text);
      if (recent.length > 50) recent.shift();
    }
    const channel = channels[Math.floor(rnd() * channels.length)] as string;
    const source = sources[Math.floor(rnd() * sources.length)] as string | null;

    const fast = await app.screening.screen({ channel, source, from, text }, { record: false });
    const expected = plain.screen({
      channel,
      source,
      text,
      identifiers: chosen.map((s) => s.canonical),
      now: clock.now(),
    });
    const got: PlainResult = {
      decision: fast.decision,
      reasons: fast.reasons.map((x) => ({
        kind: x.kind,
        ...(x.id ? { id: x.id } : {}),
        ...(x.mode ? { mode: x.mode } : {}),
      })),
      actions: fast.actions,
    };
    const want: PlainResult = {
      ...expected,
      reasons: expected.reasons.map((x) => ({
        kind: x.kind,
        ...(x.id ? { id: x.id } : {}),
        ...(x.mode ? { mode: x.mode } : {}),
      })),
    };
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      const message = JSON.stringify({
        channel,
        source,
        from,
        text,
        at: new Date(clock.now()).toISOString(),
      });
      expect(got, `seed ${SEED}, message ${i}: ${message}`).toEqual(want);
    }
    tally.decisions.set(got.decision, (tally.decisions.get(got.decision) ?? 0) + 1);
    for (const x of got.reasons) {
      if (x.kind === 'rule') tally.ruleReasons++;
      if (x.kind === 'limit') tally.limitReasons++;
    }
  }
  // The run exercised what it claims to: every decision, many rule and limit reasons.
  for (const d of ['allow', 'block', 'limit', 'restrict', 'drop', 'quarantine', 'spam'])
    expect(tally.decisions.get(d) ?? 0, `decision ${d}`).toBeGreaterThan(messages / 1000);
  expect(tally.ruleReasons).toBeGreaterThan(messages / 10);
  expect(tally.limitReasons).toBeGreaterThan(messages / 1000);
}

/** A real app on a fresh SQLite file (and Redis, given its URL), on a manual clock. */
function appOn(env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'warden-fast-vs-plain-'));
  const clock = new ManualClock(START);
  const held: { app?: App } = {};
  beforeAll(async () => {
    held.app = await createApp(loadConfig({ WARDEN_DATA_DIR: dir, WARDEN_LOG_LEVEL: 'silent', ...env }), {
      log: createLogger('silent'),
      clock,
    });
  }, 60_000);
  afterAll(async () => {
    await held.app?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { clock, app: () => held.app as App };
}

describe('screening, fast path against a plain one', () => {
  const { app, clock } = appOn({});
  test(`decides the same on ${MESSAGES.toLocaleString('en')} generated messages (seed ${SEED})`, async () => {
    await compare(app(), clock, MESSAGES);
  }, 120_000);
});

// The same against the cluster's counters: Redis answers through hit() on string keys (no memory fast path).
describe.runIf(findBinary('redis-server'))('screening on Redis counters, against the plain one', () => {
  let redis: RedisServer | null = null;
  const url = { value: '' };
  beforeAll(async () => {
    redis = await startRedis();
    url.value = redis?.url ?? '';
  }, 30_000);
  afterAll(async () => {
    await redis?.stop();
  });
  test(`decides the same on ${REDIS_MESSAGES.toLocaleString('en')} messages (seed ${SEED})`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-fast-vs-plain-redis-'));
    const clock = new ManualClock(START);
    const app = await createApp(
      loadConfig({ WARDEN_DATA_DIR: dir, WARDEN_LOG_LEVEL: 'silent', WARDEN_REDIS_URL: url.value }),
      { log: createLogger('silent'), clock },
    );
    try {
      await compare(app, clock, REDIS_MESSAGES);
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
