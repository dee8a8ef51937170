import { Converter } from 'opencc-js/t2cn';
import { describe, expect, it } from 'vitest';
import { foldForAnalysis, normalizeText, normalizeWithOffsets } from './normalize.js';

describe('normalizeText', () => {
  it.each([
    // evasions inside Chinese words
    ['退 款', '退款'],
    ['退-款', '退款'],
    ['退\u200b款', '退款'],
    ['退．款', '退款'],
    ['退　款', '退款'], // ideographic space
    ['退*款', '退款'],
    ['退\u00ad款', '退款'], // soft hyphen
    ['退\u200c\u200d\u200e\u200f\u2060\ufeff款', '退款'],
    ['加 微 信', '加微信'],
    ['加🙂微💰信', '加微信'],
    // traditional → simplified
    ['退款', '退款'],
    ['發貨', '发货'],
    ['投訴', '投诉'],
    ['臺灣', '台湾'],
    ['為什麼還沒發貨', '为什么还没发货'],
    ['爲', '为'], // Hong Kong variant
    // English: case, full width, separators
    ['ＦＲＥＥ', 'free'],
    ['FREE', 'free'],
    ['f.r.e.e', 'free'],
    ['f r e e', 'free'],
    ['free money', 'freemoney'],
    ['𝐟𝐫𝐞𝐞', 'free'], // mathematical bold letters
    ['fréé', 'free'],
    ['ＳＴＯＰ！', 'stop'],
    // digits and compatibility forms
    ['１２３１５', '12315'],
    ['①', '1'],
    ['㎏', 'kg'],
    // nothing left
    ['', ''],
    ['  ,.!？… ', ''],
    ['\ud800', ''], // lone surrogate
  ])('%j → %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it.each([
    ['什么', '什么'],
    ['吃饭', '吃饭'],
    ['人才', '人才'],
    ['群里', '群里'],
    ['温度', '温度'],
    ['发货', '发货'],
  ])('leaves simplified %j alone', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('is idempotent on every BMP code point', () => {
    const stable: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const once = normalizeText(String.fromCharCode(c));
      if (normalizeText(once) !== once) stable.push(String.fromCharCode(c));
    }
    expect(stable).toEqual([]);
  });

  it('agrees with opencc on single characters, except where it follows the chain to a fixed point', () => {
    const opencc = Converter({ from: 'tw', to: 'cn' });
    let differences = 0;
    let checked = 0;
    for (let c = 0x4e00; c <= 0x9fff; c++) {
      const ch = String.fromCharCode(c);
      const expected = opencc(ch);
      checked++;
      if (normalizeText(ch) !== normalizeText(expected)) differences++;
    }
    // normalizeText(expected) absorbs our extra fixed-point steps; what remains
    // are Hong Kong variants, which opencc's `tw` converter does not apply.
    expect(differences / checked).toBeLessThan(0.001);
  });

  it('handles long texts beyond the scratch buffer', () => {
    const long = '退 款'.repeat(5000);
    expect(normalizeText(long)).toBe('退款'.repeat(5000));
  });
});

describe('normalizeWithOffsets', () => {
  it('maps each output unit back to its source index', () => {
    const { text, offsets } = normalizeWithOffsets('a, 退 款 ＦＲ');
    expect(text).toBe('a退款fr');
    expect(Array.from(offsets)).toEqual([0, 3, 5, 7, 8, 9]);
  });

  it('points an expanded or astral character at its first unit', () => {
    const { text, offsets } = normalizeWithOffsets('x㎏𝐟');
    expect(text).toBe('xkgf');
    expect(Array.from(offsets)).toEqual([0, 1, 1, 2, 4]);
  });
});

describe('foldForAnalysis', () => {
  it.each([
    ['我要投訴！', '我要投诉!'],
    ['ＴＶ壞了？', 'tv坏了?'],
    ['退 款，１２３１５', '退 款,12315'],
    ['I don’t know', "i don't know"],
    ['好的😀', '好的😀'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(foldForAnalysis(input)).toBe(expected);
  });

  it('folds twice to the same text', () => {
    const once = foldForAnalysis('請問我的快遞什麼時候能到？ＯＫ');
    expect(foldForAnalysis(once)).toBe(once);
  });
});
