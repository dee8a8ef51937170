import { describe, expect, it } from 'vitest';
import { KeywordCompiler } from '../core/text/keyword-compiler.js';
import { normalizeText } from '../core/text/normalize.js';
import { compileRules, compileRulesAsync } from './compiler.js';
import type { Condition, Rule, RuleInput } from './model.js';

// 2026-11-23 02:13 in Asia/Shanghai (UTC+8) is 2026-11-22 18:13 UTC.
const AT_0213_SHANGHAI = Date.UTC(2026, 10, 22, 18, 13);
const AT_1500_SHANGHAI = Date.UTC(2026, 10, 23, 7, 0);

function rule(id: string, conditions: Condition, extra: Partial<Rule> = {}): Rule {
  return {
    id,
    name: `rule ${id}`,
    stage: 'filter',
    mode: 'enforce',
    enabled: true,
    priority: 100,
    conditions,
    actions: [{ type: 'mark_spam' }],
    version: 1,
    ...extra,
  };
}

/** A message as the pipeline hands it over: normalised once by the caller. */
function input(text: string, extra: Partial<RuleInput> = {}): RuleInput {
  return {
    channel: 'sms',
    source: 'aliyun-sms',
    normalized: normalizeText(text),
    text,
    identifiers: [{ type: 'phone', value: '+8613800138000' }],
    customerTier: 'standard',
    senderKey: 'cus_1',
    now: AT_1500_SHANGHAI,
    messageCounts: new Map(),
    duplicates: new Map(),
    spamScore: () => 0.1,
    sentiment: () => 0,
    ...extra,
  };
}

const matches = (conditions: Condition, message: RuleInput) =>
  compileRules([rule('r1', conditions)]).evaluate(message).length === 1;

describe('condition leaves', () => {
  const counts = new Map([[86_400, 51]]);
  const dups = new Map([['sender:3600:exact', 3]]);
  it.each<[string, Condition, RuleInput, boolean]>([
    ['keywords hit', { keywords: { list: ['加微信', '刷单'] } }, input('兼职刷单日结'), true],
    ['keywords miss', { keywords: { list: ['加微信', '刷单'] } }, input('你好，请问发货了吗'), false],
    ['regex hit', { regex: { pattern: '1[3-9]\\d{9}' } }, input('call 13800138000'), true],
    ['regex miss', { regex: { pattern: '1[3-9]\\d{9}' } }, input('call me'), false],
    ['regex sees the raw text', { regex: { pattern: '加 微 信' } }, input('加 微 信'), true],
    ['channel hit', { channel: { in: ['sms', 'chat'] } }, input('x'), true],
    ['channel miss', { channel: { in: ['email'] } }, input('x'), false],
    ['source hit', { source: { in: ['aliyun-sms'] } }, input('x'), true],
    ['source null', { source: { in: ['aliyun-sms'] } }, input('x', { source: null }), false],
    ['identifierType hit', { identifierType: { in: ['email', 'phone'] } }, input('x'), true],
    ['identifierType miss', { identifierType: { in: ['open_id'] } }, input('x'), false],
    ['tier hit', { tier: { in: ['vip'] } }, input('x', { customerTier: 'vip' }), true],
    ['tier unknown sender', { tier: { in: ['vip'] } }, input('x', { customerTier: null }), false],
    [
      'messageCount over',
      { messageCount: { gt: 50, windowSeconds: 86_400 } },
      input('x', { messageCounts: counts }),
      true,
    ],
    [
      'messageCount at',
      { messageCount: { gt: 51, windowSeconds: 86_400 } },
      input('x', { messageCounts: counts }),
      false,
    ],
    [
      'messageCount not measured',
      { messageCount: { gt: 0, windowSeconds: 60 } },
      input('x', { messageCounts: counts }),
      false,
    ],
    [
      'duplicate hit',
      { duplicate: { windowSeconds: 3600, scope: 'sender' } },
      input('x', { duplicates: dups }),
      true,
    ],
    [
      'duplicate minCount',
      { duplicate: { windowSeconds: 3600, scope: 'sender', minCount: 4 } },
      input('x', { duplicates: dups }),
      false,
    ],
    [
      'duplicate other scope',
      { duplicate: { windowSeconds: 3600, scope: 'all' } },
      input('x', { duplicates: dups }),
      false,
    ],
    ['spamScore hit', { spamScore: { gte: 0.9 } }, input('x', { spamScore: () => 0.97 }), true],
    ['spamScore miss', { spamScore: { gte: 0.9 } }, input('x'), false],
    ['sentiment hit', { sentiment: { lte: -0.5 } }, input('x', { sentiment: () => -0.8 }), true],
    ['sentiment miss', { sentiment: { lte: -0.5 } }, input('x'), false],
    [
      'timeOfDay hit',
      { timeOfDay: { from: '00:00', to: '06:00' } },
      input('x', { now: AT_0213_SHANGHAI }),
      true,
    ],
    ['timeOfDay miss', { timeOfDay: { from: '00:00', to: '06:00' } }, input('x'), false],
    [
      'timeOfDay wraps midnight',
      { timeOfDay: { from: '22:00', to: '03:00' } },
      input('x', { now: AT_0213_SHANGHAI }),
      true,
    ],
    [
      'timeOfDay other zone',
      { timeOfDay: { from: '00:00', to: '06:00', timeZone: 'UTC' } },
      input('x', { now: AT_0213_SHANGHAI }),
      false,
    ],
  ])('%s', (_name, conditions, message, expected) => {
    expect(matches(conditions, message)).toBe(expected);
  });
});

