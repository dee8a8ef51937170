import { describe, expect, it } from 'vitest';
import {
  analyzeText,
  type ComplaintCategory,
  createTextAnalyzer,
  DEFAULT_CATEGORY_KEYWORDS,
  DEFAULT_RISK_WORDS,
} from './analyze.js';

describe('analyzeText', () => {
  it('reads the example of DESIGN.md', () => {
    const result = analyzeText('你们再不退款我就去12315投诉');
    expect(result.riskWords).toEqual(['退款', '12315', '投诉']);
    expect(result.complaint).toBe(true);
    expect(result.sentiment).toBeLessThan(0);
  });

  it.each([
    ['我要去消费者协会投诉你们', ['消费者协会', '投诉']],
    ['再不处理我就找媒体曝光', ['媒体', '曝光']],
    ['退 款', ['退款']],
    ['退-款', ['退款']],
    ['退款', ['退款']],
    ['打12315', ['12315']],
    ['refund me or I will report you to the BBB', ['refund', 'report you', 'BBB']],
    ['My lawyer will sue', ['lawyer', 'sue']],
    ['the goods are fine', []],
    ['phone 13812315000', []],
    ['味道不错', []],
  ])('risk words in %s', (text, expected) => {
    expect(analyzeText(text).riskWords).toEqual(expected);
  });

  it.each([
    ['我要投诉', true],
    ['快递三天了还没到，给个说法', true],
    ['到底什么时候退钱', true],
    ['客服态度太差了', true],
    ['饭菜都凉了，太难吃了', true],
    ['I want to complain about my order', true],
    ['Where is my parcel? Still not delivered', true],
    ['This is unacceptable', true],
    ['好吃，送餐也快', false],
    ['请问怎么开发票', false],
    ['谢谢你们处理了我的投诉，非常满意', false],
    ['Thanks, great service', false],
    ['', false],
  ])('complaint intent in %s → %s', (text, expected) => {
    expect(analyzeText(text).complaint).toBe(expected);
  });

  it.each<[string, ComplaintCategory | null]>([
    ['快递三天了还没到', 'logistics'],
    ['骑手超时一个小时', 'logistics'],
    ['申请售后换货一直没人处理', 'after_sales'],
    ['收到的东西是假货，还过期了', 'product_quality'],
    ['多收了我十块钱，发票也没给', 'billing_refund'],
    ['客服敷衍，态度很差', 'service_attitude'],
    ['APP一直闪退，登录不了', 'technical'],
    ['付款失败了好几次', 'technical'],
    ['My package never arrived', 'logistics'],
    ['I was overcharged on my bill', 'billing_refund'],
    ['The app crashes at checkout', 'technical'],
    ['你们太让人失望了，我要投诉', 'other'],
    ['你好', null],
    ['', null],
  ])('category of %s is %s', (text, expected) => {
    expect(analyzeText(text).category).toBe(expected);
  });

  it('gives empty text sentiment 0 and no category', () => {
    expect(analyzeText('')).toMatchObject({
      sentiment: 0,
      riskWords: [],
      complaint: false,
      category: null,
      categoryScores: {},
    });
  });

  it('takes configured word lists', () => {
    const options = {
      riskWords: [...DEFAULT_RISK_WORDS, '黑猫投诉'],
      categoryKeywords: {
        ...DEFAULT_CATEGORY_KEYWORDS,
        technical: [...DEFAULT_CATEGORY_KEYWORDS.technical, '二维码'],
      },
    };
    const result = analyzeText('二维码扫不出来，我要去黑猫投诉', options);
    expect(result.riskWords).toEqual(['黑猫投诉']);
    expect(result.category).toBe('technical');
    expect(createTextAnalyzer({ riskWords: [] })('我要投诉').riskWords).toEqual([]);
  });
});
