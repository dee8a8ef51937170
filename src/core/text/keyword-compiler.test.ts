import { describe, expect, it } from 'vitest';
import { compile } from './aho-corasick.js';
import { KeywordCompiler } from './keyword-compiler.js';
import { normalizeText } from './normalize.js';

describe('KeywordCompiler', () => {
  const keywords = Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? `关键词${i}` : `word-${i}`));
  keywords.push('加微信', '退款', 'free money');
  const texts = [
    '加 微 信领红包',
    '我要退款！',
    'FREE-money now',
    '关键词2997 and word-3 and word-30',
    'nothing here',
  ].map(normalizeText);

  it('builds on its thread the same matcher as compile() in place', async () => {
    const compiler = new KeywordCompiler();
    try {
      const [threaded, again] = await Promise.all([compiler.compile(keywords), compiler.compile(keywords)]);
      const local = compile(keywords);
      for (const text of texts) {
        expect(threaded.matchAll(text)).toEqual(local.matchAll(text));
        expect(again.matchFirst(text)).toBe(local.matchFirst(text));
      }
      expect(threaded.matchAll(texts[0] as string).map((id) => threaded.keyword(id))).toEqual(['加微信']);
      expect(threaded.size).toBe(keywords.length);
    } finally {
      await compiler.close();
    }
  });

  it('compiles small lists in place, and still works after close()', async () => {
    const compiler = new KeywordCompiler();
    await compiler.close();
    const small = await compiler.compile(['退款']);
    expect(small.hasAny(normalizeText('我要退款'))).toBe(true);
    const large = await compiler.compile(keywords);
    expect(large.matchAll(texts[1] as string).map((id) => large.keyword(id))).toEqual(['退款']);
    await compiler.close();
  });
});