describe('all / any / not', () => {
  const kw: Condition = { keywords: { list: ['退款'] } };
  const sms: Condition = { channel: { in: ['sms'] } };
  const email: Condition = { channel: { in: ['email'] } };
  it.each<[string, Condition, string, boolean]>([
    ['all true', { all: [kw, sms] }, '我要退款', true],
    ['all one false', { all: [kw, email] }, '我要退款', false],
    ['any one true', { any: [email, kw] }, '我要退款', true],
    ['any none', { any: [email, kw] }, '你好', false],
    ['not keyword (absent)', { all: [sms, { not: kw }] }, '你好', true],
    ['not keyword (present)', { all: [sms, { not: kw }] }, '退 款', false],
    ['not any', { not: { any: [email, kw] } }, '你好', true],
    [
      'nested',
      { any: [{ all: [email, kw] }, { all: [sms, { not: { keywords: { list: ['订单'] } } }, kw] }] },
      '退款',
      true,
    ],
    [
      'gated any needs one of its keywords',
      { any: [kw, { keywords: { list: ['投诉'] } }] },
      '我要投诉',
      true,
    ],
  ])('%s', (_name, conditions, text, expected) => {
    expect(matches(conditions, input(text))).toBe(expected);
  });
});

describe('evasive spellings match through the caller’s normalisation', () => {
  const adRule = compileRules([rule('ad', { keywords: { list: ['加微信'] } })]);
  it.each([
    ['加微信'],
    ['加 微 信'],
    ['加-微-信'],
    ['加\u200b微\u200b信'],
    ['ｆｒｅｅ 加．微．信'],
    ['加微信'], // traditional
    ['請加 微 信 聯繫'],
  ])('%s', (text) => {
    expect(adRule.evaluate(input(text)).map((m) => m.ruleId)).toEqual(['ad']);
  });

  it('normalises the keyword list too (full width, traditional, English case)', () => {
    const set = compileRules([rule('en', { keywords: { list: ['ＦＲＥＥ Money', '退款'] } })]);
    expect(set.evaluate(input('get free-money now'))).toHaveLength(1);
    expect(set.evaluate(input('我要退 款'))).toHaveLength(1);
  });
});

