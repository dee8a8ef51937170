import { describe, expect, it } from 'vitest';
import { extractFeatures, normaliseForSpam } from './features.js';

/** The features of a text as a sorted list, so two texts can be compared as bags. */
const bag = (text: string): number[] => {
  const { buckets, count } = extractFeatures(text, 18);
  return Array.from(buckets.subarray(0, count)).sort((a, b) => a - b);
};

describe('normaliseForSpam', () => {
  it.each([
    ['Ｆｒｅｅ　ＣＡＬＬ', 'free call'],
    ['Visit http://t.cn/Ab3点击领取', 'visit \ue001点击领取'],
    ['go to WWW.Example.com now', 'go to \ue001 now'],
    ['shop123.cn/x?y=1 today', '\ue001 today'],
    ['3.5 pounds', '3.5 pounds'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseForSpam(input)).toBe(expected);
  });
});

describe('extractFeatures reads evasions and masks the same as the plain text', () => {
  it.each([
    ['退-款', '退款'],
    ['退 款', '退款'],
    ['退\u200b款', '退款'],
    ['退·款', '退款'],
    ['ＦＲＥＥ ｃａｌｌ', 'free call'],
    ['fr\u200bee call', 'free call'],
    ['call 08452810075', 'call 07700900123'],
    ['金城路xxx号', '金城路123号'],
    ['x月x日开业', '3月5日开业'],
    ['价格xx.xx元', '价格19.90元'],
    ['点击 http://a.com/x 领取', '点击 www.b.cn 领取'],
    ["don't", 'dont'],
    ['win!!!!!!!', 'win!!!'],
  ])('%j ≡ %j', (a, b) => {
    expect(bag(a)).toEqual(bag(b));
  });

  it.each([
    ['退款', '款退'],
    ['call 12', 'call 12345'],
    ['box', 'bo'],
    ['2 x 3', '2 3'],
  ])('%j ≠ %j', (a, b) => {
    expect(bag(a)).not.toEqual(bag(b));
  });

  it('keeps bucket indices inside the table', () => {
    const { buckets, count } = extractFeatures('混合 mixed 文本 with 😀 emoji 123', 12);
    expect(count).toBeGreaterThan(0);
    for (const b of buckets.subarray(0, count)) expect(b).toBeLessThan(1 << 12);
  });

  it('gives an empty text no features', () => {
    expect(extractFeatures('  \u200b ', 18).count).toBe(0);
  });
});
