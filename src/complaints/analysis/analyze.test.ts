import { describe, expect, it } from 'vitest';
import {
  analyze,
  analyzeText,
  type ComplaintCategory,
  createTextAnalyzer,
  DEFAULT_CATEGORY_KEYWORDS,
  defaultLexicon,
  type SignalKind,
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
    ['refund me or I will report you to the BBB', ['report you', 'BBB']],
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
      lexicon: { add: { media: ['黑猫投诉'] }, remove: ['投诉'] },
      categoryKeywords: {
        ...DEFAULT_CATEGORY_KEYWORDS,
        technical: [...DEFAULT_CATEGORY_KEYWORDS.technical, '二维码'],
      },
    };
    const result = analyzeText('二维码扫不出来，我要去黑猫投诉', options);
    expect(result.signals).toContainEqual({ kind: 'media', word: '黑猫投诉' });
    expect(result.riskWords).toEqual(['黑猫投诉']);
    expect(result.category).toBe('technical');
    expect(createTextAnalyzer({ lexicon: { remove: ['投诉'] } })('我要投诉').riskWords).toEqual([]);
    expect(analyze('我要投诉').riskWords).toEqual(['投诉']);
  });

  it('exports the default lists for settings to show', () => {
    expect(defaultLexicon.threat).toContain('弄死你');
    expect(defaultLexicon.regulator).toContain('12315');
    expect(DEFAULT_CATEGORY_KEYWORDS.logistics).toContain('快递');
  });
});

// Supervisor's reading of real-looking messages: complaint or not, and the signal kinds that must be found.
const recognition: [string, boolean, SignalKind[]][] = [
  // Product faults and service failures that name no cue word.
  ['新买的冰箱不制冷，售后拒绝上门', true, ['fault', 'service']],
  ['热水器漏电差点出事', true, ['safety']],
  ['洗衣机用了一周就漏水希望尽快处理', true, ['fault']],
  ['充电宝发烫冒烟，差点着火，必须给说法', true, ['safety', 'fault', 'demand']],
  ['手机一直死机，开不了机', true, ['fault']],
  ['发错货了，客服也不回复', true, ['service']],
  ['维修一拖再拖，都一个月了', true, ['service']],
  // Threats, legal, regulators and media.
  ['再不给我退款我就弄死你', true, ['threat']],
  ['我要找律师起诉你们，这是诈骗', true, ['legal']],
  ['我已经打了12315，你们自己看着办', true, ['regulator']],
  ['再不解决我就发微博曝光你们', true, ['media']],
  ['信不信我找人砸了你们的店', true, ['threat']],
  // Traditional Chinese and full width read the same.
  ['我要投訴', true, ['complaint']],
  ['再不給我退款我就弄死你', true, ['threat']],
  ['冷氣機不製冷，售後也不理', true, ['fault']],
  ['再不退款，我就去１２３１５投诉！', true, ['regulator']],
  ['ＴＶ开机就黑屏，刚买的', true, ['fault']],
  // Negation, hypotheticals, questions, praise.
  ['没有问题，谢谢', false, []],
  ['充电宝没有发烫，充得也挺快', false, []],
  ['用了一年了，一点问题都没有', false, []],
  ['如果坏了可以保修吗？', false, []],
  ['万一漏水了怎么处理？', false, []],
  ['请问我的快递什么时候能到？', false, []],
  ['請問我的快遞什麼時候能到？', false, []],
  ['发票怎么还没开', false, []],
  ['我不想投诉，就是问问什么时候能修好', false, []],
  ['之前说的漏水问题师傅已经修好了，谢谢', false, []],
  ['谢谢你们处理了我的投诉，非常满意', false, []],
  // Adverts and notifications are never complaints.
  ['加微信领红包，每天都有惊喜', false, []],
  ['【京东】您的验证码是482913，5分钟内有效', false, []],
  // English at parity.
  ['My new fridge stopped cooling after two days', true, ['fault']],
  ['The power bank started smoking and nearly caught fire', true, ['safety']],
  ['Refund me now or I will sue you', true, ['legal', 'demand']],
  ["I'm going to kill you if this isn't sorted", true, ['threat']],
  ['I have reported you to the BBB', true, ['regulator']],
  ['Where is my parcel? Still not delivered', true, ['service']],
  ['When will my parcel arrive?', false, []],
  ['Not broken at all, I just did not know how to use it', false, []],
  ['What happens if it breaks?', false, []],
  ['Click here to claim your free gift card', false, []],
];

describe('complaint recognition', () => {
  it.each(recognition)('%s → %s', (text, complaint, kinds) => {
    const a = analyze(text);
    expect(a.complaint).toBe(complaint);
    const found = new Set(a.signals.map((s) => s.kind));
    for (const kind of kinds) expect(found).toContain(kind);
  });

  it.each<[string, boolean]>([
    // Other domains: telecom, banks, insurance, travel, property, utilities.
    ['宽带天天掉线，报修三次了都没解决', true],
    ['保险公司以各种理由拒赔，当初卖的时候什么都说能赔', true],
    ['信用卡年费说好免的，结果还是扣了我三百', true],
    ['景区门票写着含缆车，到了又让另外买', true],
    ['平台无故封禁账号，里面还有余额', true],
    ['I was charged roaming fees and I never left the country', true],
    ['Ticket said cable car included, then we were told to pay again at the gate', true],
    ['Gym won’t let me cancel even though I’ve moved away', true],
    ['The airline lost my suitcase and won’t give me an update', true],
    // A promise, then its failure, needs the turn after the promise (another clause).
    ['说好的幸福', false],
    // News about others, chat about one's own things, and self-inflicted mishaps.
    ['深圳市中级法院以窃取信用卡信息罪判处两被告人有期徒刑各三年', false],
    ['看手机时间长了眼珠子不舒服', false],
    ['然后我一激动手机掉地上摔碎了', false],
    ['我手机屏幕碎了，下午去修一下', false],
    ['这雨下得没完没了', false],
    ['请问宽带可以办理暂停吗？', false],
    ['平台的退款规则在哪里看', false],
  ])('reads %s as a complaint: %s', (text, expected) => {
    expect(analyze(text).complaint).toBe(expected);
  });

  it.each([
    '再不给我退款我就弄死你',
    '我要找律师起诉你们，这是诈骗',
    '再不給我退款我就弄死你',
    "I'm going to kill you",
  ])('scores the threat %s strongly negative', (text) => {
    expect(analyze(text).sentiment).toBeLessThanOrEqual(-0.6);
  });

  it('reads traditional Chinese like simplified', () => {
    const simplified = analyze('再不给我退款我就弄死你，我要投诉');
    const traditional = analyze('再不給我退款我就弄死你，我要投訴');
    expect(traditional.riskWords).toEqual(simplified.riskWords);
    expect(traditional.sentiment).toBeCloseTo(simplified.sentiment, 6);
  });

  it.each<[string, ComplaintCategory | null]>([
    ['加微信领红包', null],
    ['发票怎么还没开', 'billing_refund'],
    ['新买的冰箱不制冷', 'product_quality'],
    ['电暖器插上就冒烟了，插座都烧黑了', 'product_quality'],
  ])('category of %s is %s', (text, category) => {
    expect(analyze(text).category).toBe(category);
  });
});
