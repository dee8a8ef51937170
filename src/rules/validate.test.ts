import { describe, expect, it } from 'vitest';
import { isWardenError } from '../core/errors.js';
import type { Condition } from './model.js';
import { regexSafetyIssue, validateRuleDraft } from './validate.js';

const drop = [{ type: 'drop' }];

/** The error thrown by validateRuleDraft, or null. */
function failure(draft: { stage?: string; conditions: unknown; actions: unknown }) {
  try {
    validateRuleDraft(draft);
    return null;
  } catch (e) {
    if (!isWardenError(e)) throw e;
    return {
      code: e.code,
      fields: (e.errors ?? []).map((x) => x.field),
      messages: (e.errors ?? []).map((x) => x.message),
    };
  }
}

const regexIn = (pattern: string, flags?: string): Condition => ({
  all: [{ channel: { in: ['sms'] } }, { regex: flags === undefined ? { pattern } : { pattern, flags } }],
});

let nested: unknown = { channel: { in: ['sms'] } };
for (let i = 0; i < 8; i++) nested = { not: nested };

describe('validateRuleDraft rejects with the exact JSON pointer', () => {
  it.each([
    ['nested quantifier (a+)+$', regexIn('(a+)+$'), 'REGEX_UNSAFE', '/conditions/all/1/regex/pattern'],
    [
      'overlapping alternation (x|x)*y',
      regexIn('(x|x)*y'),
      'REGEX_UNSAFE',
      '/conditions/all/1/regex/pattern',
    ],
    [
      'quantified group with .* (.*a){12}',
      regexIn('(.*a){12}'),
      'REGEX_UNSAFE',
      '/conditions/all/1/regex/pattern',
    ],
    [
      'adjacent overlapping repeats \\d+\\d+$',
      regexIn('\\d+\\d+$'),
      'REGEX_UNSAFE',
      '/conditions/all/1/regex/pattern',
    ],
    ['.*a.*b', regexIn('.*a.*b'), 'REGEX_UNSAFE', '/conditions/all/1/regex/pattern'],
    ['backreference', regexIn('(a)\\1'), 'REGEX_UNSAFE', '/conditions/all/1/regex/pattern'],
    ['named backreference', regexIn('(?<x>a)\\k<x>'), 'REGEX_UNSAFE', '/conditions/all/1/regex/pattern'],
    ['bad flags', regexIn('abc', 'g'), 'VALIDATION_FAILED', '/conditions/all/1/regex/flags'],
    ['repeated flag', regexIn('abc', 'ii'), 'VALIDATION_FAILED', '/conditions/all/1/regex/flags'],
    [
      'pattern that does not compile',
      regexIn('(abc'),
      'VALIDATION_FAILED',
      '/conditions/all/1/regex/pattern',
    ],
    ['pattern too long', regexIn('a'.repeat(501)), 'VALIDATION_FAILED', '/conditions/all/1/regex/pattern'],
    [
      'empty keyword list',
      { any: [{ keywords: { list: [] } }] },
      'VALIDATION_FAILED',
      '/conditions/any/0/keywords/list',
    ],
    [
      'keyword of only punctuation',
      { keywords: { list: ['退款', '！？…', '投诉'] } },
      'VALIDATION_FAILED',
      '/conditions/keywords/list/1',
    ],
    [
      'keyword too long',
      { keywords: { list: ['x'.repeat(101)] } },
      'VALIDATION_FAILED',
      '/conditions/keywords/list/0',
    ],
    [
      'unknown leaf',
      { all: [{ channel: { in: ['sms'] } }, { colour: { in: ['red'] } }] },
      'VALIDATION_FAILED',
      '/conditions/all/1/colour',
    ],
    [
      'unknown key in a leaf',
      { channel: { in: ['sms'], exclude: true } },
      'VALIDATION_FAILED',
      '/conditions/channel/exclude',
    ],
    [
      'two keys in one node',
      { channel: { in: ['sms'] }, tier: { in: ['vip'] } },
      'VALIDATION_FAILED',
      '/conditions',
    ],
    ['depth > 8', nested, 'VALIDATION_FAILED', '/conditions/not/not/not/not/not/not/not/not'],
    ['empty all', { all: [] }, 'VALIDATION_FAILED', '/conditions/all'],
    ['channel in empty', { channel: { in: [] } }, 'VALIDATION_FAILED', '/conditions/channel/in'],
    [
      'messageCount window too long',
      { messageCount: { gt: 5, windowSeconds: 31 * 86_400 } },
      'VALIDATION_FAILED',
      '/conditions/messageCount/windowSeconds',
    ],
    [
      'messageCount gt negative',
      { messageCount: { gt: -1, windowSeconds: 60 } },
      'VALIDATION_FAILED',
      '/conditions/messageCount/gt',
    ],
    [
      'duplicate window > 7 days',
      { duplicate: { windowSeconds: 8 * 86_400, scope: 'sender' } },
      'VALIDATION_FAILED',
      '/conditions/duplicate/windowSeconds',
    ],
    [
      'duplicate bad scope',
      { duplicate: { windowSeconds: 60, scope: 'team' } },
      'VALIDATION_FAILED',
      '/conditions/duplicate/scope',
    ],
    ['spamScore > 1', { spamScore: { gte: 1.5 } }, 'VALIDATION_FAILED', '/conditions/spamScore/gte'],
    ['sentiment < -1', { sentiment: { lte: -2 } }, 'VALIDATION_FAILED', '/conditions/sentiment/lte'],
    [
      'timeOfDay bad time',
      { timeOfDay: { from: '24:00', to: '06:00' } },
      'VALIDATION_FAILED',
      '/conditions/timeOfDay/from',
    ],
    [
      'timeOfDay bad zone',
      { timeOfDay: { from: '00:00', to: '06:00', timeZone: 'Mars/Olympus' } },
      'VALIDATION_FAILED',
      '/conditions/timeOfDay/timeZone',
    ],
  ])('%s', (_name, conditions, code, field) => {
    const f = failure({ stage: 'filter', conditions, actions: drop });
    expect(f?.code).toBe(code);
    expect(f?.fields).toContain(field);
  });

  it('reports more than 200 leaves at /conditions', () => {
    const conditions = { any: Array.from({ length: 201 }, () => ({ channel: { in: ['sms'] } })) };
    expect(failure({ conditions, actions: drop })?.fields).toEqual(['/conditions']);
  });

  it('reports every problem at once, as VALIDATION_FAILED when not all are unsafe regexes', () => {
    const f = failure({
      conditions: { all: [{ regex: { pattern: '(a+)+' } }, { keywords: { list: ['——'] } }] },
      actions: [{ type: 'explode' }],
    });
    expect(f?.code).toBe('VALIDATION_FAILED');
    expect(f?.fields).toEqual([
      '/conditions/all/0/regex/pattern',
      '/conditions/all/1/keywords/list/0',
      '/actions/0/type',
    ]);
  });
});

