import { describe, expect, it } from 'vitest';
import { compile } from './aho-corasick.js';
import { normalizeText } from './normalize.js';

/** The oracle: every keyword id whose normalised form occurs in the normalised text. */
function naive(keywords: readonly string[], normalisedText: string): number[] {
  const ids: number[] = [];
  keywords.forEach((keyword, id) => {
    const k = normalizeText(keyword);
    if (k.length > 0 && normalisedText.includes(k)) ids.push(id);
  });
  return ids;
}

function sorted(ids: number[]): number[] {
  return [...ids].sort((a, b) => a - b);
}

// mulberry32: a fixed seed makes the property loop reproducible.
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('compile / matchAll', () => {
  it.each([
    ['overlapping', ['he', 'she', 'his', 'hers'], 'ushers', ['he', 'she', 'hers']],
    ['overlapping, none', ['he', 'she', 'his', 'hers'], 'xyz', []],
    ['prefix of another', ['退款', '退款申请', '退'], '我要退款申请', ['退', '退款', '退款申请']],
    ['prefix only', ['退款申请'], '我要退款', []],
    ['CJK', ['退款', '投诉', '12315', '曝光'], '再不退款就去12315投诉', ['退款', '12315', '投诉']],
    ['evasion in text', ['退款', '加微信'], normalizeText('退 款 加-微-信'), ['退款', '加微信']],
    ['traditional keyword', ['投訴', '發貨'], normalizeText('投诉没发货'), ['发货', '投诉']],
    [
      'English normalised',
      ['Free Money', 'STOP'],
      normalizeText('f.r.e.e money, stop!'),
      ['freemoney', 'stop'],
    ],
    ['empty text', ['a', '退款'], '', []],
    ['keyword equal to text', ['退款'], '退款', ['退款']],
    ['repeated occurrence reported once', ['ab'], 'ababab', ['ab']],
  ])('%s', (_name, keywords, text, expected) => {
    const matcher = compile(keywords);
    const found = matcher.matchAll(text).map((id) => matcher.normalisedKeyword(id));
    expect([...found].sort()).toEqual([...expected].sort());
  });

  it('reports every id of duplicate keywords', () => {
    const matcher = compile(['退款', '退 款', 'refund', '退-款']);
    expect(sorted(matcher.matchAll('请退款'))).toEqual([0, 1, 3]);
  });

  it('ignores keywords that normalise to nothing and lists them', () => {
    const matcher = compile(['!!!', '退款', ' ']);
    expect(matcher.emptyKeywordIds).toEqual([0, 2]);
    expect(matcher.matchAll('!!! 退款')).toEqual([1]);
  });

  it('handles an empty keyword list', () => {
    const matcher = compile([]);
    expect(matcher.matchAll('anything')).toEqual([]);
    expect(matcher.hasAny('anything')).toBe(false);
    expect(matcher.matchFirst('anything')).toBe(-1);
  });

  it('maps ids back to keywords', () => {
    const matcher = compile(['ＦＲＥＥ', '投訴']);
    expect(matcher.size).toBe(2);
    expect(matcher.keyword(0)).toBe('ＦＲＥＥ');
    expect(matcher.normalisedKeyword(0)).toBe('free');
    expect(matcher.normalisedKeyword(1)).toBe('投诉');
    expect(() => matcher.keyword(2)).toThrow(RangeError);
  });

  it('matches astral keywords on surrogate pairs', () => {
    const matcher = compile(['𠮷野家']);
    expect(matcher.matchAll(normalizeText('去𠮷野家吃饭'))).toEqual([0]);
    expect(matcher.matchAll(normalizeText('去吉野家吃饭'))).toEqual([]);
  });

  it('agrees with a naive indexOf oracle on random keyword sets and texts', () => {
    const next = random(20261123);
    // Small alphabets force deep overlaps and long failure chains.
    const alphabets = ['ab', 'abc', 'abcdefgh', '退款投诉发货微信加', 'ab退款12'];
    for (let round = 0; round < 300; round++) {
      const alphabet = alphabets[round % alphabets.length] as string;
      const pick = (): string => alphabet[Math.floor(next() * alphabet.length)] as string;
      const keywords: string[] = [];
      const keywordCount = 1 + Math.floor(next() * 40);
      for (let k = 0; k < keywordCount; k++) {
        let keyword = '';
        const length = 1 + Math.floor(next() * 6);
        for (let j = 0; j < length; j++) keyword += pick();
        keywords.push(keyword);
      }
      const matcher = compile(keywords);
      for (let t = 0; t < 10; t++) {
        let text = '';
        const length = Math.floor(next() * 60);
        for (let j = 0; j < length; j++) text += next() < 0.1 ? 'z' : pick();
        const expected = naive(keywords, text);
        expect(sorted(matcher.matchAll(text))).toEqual(expected);
        expect(matcher.hasAny(text)).toBe(expected.length > 0);
        const first = matcher.matchFirst(text);
        if (expected.length === 0) expect(first).toBe(-1);
        else expect(expected).toContain(first);
      }
    }
  });

  it('agrees with the oracle on a large CJK and English list', () => {
    const next = random(7);
    const cjk = '的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生';
    const latin = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const keywords: string[] = [];
    for (let k = 0; k < 2000; k++) {
      const pool = next() < 0.6 ? cjk : latin;
      let keyword = '';
      const length = 2 + Math.floor(next() * 4);
      for (let j = 0; j < length; j++) keyword += pool[Math.floor(next() * pool.length)];
      keywords.push(keyword);
    }
    const matcher = compile(keywords);
    for (let t = 0; t < 200; t++) {
      let text = '';
      const length = 20 + Math.floor(next() * 280);
      for (let j = 0; j < length; j++) {
        const pool = next() < 0.6 ? cjk : latin;
        text += pool[Math.floor(next() * pool.length)];
      }
      expect(sorted(matcher.matchAll(text))).toEqual(naive(keywords, text));
    }
  });

  it('returns the earliest-ending match from matchFirst', () => {
    const matcher = compile(['投诉', '退款']);
    expect(matcher.matchFirst('先退款再投诉')).toBe(1);
  });
});