describe('the rule set', () => {
  it('reports matches in priority order, then by id, with shadow rules marked', () => {
    const kw: Condition = { keywords: { list: ['退款'] } };
    const set = compileRules([
      rule('b', kw, { priority: 10 }),
      rule('z', { channel: { in: ['sms'] } }, { priority: 50 }),
      rule('a', kw, { priority: 10, mode: 'shadow' }),
      rule('off', kw, { priority: 1000, enabled: false }),
      rule('top', { keywords: { list: ['退款', '投诉'] } }, { priority: 200, stage: 'watch' }),
    ]);
    expect(set.size).toBe(4);
    expect(set.ruleIds).toEqual(['top', 'z', 'a', 'b']);
    const result = set.evaluate(input('我要退款'));
    expect(result.map((m) => [m.ruleId, m.mode, m.stage])).toEqual([
      ['top', 'enforce', 'watch'],
      ['z', 'enforce', 'filter'],
      ['a', 'shadow', 'filter'],
      ['b', 'enforce', 'filter'],
    ]);
    expect(result[0]?.details).toEqual(['keywords: 退款']);
  });

  it('returns the same frozen empty array when nothing matches', () => {
    const set = compileRules([rule('r', { keywords: { list: ['退款'] } })]);
    const a = set.evaluate(input('你好'));
    const b = set.evaluate(input('在吗'));
    expect(a).toHaveLength(0);
    expect(a).toBe(b);
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('computes needs from enabled rules only', () => {
    const set = compileRules([
      rule('a', { all: [{ messageCount: { gt: 5, windowSeconds: 3600 } }, { spamScore: { gte: 0.9 } }] }),
      rule('b', {
        any: [
          { messageCount: { gt: 50, windowSeconds: 86_400 } },
          { messageCount: { gt: 9, windowSeconds: 3600 } },
          { duplicate: { windowSeconds: 3600, scope: 'all', near: true } },
          { duplicate: { windowSeconds: 3600, scope: 'all', near: true, minCount: 3 } },
        ],
      }),
      rule('c', { sentiment: { lte: -0.5 } }, { enabled: false }),
    ]);
    expect(set.needs).toEqual({
      windows: [3600, 86_400],
      // Counting stops one past the largest threshold per window.
      countCaps: { 3600: 10, 86400: 51 },
      duplicates: [{ scope: 'all', windowSeconds: 3600, near: true }],
      spamScore: true,
      sentiment: false,
    });
  });

  it('explains each reason in words', () => {
    const set = compileRules([
      rule('r', {
        all: [
          { keywords: { list: ['加微信', '刷单', '兼职'] } },
          { messageCount: { gt: 50, windowSeconds: 86_400 } },
          { duplicate: { windowSeconds: 3600, scope: 'sender' } },
          { regex: { pattern: 'v\\d+' } },
          { spamScore: { gte: 0.9 } },
          { timeOfDay: { from: '00:00', to: '06:00' } },
          { not: { channel: { in: ['email'] } } },
        ],
      }),
    ]);
    const [match] = set.evaluate(
      input('加微信 v123 刷单', {
        now: AT_0213_SHANGHAI,
        messageCounts: new Map([[86_400, 51]]),
        duplicates: new Map([['sender:3600:exact', 3]]),
        spamScore: () => 0.97,
      }),
    );
    expect(match?.details).toEqual([
      'keywords: 加微信, 刷单',
      'messageCount 51 > 50 in 86400s',
      'duplicate: 3 earlier copies in 3600s (sender)',
      'regex /v\\d+/ matched',
      'spamScore 0.97 ≥ 0.9',
      'timeOfDay 02:13 in 00:00–06:00 Asia/Shanghai',
      'not channel in [email]',
    ]);
  });

  it('computes the spam score at most once per message, and only when asked', () => {
    let calls = 0;
    const spamScore = () => {
      calls++;
      return 0.95;
    };
    const set = compileRules([
      rule('a', { all: [{ channel: { in: ['email'] } }, { spamScore: { gte: 0.9 } }] }),
      rule('b', { spamScore: { gte: 0.9 } }),
      rule('c', { spamScore: { gte: 0.5 } }),
    ]);
    expect(set.evaluate(input('x', { spamScore }))).toHaveLength(2);
    expect(calls).toBe(1);
  });

  it('applies regexes to the first 4,000 characters only', () => {
    const set = compileRules([rule('r', { regex: { pattern: 'tail$' } })]);
    expect(set.evaluate(input(`${'a'.repeat(3996)}tail`))).toHaveLength(1);
    expect(set.evaluate(input(`${'a'.repeat(4000)}tail`))).toHaveLength(0);
  });

  it('records versions', () => {
    const one = compileRules([rule('a', { channel: { in: ['sms'] } }, { version: 3 })]);
    const two = compileRules([rule('a', { channel: { in: ['sms'] } }, { version: 4 })]);
    expect(one.ruleVersions.get('a')).toBe(3);
    expect(one.version).not.toBe(two.version);
    expect(one.version).toBe(
      compileRules([rule('a', { channel: { in: ['email'] } }, { version: 3 })]).version,
    );
  });

  it('shares one automaton among rules and handles the same keyword in many rules', () => {
    const rules = Array.from({ length: 50 }, (_, i) =>
      rule(`r${String(i).padStart(2, '0')}`, { keywords: { list: ['退款', `词${i}号`] } }, { priority: i }),
    );
    const set = compileRules(rules);
    expect(set.stats.keywords).toBe(100);
    expect(set.stats.distinctKeywords).toBe(51);
    expect(set.evaluate(input('退款'))).toHaveLength(50);
    expect(set.evaluate(input('词7号 词42号')).map((m) => m.ruleId)).toEqual(['r42', 'r07']);
  });
});

describe('compileRulesAsync', () => {
  it('evaluates exactly like compileRules with the keywords built elsewhere', async () => {
    const many = Array.from({ length: 2500 }, (_, i) => `词${i}`);
    const rules = [
      rule('kw', { keywords: { list: ['退款', ...many] } }, { priority: 10 }),
      rule('both', { all: [{ keywords: { list: ['投诉', '词42'] } }, { channel: { in: ['sms'] } }] }),
      rule('not', { not: { keywords: { list: ['你好'] } } }, { priority: 5, mode: 'shadow' }),
    ];
    const built: number[] = [];
    const compiler = new KeywordCompiler();
    try {
      const async = await compileRulesAsync(rules, (keywords) => {
        built.push(keywords.length);
        return compiler.compile(keywords);
      });
      const sync = compileRules(rules);
      expect(built).toEqual([sync.stats.distinctKeywords]);
      for (const text of ['我要退款', '投诉 词42', '你好', '词2499', '词 4 2 投 诉', 'nothing']) {
        expect(async.evaluate(input(text)), text).toEqual(sync.evaluate(input(text)));
      }
      expect(async.version).toBe(sync.version);
    } finally {
      await compiler.close();
    }
  });
});