describe('validateRuleDraft actions', () => {
  const anyCondition = { channel: { in: ['sms'] } };
  it.each([
    ['no actions', 'filter', [], '/actions'],
    ['unknown action', 'filter', [{ type: 'explode' }], '/actions/0/type'],
    ['unknown key', 'filter', [{ type: 'drop', loudly: true }], '/actions/0/loudly'],
    ['auto_reply empty text', 'filter', [{ type: 'auto_reply', text: '' }], '/actions/0/text'],
    ['auto_reply too long', 'filter', [{ type: 'auto_reply', text: 'x'.repeat(501) }], '/actions/0/text'],
    ['tag with a space', 'filter', [{ type: 'tag', value: 'ad spam' }], '/actions/0/value'],
    ['route too long', 'filter', [{ type: 'route', team: 'x'.repeat(65) }], '/actions/0/team'],
    ['set_priority P5', 'filter', [{ type: 'set_priority', priority: 'P5' }], '/actions/0/priority'],
    [
      'drop and auto_reply in a filter rule',
      'filter',
      [{ type: 'drop' }, { type: 'auto_reply', text: '好的' }],
      '/actions/1',
    ],
    [
      'blocklist level 4',
      'watch',
      [{ type: 'add_to_blocklist', level: 4, category: 'spam' }],
      '/actions/0/level',
    ],
    [
      'blocklist no category',
      'watch',
      [{ type: 'add_to_blocklist', level: 1, category: '' }],
      '/actions/0/category',
    ],
    [
      'blocklist duration too short',
      'watch',
      [{ type: 'add_to_blocklist', level: 1, category: 'spam', durationSeconds: 59 }],
      '/actions/0/durationSeconds',
    ],
    [
      'blocklist bad status',
      'watch',
      [{ type: 'add_to_blocklist', level: 1, category: 'spam', status: 'released' }],
      '/actions/0/status',
    ],
    [
      'level 2 without limit',
      'watch',
      [{ type: 'add_to_blocklist', level: 2, category: 'spam' }],
      '/actions/0/limit',
    ],
    [
      'level 3 without channels',
      'watch',
      [{ type: 'add_to_blocklist', level: 3, category: 'spam' }],
      '/actions/0/allowedChannels',
    ],
    [
      'limit on level 1',
      'watch',
      [{ type: 'add_to_blocklist', level: 1, category: 'spam', limit: { max: 5, windowSeconds: 60 } }],
      '/actions/0/limit',
    ],
  ])('%s', (_name, stage, actions, field) => {
    const f = failure({ stage, conditions: anyCondition, actions });
    expect(f?.code).toBe('VALIDATION_FAILED');
    expect(f?.fields).toContain(field);
  });

  it('allows drop with auto_reply only outside filter rules, and fills defaults', () => {
    const out = validateRuleDraft({
      stage: 'watch',
      conditions: {
        all: [
          { messageCount: { gt: 50, windowSeconds: 86_400 } },
          { timeOfDay: { from: '00:00', to: '06:00' } },
        ],
      },
      actions: [
        {
          type: 'add_to_blocklist',
          level: 2,
          category: 'harassment',
          limit: { max: 5, windowSeconds: 86_400 },
        },
        { type: 'drop' },
        { type: 'auto_reply', text: '已收到' },
      ],
    });
    expect(out.conditions).toEqual({
      all: [
        { messageCount: { gt: 50, windowSeconds: 86_400 } },
        { timeOfDay: { from: '00:00', to: '06:00', timeZone: 'Asia/Shanghai' } },
      ],
    });
    expect(out.actions[0]).toEqual({
      type: 'add_to_blocklist',
      level: 2,
      category: 'harassment',
      durationSeconds: null,
      status: 'pending',
      limit: { max: 5, windowSeconds: 86_400 },
    });
  });

  it('accepts tags and team names in Chinese', () => {
    const r = validateRuleDraft({
      stage: 'filter',
      conditions: { keywords: { list: ['退款'] } },
      actions: [
        { type: 'tag', value: '广告引流' },
        { type: 'route', team: '售后一组' },
      ],
    });
    expect(r.actions).toEqual([
      { type: 'tag', value: '广告引流' },
      { type: 'route', team: '售后一组' },
    ]);
  });

  it('accepts the DESIGN.md examples', () => {
    expect(() =>
      validateRuleDraft({
        stage: 'filter',
        conditions: {
          all: [{ keywords: { list: ['加微信', '刷单'] } }, { channel: { in: ['sms', 'chat'] } }],
        },
        actions: [{ type: 'mark_spam' }, { type: 'tag', value: 'ad' }],
      }),
    ).not.toThrow();
    expect(() =>
      validateRuleDraft({
        stage: 'watch',
        conditions: { all: [{ messageCount: { gt: 50, windowSeconds: 86400 } }] },
        actions: [
          {
            type: 'add_to_blocklist',
            level: 1,
            category: 'harassment',
            durationSeconds: 604800,
            status: 'pending',
          },
        ],
      }),
    ).not.toThrow();
  });
});

