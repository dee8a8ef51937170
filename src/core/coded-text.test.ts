import { describe, expect, test } from 'vitest';
import { blocklistReasonCode, deliveryErrorCode, ruleDetailCode, screenReasonCode } from './coded-text.js';

describe('server text as codes', () => {
  test.each([
    ['messageCount 51 > 50 in 86400s', 'rule.message_count', { count: 51, gt: 50, windowSeconds: 86400 }],
    ['keywords: 加微信, 刷单', 'rule.keywords', { words: '加微信, 刷单' }],
    [
      'duplicate: 3 earlier copies in 600s (all, near)',
      'rule.duplicate',
      { count: 3, windowSeconds: 600, scope: 'all', near: true },
    ],
    [
      'duplicate: 1 earlier copy in 60s (sender)',
      'rule.duplicate',
      { count: 1, windowSeconds: 60, scope: 'sender', near: false },
    ],
    ['spamScore 0.93 ≥ 0.8', 'rule.spam_score', { score: 0.93, gte: 0.8 }],
    ['sentiment -0.7 ≤ -0.5', 'rule.sentiment', { sentiment: -0.7, lte: -0.5 }],
    ['timeOfDay 23:10 in 22:00–06:00', 'rule.time_of_day', { time: '23:10', range: '22:00–06:00' }],
    ['regex /\\d{6}/i matched', 'rule.regex', { pattern: '/\\d{6}/i' }],
    ['channel sms', 'rule.attribute', { attribute: 'channel', value: 'sms' }],
    ['level 1: full block', 'blocklist.full_block', {}],
    ['level 2: more than 5 messages in 86400s', 'blocklist.over_limit', { max: 5, windowSeconds: 86400 }],
    ['level 3: sms is not an allowed channel', 'blocklist.channel_not_allowed', { channel: 'sms' }],
    ['something new', 'text', { text: 'something new' }],
  ])('%s', (detail, code, params) => {
    expect(ruleDetailCode(detail)).toEqual({ code, params });
  });

  test('a rule-made reason is coded, a person’s own words are text', () => {
    expect(
      blocklistReasonCode('rule "短时间大量消息": messageCount 51 > 50 in 86400s', 'rule:rul_1'),
    ).toEqual({
      code: 'blocklist.rule_added',
      params: {
        rule: '短时间大量消息',
        ruleId: 'rul_1',
        details: [{ code: 'rule.message_count', params: { count: 51, gt: 50, windowSeconds: 86400 } }],
      },
    });
    expect(blocklistReasonCode('rule "x": y', 'manual')).toEqual({
      code: 'text',
      params: { text: 'rule "x": y' },
    });
  });

  test('screening reasons', () => {
    expect(
      screenReasonCode({ kind: 'rule', detail: 'keywords: 加微信; messageCount 51 > 50 in 86400s' }),
    ).toEqual({
      code: 'screen.rule',
      params: {
        details: [
          { code: 'rule.keywords', params: { words: '加微信' } },
          { code: 'rule.message_count', params: { count: 51, gt: 50, windowSeconds: 86400 } },
        ],
      },
    });
    expect(screenReasonCode({ kind: 'limit', detail: 'level 2: more than 5 messages in 86400s' })).toEqual({
      code: 'blocklist.over_limit',
      params: { max: 5, windowSeconds: 86400 },
    });
    expect(screenReasonCode({ kind: 'opt_out', detail: 'marketing opt-out recorded' }).code).toBe(
      'screen.opt_out',
    );
    expect(screenReasonCode({ kind: 'blocklist', detail: 'something new' })).toEqual({
      code: 'text',
      params: { text: 'something new' },
    });
  });

  test('delivery errors', () => {
    expect(deliveryErrorCode(null)).toBeNull();
    expect(deliveryErrorCode('channel not configured')).toEqual({
      code: 'delivery.not_configured',
      params: {},
    });
    expect(deliveryErrorCode('no recipient for sms')?.code).toBe('delivery.no_recipient');
    expect(deliveryErrorCode('no recipient e-mail address')).toEqual({
      code: 'delivery.no_recipient',
      params: { channel: 'email' },
    });
    expect(deliveryErrorCode('no answer within 10 s')).toEqual({
      code: 'delivery.timeout',
      params: { seconds: 10 },
    });
    expect(deliveryErrorCode('HTTP 503 busy')).toEqual({
      code: 'delivery.http_status',
      params: { status: 503, text: 'busy' },
    });
    expect(deliveryErrorCode('template ack needs a value for {reference}')).toEqual({
      code: 'delivery.template',
      params: { template: 'ack', field: 'reference' },
    });
    expect(deliveryErrorCode('the customer was erased')?.code).toBe('delivery.customer_erased');
    expect(deliveryErrorCode('SMTP 550 mailbox unavailable')).toEqual({
      code: 'delivery.failed',
      params: { text: 'SMTP 550 mailbox unavailable' },
    });
  });
});
