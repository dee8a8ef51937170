import { describe, expect, it } from 'vitest';
import { normalizeText } from '../core/text/normalize.js';
import { defaultOptOutSettings, type OptIntent, OptOutMatcher, replyLocale } from './opt-out.js';

const matcher = new OptOutMatcher(
  defaultOptOutSettings({
    optOutKeywords: ['STOP', 'UNSUBSCRIBE', '退订', 'TD', 'T', 'N', '取消订阅'],
    optInKeywords: ['START', '订阅'],
  }),
);

describe('OptOutMatcher.intent', () => {
  it.each<[string, OptIntent | null]>([
    // whole-message keywords, as before
    ['退订', 'opt_out'],
    ['TD', 'opt_out'],
    ['td', 'opt_out'],
    ['ＴＤ', 'opt_out'],
    [' stop ', 'opt_out'],
    ['STOP.', 'opt_out'],
    ['N', 'opt_out'],
    ['取消订阅', 'opt_out'],
    ['订阅', 'opt_in'],
    ['START', 'opt_in'],
    // phrases inside a short message
    ['请退订，不要再发了', 'opt_out'],
    ['退订谢谢', 'opt_out'],
    ['請退訂', 'opt_out'],
    ['不要再发了', 'opt_out'],
    ['别再给我发了，烦死了', 'opt_out'],
    ['我要投诉你们一直发短信，退订', 'opt_out'],
    ['一直退订不了', 'opt_out'],
    ['stop sending me this', 'opt_out'],
    ['Stop texting me!!', 'opt_out'],
    ['STOP please', 'opt_out'],
    ['I want to unsubscribe', 'opt_out'],
    ['remove me from your list', 'opt_out'],
    ['no more texts, thanks', 'opt_out'],
    ['重新订阅', 'opt_in'],
    ['subscribe again please', 'opt_in'],
    // must NOT opt out: negated
    ['我不想退订', null],
    ['不要退订', null],
    ['别退订我', null],
    ["don't stop", null],
    ["please don't unsubscribe me", null],
    ['I do not want to opt out', null],
    // must NOT opt out: questions get a hint how, and nothing changes
    ['怎么退订不了？', 'opt_out_question'],
    ['怎么退订', 'opt_out_question'],
    ['退订会影响订单通知吗？', 'opt_out_question'],
    ['how do I unsubscribe?', 'opt_out_question'],
    // must NOT opt out: the words mean something else
    ['请不要 stop 发货', null],
    ['my order got stopped at customs', null],
    ['the bus stop is far', null],
    ['no', null],
    ['你们的快递什么时候到', null],
    ['订单已取消，退款呢', null],
    // long messages are read whole only
    [`${'我的订单一直没有发货，客服也不回复，'.repeat(3)}退订`, null],
  ])('%j → %s', (text, expected) => {
    expect(matcher.intent(text)).toBe(expected);
    // Screening passes its normalised text; the answer is the same.
    expect(matcher.intent(text, normalizeText(text))).toBe(expected);
  });

  it('uses the team’s own words once they are in the settings', () => {
    const custom = new OptOutMatcher({
      ...defaultOptOutSettings({ optOutKeywords: ['退订'], optInKeywords: ['订阅'] }),
      optOutPhrases: ['别烦我'],
    });
    expect(custom.intent('别烦我了谢谢')).toBe('opt_out');
    expect(custom.intent('stop sending me this')).toBeNull();
  });
});

describe('replyLocale', () => {
  const phone = (value: string) => [{ type: 'phone' as const, value }];
  it.each<[string, string, boolean, 'zh-CN' | 'en']>([
    ['TD', '+8613800138000', true, 'zh-CN'],
    ['TD', '+14155552671', true, 'en'],
    ['N', '+85291234567', true, 'zh-CN'],
    ['T', '+447911123456', true, 'en'],
    ['STOP', '+8613800138000', true, 'en'],
    ['请退订', '+14155552671', false, 'zh-CN'],
    ['stop sending me this', '+8613800138000', false, 'en'],
  ])('%s from %s (bare %s) → %s', (text, number, bare, expected) => {
    expect(replyLocale(text, phone(number), 'CN', bare)).toBe(expected);
  });

  it('falls back to the default region without a phone number', () => {
    expect(replyLocale('TD', [{ type: 'open_id', value: 'o-1' }], 'CN', true)).toBe('zh-CN');
    expect(replyLocale('TD', [{ type: 'open_id', value: 'o-1' }], 'US', true)).toBe('en');
  });
});
