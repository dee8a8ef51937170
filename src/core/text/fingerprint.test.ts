import { describe, expect, it } from 'vitest';
import {
  exactKey,
  hammingDistance,
  isNearDuplicate,
  NEAR_DUPLICATE_MAX_DISTANCE,
  simHash,
} from './fingerprint.js';
import { normalizeText } from './normalize.js';

const base =
  '您好，我上周在贵店购买的商品至今未发货，订单号20261123001，客服也不回复，再不处理退款我就去12315投诉并在微博曝光';

describe('exactKey', () => {
  it.each([
    ['退 款', '退款'],
    ['ＦＲＥＥ money', 'free-money'],
    ['投訴', '投诉'],
  ])('%j and %j get the same key after normalisation', (a, b) => {
    expect(exactKey(normalizeText(a))).toBe(exactKey(normalizeText(b)));
  });

  it('is 16 hex characters and differs for different texts', () => {
    const key = exactKey('退款');
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(exactKey('退款')).not.toBe(exactKey('退欵'));
    expect(exactKey('ab')).not.toBe(exactKey('ba'));
    expect(exactKey('')).not.toBe(exactKey('a'));
  });

  it('has no collisions among 50,000 distinct short texts', () => {
    const keys = new Set<string>();
    for (let i = 0; i < 50_000; i++) keys.add(exactKey(`订单${i}`));
    expect(keys.size).toBe(50_000);
  });
});

describe('simHash', () => {
  it.each([
    ['same text', base],
    ['changed order number', base.replace('20261123001', '20261123002')],
    ['one character changed', base.replace('微博', '抖音')],
    ['punctuation and spacing only', base.replace(/，/g, ' , ')],
    ['traditional characters', base.replace('发货', '發貨').replace('投诉', '投訴')],
  ])('%s is a near duplicate', (_name, variant) => {
    const a = simHash(normalizeText(base));
    const b = simHash(normalizeText(variant));
    expect(hammingDistance(a, b)).toBeLessThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE);
    expect(isNearDuplicate(a, b)).toBe(true);
  });

  it.each([
    [
      'another complaint',
      '快递三天了还没到，物流信息一直不更新，请尽快帮我查一下包裹到底在哪里，谢谢你们的客服',
    ],
    ['spam', '恭喜您获得免费大奖，点击链接领取888元现金红包，加微信好友即可到账，名额有限先到先得'],
    ['English', 'Your order has shipped and will arrive within three business days, track it in the app'],
  ])('%s is not a near duplicate', (_name, other) => {
    const a = simHash(normalizeText(base));
    const b = simHash(normalizeText(other));
    expect(hammingDistance(a, b)).toBeGreaterThan(NEAR_DUPLICATE_MAX_DISTANCE);
    expect(isNearDuplicate(a, b)).toBe(false);
  });

  it('returns unsigned 32-bit halves and handles tiny inputs', () => {
    for (const text of ['', 'a', 'ab', base]) {
      const { hi, lo } = simHash(text);
      expect(hi >>> 0).toBe(hi);
      expect(lo >>> 0).toBe(lo);
    }
    expect(simHash('')).toEqual({ hi: 0, lo: 0 });
    expect(simHash('退')).not.toEqual(simHash('款'));
  });

  it('measures distance over all 64 bits', () => {
    expect(hammingDistance({ hi: 0, lo: 0 }, { hi: 0xffffffff, lo: 0xffffffff })).toBe(64);
    expect(hammingDistance({ hi: 1, lo: 0 }, { hi: 0, lo: 0x80000000 })).toBe(2);
  });
});
