import { describe, expect, it } from 'vitest';
import { scoreSentiment } from './sentiment.js';

const score = (text: string): number => scoreSentiment(text).score;

describe('scoreSentiment', () => {
  it.each([
    ['满意', 'positive'],
    ['不满意', 'negative'],
    ['太慢了', 'negative'],
    ['好吃', 'positive'],
    ['不好吃', 'negative'],
    ['好慢', 'negative'],
    ['送餐很快，态度也特别好，谢谢', 'positive'],
    ['东西不错但是送得太慢了', 'negative'],
    ['虽然慢但是很好吃', 'positive'],
    ['饭菜都凉了，汤也洒了', 'negative'],
    ['送错了，客服态度差，差评', 'negative'],
    ['骗子，垃圾商家', 'negative'],
    ['要是能再快一点就更好了', 'negative'],
    ['推荐，下次还来', 'positive'],
    ['ＮＯＴ ＧＯＯＤ', 'negative'],
    ['not good', 'negative'],
    ['very happy', 'positive'],
    ['good but too slow', 'negative'],
    ["I don't like it", 'negative'],
    ['The food was excellent, thanks!', 'positive'],
    ['Worst service ever, never again', 'negative'],
  ] as const)('%s reads %s', (text, expected) => {
    const s = score(text);
    if (expected === 'positive') expect(s).toBeGreaterThan(0);
    else expect(s).toBeLessThan(0);
  });

  it.each([
    ['非常满意', '满意'],
    ['很好吃', '好吃'],
    ['满意', '有点满意'],
    ['very happy', 'happy'],
    ['好吃！', '好吃'],
    ['满意', '不是很满意'],
  ])('%s scores higher than %s', (stronger, weaker) => {
    expect(score(stronger)).toBeGreaterThan(score(weaker));
  });

  it.each([
    ['不是很好', '不好'],
    ['not very good', 'not good'],
  ])('%s is negative but milder than %s', (softened, plain) => {
    expect(score(softened)).toBeLessThan(0);
    expect(score(softened)).toBeGreaterThan(score(plain));
  });

  it.each([
    ['差', '不差'],
    ['慢', '不慢'],
  ])('negating a negative word (%s → %s) turns it mildly positive', (word, negated) => {
    expect(score(word)).toBeLessThan(0);
    expect(score(negated)).toBeGreaterThan(0);
    expect(Math.abs(score(negated))).toBeLessThan(Math.abs(score(word)));
  });

  it.each([
    ['好几个人', '好 inside 好几'],
    ['快递到了', '快 inside 快递'],
    ['特别', '别 inside 特别'],
    ['goods arrived', 'good inside goods'],
    ['I know', 'no inside know'],
  ])('%s has no sentiment (%s)', (text) => {
    expect(scoreSentiment(text).hits.filter((h) => h.weight !== 0)).toEqual([]);
  });

  it('the clause after a contrast weighs more than the one before', () => {
    const { hits } = scoreSentiment('东西不错但是送得太慢了');
    expect(hits.map((h) => h.word)).toEqual(['不错', '太慢']);
    const [before, after] = hits;
    expect(Math.abs(after?.weight ?? 0)).toBeGreaterThan(Math.abs(before?.weight ?? 0));
  });

  it('reports the words it used, with modifiers', () => {
    expect(scoreSentiment('非常满意').hits).toEqual([{ word: '非常满意', weight: 2.7 }]);
  });

  it.each(['', '   ', '订单号 12345678', '。。。'])('gives 0 for text with no sentiment: %j', (text) => {
    expect(scoreSentiment(text)).toEqual({ score: 0, hits: [] });
  });

  it('stays within -1..1 however much is piled on', () => {
    expect(score('垃圾！！！骗子！！！太差了！！！再也不买了！！！'.repeat(20))).toBeGreaterThanOrEqual(-1);
    expect(score('非常满意非常好吃'.repeat(50))).toBeLessThanOrEqual(1);
  });
});