describe('regexSafetyIssue', () => {
  it.each([
    ['\\d{11}', ''],
    ['(?:加|\\+)\\s*v', 'i'],
    ['^退款.*$', ''],
    ['1[3-9]\\d{9}', ''],
    ['加\\s*微\\s*信', ''],
    ['\\w+@\\w+\\.\\w+', 'i'],
    ['(?:wx|vx|weixin)[:：]?\\s*[a-z][\\w-]{5,19}', 'i'],
    ['https?://[^\\s/]+', 'i'],
    ['\\d+-\\d+', ''],
    ['(?:\\d{3}-){2}\\d{4}', ''],
    ['[\\p{Script=Han}]{2,}', 'u'],
    ['(?=退款)', ''],
  ])('accepts %s', (pattern, flags) => {
    expect(regexSafetyIssue(pattern, flags)).toBeNull();
  });

  // A quantifier inside a lookaround is tried again at every position: `(?=.*退款)`
  // is quadratic on a long message without 退款; write `退款` instead.
  it.each([['(?=.*退款)'], ['(?<=a+)a+(?<=a+);'], ['(?!\\d+)x']])('rejects the lookaround %s', (pattern) => {
    expect(regexSafetyIssue(pattern, '')).toMatch(/lookahead or lookbehind/);
  });

  it.each([
    ['(a+)+$'],
    ['(a|a)*'],
    ['(x|x)*y'],
    ['(.*a){10}'],
    ['(?:a|ab)+c'],
    ['(a*)*'],
    ['(?:a?)+'],
    ['\\d+\\d+$'],
    ['\\s*\\s*x'],
    ['.*a.*b'],
    ['(a)\\1'],
    ['(?:\\d{1,3}\\.){3}'], // harmless, but the check is conservative
    ['(?:x|)*'],
    ['[a-z]+[m-p]+$'],
  ])('rejects %s', (pattern) => {
    expect(regexSafetyIssue(pattern, '')).not.toBeNull();
  });

  it('considers case folding with the i flag', () => {
    expect(regexSafetyIssue('(?:a|A)*', '')).toBeNull();
    expect(regexSafetyIssue('(?:a|A)*', 'i')).not.toBeNull();
  });
});
